from lib.exports import safe_cell, unsafe_cell


def test_formula_starts_are_neutralised_and_restored():
    for risky in ["=SUM(A1)", "+1", "-2", "@cmd", "\tx"]:
        assert safe_cell(risky) == "'" + risky
        assert unsafe_cell(safe_cell(risky)) == risky
    assert safe_cell("tavallinen") == "tavallinen"
    assert safe_cell(5) == 5
    assert unsafe_cell("'lainaus") == "'lainaus"
