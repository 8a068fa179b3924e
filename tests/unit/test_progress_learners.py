"""Learner names: one normal form; empty, overlong and control-character names refused."""

from __future__ import annotations

import pytest

from widgets.progress.learners import MAX_NAME_CHARACTERS, LearnerNameError, normalise_name


def test_whitespace_is_collapsed_and_stripped() -> None:
    assert normalise_name("  Ada \t\n  Lovelace  ") == "Ada Lovelace"


def test_the_same_name_typed_composed_or_decomposed_is_one_name() -> None:
    assert normalise_name("Zoe\u0301") == normalise_name("Zo\u00e9") == "Zo\u00e9"


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_an_empty_name_is_refused(text: str) -> None:
    with pytest.raises(LearnerNameError, match="empty"):
        normalise_name(text)


def test_a_ten_kilobyte_name_is_refused_saying_how_long_it_is() -> None:
    with pytest.raises(LearnerNameError, match=f"at most {MAX_NAME_CHARACTERS}.*10240"):
        normalise_name("a" * 10240)


def test_a_name_of_the_greatest_length_is_kept() -> None:
    assert normalise_name("é" * MAX_NAME_CHARACTERS) == "é" * MAX_NAME_CHARACTERS


@pytest.mark.parametrize("text", ["Ada\x00", "\x1b[31mAda", "Ada\x7f", "A\ud800da"])
def test_control_characters_are_refused_naming_the_character(text: str) -> None:
    with pytest.raises(LearnerNameError, match=r"control characters: U\+"):
        normalise_name(text)


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<b>Ada</b> & Co",
        "../x",
        "../../etc/passwd",
        'O\'Brien "Bob"; DROP TABLE learners;--',
        "山田 太郎",
        "Мария",
        "محمد",
        "👩‍⚕️ Dr Ada",
    ],
)
def test_anything_else_is_kept_as_typed(text: str) -> None:
    assert normalise_name(text) == text


def test_the_error_is_a_value_error() -> None:
    assert issubclass(LearnerNameError, ValueError)
