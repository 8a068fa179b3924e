"""Typed numbers are read strictly: ASCII digits in the usual forms, never NaN or infinity, and a
refusal repeats what was typed (shortened, invisible characters escaped) and says what to type."""

from __future__ import annotations

import math

import pytest

from widgets.typed_numbers import MAX_CHARS, SHOWN_CHARS, NotANumberError, parse_number, shown

ADVICE = "type the digits 0-9"
#: 3.5 in Arabic-Indic digits, with the Arabic decimal separator, which float() reads as 3.5.
ARABIC_INDIC_3_5 = "\u0663\u066b\u0665"


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("63.5", 63.5),
        ("63,5", 63.5),  # a decimal comma
        (" 7.5 ", 7.5),
        ("\t7.5\n", 7.5),
        ("+1", 1.0),
        ("-2", -2.0),
        (".5", 0.5),
        ("7.", 7.0),
        ("6.35e1", 63.5),
        ("6,35E+1", 63.5),
        ("1.5e-3", 0.0015),
        ("1,000", 1.0),  # one, with a decimal comma: there are no thousands separators
        ("1e-400", 0.0),  # too small for a float: zero, which callers may refuse
        ("1" * MAX_CHARS, float("1" * MAX_CHARS)),
        (" " * 100 + "7" + " " * 100, 7.0),  # spaces around do not count towards the limit
    ],
)
def test_the_usual_forms_of_a_number_are_read(typed: str, value: float) -> None:
    assert parse_number(typed) == pytest.approx(value)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        (ARABIC_INDIC_3_5, "uses digits other than 0-9"),
        ("\u06f3.\u06f5", "uses digits other than 0-9"),  # Extended Arabic-Indic (Persian)
        ("\uff13.\uff15", "uses digits other than 0-9"),  # full-width
        ("\u096d", "uses digits other than 0-9"),  # Devanagari
        ("1e400", "is too large to be used"),
        ("-1e400", "is too large to be used"),
        ("nan", "is not a finite number"),
        ("NaN", "is not a finite number"),
        ("inf", "is not a finite number"),
        ("-Infinity", "is not a finite number"),
        ("1_000", "is not a number"),  # Python's digit grouping, which float() reads
        ("1 000", "is not a number"),
        ("1,000,000", "is not a number"),
        ("1.2.3", "is not a number"),
        ("1,5.5", "is not a number"),
        ("0x1A", "is not a number"),
        ("½", "is not a number"),
        ("3²", "is not a number"),
        ("\u200b7", "is not a number"),  # a zero-width space, which strip() keeps
        ("7 mg/dL", "is not a number"),
        ("e5", "is not a number"),
        ("1e", "is not a number"),
        (".", "is not a number"),
        ("+", "is not a number"),
        ("abc", "is not a number"),
        ("1" * (MAX_CHARS + 1), "is too long for a number"),
        ("1" * 30 + ".5", "is too long for a number"),
    ],
)
def test_anything_else_is_refused_saying_why_and_what_to_type(typed: str, reason: str) -> None:
    with pytest.raises(NotANumberError) as refused:
        parse_number(typed)
    message = str(refused.value)
    assert message.startswith(shown(typed.strip()) + " " + reason)
    assert ADVICE in message
    assert "nan" not in message.replace(shown(typed.strip()), "")


@pytest.mark.parametrize("raw", [None, 12, 12.5, b"12", ["1"]])
def test_only_text_is_read(raw: object) -> None:
    with pytest.raises(NotANumberError, match="Type a number"):
        parse_number(raw)


@pytest.mark.parametrize("typed", ["", "   ", "\n"])
def test_an_empty_entry_asks_for_a_number(typed: str) -> None:
    with pytest.raises(NotANumberError, match="Type a number first"):
        parse_number(typed)


def test_a_thirty_character_number_is_a_number_not_nan() -> None:
    # The lab explorer used to turn 30 characters into NaN and then say "not nan".
    typed = "123456789012345678901234567890"
    assert parse_number(typed) == pytest.approx(1.2345678901234568e29)
    with pytest.raises(NotANumberError) as refused:
        parse_number(typed + "1")
    assert f"at most {MAX_CHARS} characters" in str(refused.value)
    assert "nan" not in str(refused.value).lower()


def test_no_accepted_text_reads_as_nan_or_infinity() -> None:
    for typed in ("9" * MAX_CHARS, "9e99999", "1e308", "1.7976931348623157e308"):
        try:
            value = parse_number(typed)
        except NotANumberError:
            continue
        assert math.isfinite(value)


def test_a_huge_entry_is_refused_without_being_read() -> None:
    with pytest.raises(NotANumberError, match="too long"):
        parse_number("1" * 10_000_000)


def test_the_message_repeats_the_entry_shortened() -> None:
    typed = "x" * 500
    with pytest.raises(NotANumberError) as refused:
        parse_number(typed)
    assert f"“{'x' * SHOWN_CHARS}…”" in str(refused.value)
    assert "x" * (SHOWN_CHARS + 1) not in str(refused.value)


def test_the_message_shows_invisible_characters_as_escapes() -> None:
    assert shown("7\u200b5") == "“7\\u200b5”"
    assert shown("a\nb\x00") == "“a\\nb\\x00”"
    assert shown("\u202eevil") == "“\\u202eevil”"  # a right-to-left override cannot reorder it
    assert shown(ARABIC_INDIC_3_5) == f"“{ARABIC_INDIC_3_5}”"  # printable text stays as typed


def test_the_message_is_plain_text_for_the_caller_to_escape() -> None:
    with pytest.raises(NotANumberError) as refused:
        parse_number("<b>7</b>")
    assert "“<b>7</b>”" in str(refused.value)
