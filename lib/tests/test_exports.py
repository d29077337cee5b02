from lib.exports import safe_cell, unsafe_cell


def test_formula_starts_are_neutralised_and_restored():
    for risky in ["=SUM(A1)", "+1", "-2", "@cmd"]:
        assert safe_cell(risky) == "'" + risky
        assert unsafe_cell(safe_cell(risky)) == risky
    assert safe_cell("tavallinen") == "tavallinen"
    assert safe_cell(5) == 5
    assert unsafe_cell("'lainaus") == "'lainaus"


def test_a_cell_loses_control_characters_before_the_formula_check():
    from lib.exports import safe_cell

    assert safe_cell("\x01=SUM(A1)") == "'=SUM(A1)"
    assert safe_cell("\r=SUM(A1)") == "\n'=SUM(A1)"
    assert safe_cell("rivi\x0b ja\x00 toinen") == "rivi ja toinen"
    assert safe_cell(5) == 5
