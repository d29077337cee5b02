import pytest

from .helpers import found_kind


@pytest.mark.parametrize(
    "number",
    [
        "040-1234567",
        "0401234567",
        "040 123 4567",
        "040 231 14 40",
        "09 123 4567",
        "09-123 4567",
        "(09) 123 4567",
        "(014) 591186",
        "03 852 882",
        "+358 40 123 4567",
        "+358401234567",
        "+358 (0)40 123 4567",
        "(+358) 409319254",
        "00358 40 123 4567",
        "+46 70 123 45 67",
        "+358 00 9541858",  # not a valid number, but a phone number all the same
    ],
)
def test_it_finds_phone_numbers_in_common_notations(number):
    assert found_kind(f"Asiakas pyysi soittamaan numeroon {number}, kiitos.", "phone") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Päätös 12.3.2024 koski kolmea perhettä.",
        "Päätös 12.03.2024 diaarinumerolla 1234/2024.",
        "Kokous 01-02-2024 siirtyi.",
        "Vuonna 2023 ja vuosina 2019–2024 asiakkaita oli 1234.",
        "Y-tunnus 2345678-9 kuuluu yhtiölle.",
        "Y-tunnus 0123456-7 kuuluu yhtiölle.",
        "Postinumeroalueella 00100 on eniten häätöjä.",
        "Takuuvuokra on 1 200 euroa ja vuokra 850 €/kk.",
        "Korotus oli +1 234 567 euroa.",
        "Palveluohjaus soittaa klo 14.30–15.00.",
        "Aukiolo ma-pe 8-16.",
        "Summa 0,50 euroa ja alennus -20 %.",
        "Asiakasnumero 0123456 ja viite 00012345678.",
        "Asiakkaita oli 45, joista 12 alaikäisiä.",
    ],
)
def test_it_ignores_numbers_that_are_not_phones(text):
    assert found_kind(text, "phone") == []


def test_it_separates_two_numbers_written_side_by_side():
    assert found_kind("Numerot 040 1234567 050 7654321.", "phone") == [
        "040 1234567",
        "050 7654321",
    ]


def test_it_accepts_a_number_without_trunk_prefix_after_a_phone_word():
    assert found_kind("Puh. 401234567", "phone") == ["401234567"]
    assert found_kind("Maksu 401234567", "phone") == []


@pytest.mark.parametrize("language", ["sv", "en"])
def test_it_finds_phones_in_swedish_and_english(language):
    assert found_kind("Ring 045 761 7603 / call 045 761 7603", "phone", language) == [
        "045 761 7603",
        "045 761 7603",
    ]


@pytest.mark.parametrize(
    "number",
    [
        "040.123.4567",
        "09.123.4567",
        "040/123 4567",
        "040/1234567",
        "040  123  4567",
        "040\t123\t4567",
        "040 123\u200b4567",
        "040\u2060123\u00ad4567",
        "(040) 123 4567",
        "+358 (0)40 123 4567",
        "+358 (0) 40 123 4567",
        "00358 40 123 4567",
        "040\u2013123 4567",
        "040\u2212123\u22124567",
        "040 - 123 45 67",
        "040 123\n4567",
        "\uff10\uff14\uff10 \uff11\uff12\uff13 \uff14\uff15\uff16\uff17",
        "+358.40.123.4567",
    ],
)
def test_it_finds_phone_numbers_written_carelessly(number):
    text = f"Asiakas pyysi soittamaan numeroon {number}, kiitos."
    assert found_kind(text, "phone") == [number]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Päätös 12.03.2024 § 45 koski kolmea perhettä.", "fi"),
        ("Päivämäärät 01/02/2024, 01.02.24 ja 1.2.2024 kirjattiin.", "fi"),
        ("Ajalla 01.01.–31.12.2024 asiakkaita oli 0123.", "fi"),
        ("Dnro 0123/2024 on käsittelyssä, samoin THL/0456/2023.", "fi"),
        ("Päätös § 0123/2024 annettiin maanantaina.", "fi"),
        ("Aukiolo klo 08.00-16.00, puhelinaika 09.00–12.00.", "fi"),
        ("Summa 1.200.000 euroa ja 0 500 000 euroa.", "fi"),
        ("ISBN 0-306-40615-2 och ISBN 978-951-1-23456-7 finns i biblioteket.", "sv"),
        ("Between 2019–2024 and 1990-2000 the figures rose.", "en"),
        ("Y-tunnus 0123456-7 kuuluu yhtiölle.", "fi"),
    ],
)
def test_it_ignores_dates_times_sums_and_references_in_any_notation(text, language):
    assert found_kind(text, "phone", language) == []


def test_a_date_before_a_number_does_not_swallow_it():
    assert found_kind("Päätös 01.02.2024 050 1234567 soita.", "phone") == ["050 1234567"]


@pytest.mark.parametrize(
    "run",
    [
        "1 2 3 4 5 6 7 8 9 0 " * 6000,
        "0 " * 60000,
        "040 123 " * 15000,
        "0/" * 60000,
        "0.0." * 30000,
        "00 " * 40000,
    ],
)
def test_a_long_run_of_digit_groups_is_scanned_in_linear_time(run):
    import time

    from privacy.detectors.phones import find_phones

    started = time.process_time()
    list(find_phones(run))
    assert time.process_time() - started < 1.5


@pytest.mark.parametrize("number", ["358 40 123 4567", "358401234567", "358-50-1234567"])
def test_it_finds_a_finnish_mobile_number_with_the_country_code_but_no_plus(number):
    assert found_kind(f"Soita numeroon {number} heti.", "phone") == [number]


def test_a_number_opening_with_358_that_is_no_phone_stays_clean():
    assert found_kind("Väkiluku oli 358 401 vuonna 2023.", "phone") == []


@pytest.mark.parametrize(
    "text",
    [
        "Asianumero 2024-01234 siirtyi toiselle tiimille.",
        "Y-tunnukset 0913909-2 ja 9603082-8 ilmoitettiin tarjouksessa.",
        "Kustannuspaikka 0410 2233, tili 4300 (ostopalvelut).",
    ],
)
def test_it_ignores_case_numbers_business_ids_and_cost_centres(text):
    assert found_kind(text, "phone") == []
