from datetime import date

import pytest

from civreport import Period, PeriodError


@pytest.mark.parametrize(
    ("code", "label", "months", "start", "end"),
    [
        ("2024Q1", "2024年第一季度", "1—3月", date(2024, 1, 1), date(2024, 3, 31)),
        ("2024Q3", "2024年第三季度", "7—9月", date(2024, 7, 1), date(2024, 9, 30)),
        ("2024Q4", "2024年第四季度", "10—12月", date(2024, 10, 1), date(2024, 12, 31)),
        ("2024H1", "2024年上半年", "1—6月", date(2024, 1, 1), date(2024, 6, 30)),
        ("2024H2", "2024年下半年", "7—12月", date(2024, 7, 1), date(2024, 12, 31)),
        ("2024Q1-Q3", "2024年前三季度", "1—9月", date(2024, 1, 1), date(2024, 9, 30)),
        ("2024", "2024年", "1—12月", date(2024, 1, 1), date(2024, 12, 31)),
        ("2024-07", "2024年7月", "7月", date(2024, 7, 1), date(2024, 7, 31)),
        ("2024-02", "2024年2月", "2月", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-01..2024-09", "2024年前三季度", "1—9月", date(2024, 1, 1), date(2024, 9, 30)),
        ("2024-02..2024-05", "2024年2—5月", "2—5月", date(2024, 2, 1), date(2024, 5, 31)),
        ("2023-10..2024-03", "2023年10月—2024年3月", "2023年10月—2024年3月", date(2023, 10, 1), date(2024, 3, 31)),
    ],
)
def test_forms_labels_and_ranges(code, label, months, start, end):
    period = Period.parse(code)
    assert period.label() == label
    assert period.month_range() == months
    assert (period.start, period.end) == (start, end)


def test_year_given_as_number_as_yaml_and_toml_do():
    assert Period.parse(2024) == Period.parse("2024")


@pytest.mark.parametrize(
    "code", ["2024Q1", "2024Q2-Q3", "2024H2", "2024", "2024-07", "2024-02..2024-05", "2023-10..2024-03"]
)
def test_code_reads_back_to_the_same_period(code):
    period = Period.parse(code)
    assert Period.parse(period.code()) == period
    assert period.code() == code


def test_equivalent_forms_share_one_code():
    assert Period.parse("2024-01..2024-06").code() == "2024H1"
    assert Period.parse("2024Q1-Q4") == Period.parse("2024")


def test_range_dash_is_a_setting():
    assert Period.parse("2024-02..2024-05").label("～") == "2024年2～5月"
    assert Period.parse("2024Q3").month_range("～") == "7～9月"


@pytest.mark.parametrize("code", ["2024Q5", "2024H3", "24Q1", "2024-13", "2024Q3-Q1", "2024-09..2024-01", "上半年", ""])
def test_invalid_periods_are_refused_in_chinese(code):
    with pytest.raises(PeriodError) as info:
        Period.parse(code)
    assert any("\u4e00" <= c <= "\u9fff" for c in str(info.value))
