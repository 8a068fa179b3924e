"""What a student sees and picks for each kind of answer, pure: the specs controls are built from.

A spec holds only what is on screen (labels, in the order shown) and reads a pick back in the
bank's order: every position a spec returns is a position in the bank. Which option is right is
never part of a spec, so it cannot become a widget trait. Shuffled orders come from
``widgets.quiz.shuffle``; ``widgets.quiz.controls`` builds the widgets.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Letters that name the images of an image choice, in the order shown.
LETTERS = "ABCDEF"


def shown_in(order: Sequence[int], items: Sequence[str]) -> tuple[str, ...]:
    """``items`` (in bank order) in the order shown: ``order[p]`` is the item shown at ``p``."""
    return tuple(items[i] for i in order)


@dataclass(frozen=True)
class Choice:
    """One of several options, as radio buttons; ``order[p]`` is the bank position shown at p."""

    labels: tuple[str, ...]
    order: tuple[int, ...]
    description: str = "Your answer:"

    def response(self, position: int | None) -> int | None:
        return None if position is None else self.order[position]


@dataclass(frozen=True)
class TrueOrFalse:
    """A statement to judge: true or false."""

    options: tuple[tuple[str, bool], ...] = (("True", True), ("False", False))
    description: str = "Your answer:"

    def response(self, value: bool | None) -> bool | None:
        return value


@dataclass(frozen=True)
class Checklist:
    """Options to tick, any number of them, in the order ``order`` shows them."""

    labels: tuple[str, ...]
    order: tuple[int, ...]

    def response(self, ticked: Iterable[bool]) -> set[int]:
        """The bank positions of the ticked boxes, from each box's state in the order shown."""
        return {self.order[p] for p, on in enumerate(ticked) if on}


@dataclass(frozen=True)
class TextEntry:
    """A number to type, in ``unit``."""

    unit: str
    placeholder: str = "a number, such as 1.5"

    @property
    def description(self) -> str:
        return f"Your answer ({self.unit}):"

    def response(self, text: str) -> str:
        return text


@dataclass(frozen=True)
class Reorder:
    """Steps to put in order, starting in ``order`` (bank positions, never the right order)."""

    items: tuple[str, ...]
    order: tuple[int, ...]
    description: str = "Steps:"

    def labels(self, order: Sequence[int]) -> list[tuple[str, int]]:
        """The numbered list box entries for ``order``, each valued by its place in the list."""
        return [(f"{n}. {self.items[i]}", n - 1) for n, i in enumerate(order, start=1)]

    @staticmethod
    def moved(order: Sequence[int], position: int | None, step: int) -> list[int] | None:
        """``order`` with the step at ``position`` moved by ``step`` places; None if it cannot."""
        if position is None or not 0 <= position + step < len(order):
            return None
        moved = list(order)
        moved[position], moved[position + step] = moved[position + step], moved[position]
        return moved

    def response(self, order: Sequence[int]) -> list[int]:
        return list(order)


@dataclass(frozen=True)
class ImagePick:
    """Images to choose one of; ``files`` and ``alts`` are in the order shown, as ``order``."""

    files: tuple[str, ...]
    alts: tuple[str, ...]
    order: tuple[int, ...]
    description: str = "Your answer:"

    @property
    def letters(self) -> str:
        return LETTERS[: len(self.order)]

    @property
    def labels(self) -> tuple[str, ...]:
        """Each image's caption, which is also its radio button's label."""
        return tuple(f"Image {letter}" for letter in self.letters)

    def response(self, position: int | None) -> int | None:
        return None if position is None else self.order[position]


ControlSpec = Choice | TrueOrFalse | Checklist | TextEntry | Reorder | ImagePick
