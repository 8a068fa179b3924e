"""Control specs read what was picked on screen back in the bank's order."""

from __future__ import annotations

import pytest

from widgets.quiz.answers import (
    Checklist,
    Choice,
    ImagePick,
    Reorder,
    TextEntry,
    TrueOrFalse,
    shown_in,
)


def test_shown_in_puts_bank_items_in_display_order() -> None:
    assert shown_in([2, 0, 1], ["a", "b", "c"]) == ("c", "a", "b")


def test_a_choice_maps_the_position_shown_to_the_bank_position() -> None:
    spec = Choice(labels=("c", "a", "b"), order=(2, 0, 1))
    assert [spec.response(p) for p in range(3)] == [2, 0, 1]
    assert spec.response(None) is None
    assert spec.description == "Your answer:"


def test_a_checklist_maps_ticked_boxes_to_bank_positions() -> None:
    spec = Checklist(labels=("c", "a", "b"), order=(2, 0, 1))
    assert spec.response([True, False, True]) == {2, 1}
    assert spec.response([False, False, False]) == set()


def test_true_or_false_and_text_entry_pass_the_value_through() -> None:
    assert [TrueOrFalse().response(v) for v in (True, False, None)] == [True, False, None]
    assert TrueOrFalse().options == (("True", True), ("False", False))
    entry = TextEntry("mg/dL")
    assert entry.response(" 12,5 ") == " 12,5 "
    assert entry.description == "Your answer (mg/dL):"
    assert entry.placeholder == "a number, such as 1.5"


def test_reorder_numbers_its_list_and_moves_a_step() -> None:
    spec = Reorder(items=("first", "second", "third"), order=(2, 0, 1))
    assert spec.labels(spec.order) == [("1. third", 0), ("2. first", 1), ("3. second", 2)]
    assert spec.moved([2, 0, 1], 0, +1) == [0, 2, 1]
    assert spec.moved([2, 0, 1], 2, -1) == [2, 1, 0]
    assert spec.response((0, 1, 2)) == [0, 1, 2]


@pytest.mark.parametrize(("position", "step"), [(None, 1), (0, -1), (2, 1)])
def test_a_step_cannot_move_off_the_list(position: int | None, step: int) -> None:
    assert Reorder(items=("a", "b", "c"), order=(2, 0, 1)).moved([2, 0, 1], position, step) is None


def test_an_image_pick_letters_its_images_and_maps_the_pick_back() -> None:
    spec = ImagePick(files=("b.png", "a.png"), alts=("B", "A"), order=(1, 0))
    assert spec.letters == "AB"
    assert spec.labels == ("Image A", "Image B")
    assert spec.response(0) == 1
    assert spec.response(None) is None
