"""The answer controls of each question type, and reading them back in the bank's order.

Controls hold only what the student sees and picks: option labels in a shuffled order and the
position picked. Which option is right never becomes a widget trait.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import ipywidgets as ipw

from widgets.images import images_dir
from widgets.quiz.bank import (
    AnyQuestion,
    ImageChoice,
    MultipleAnswer,
    Numeric,
    Ordering,
    SingleBestAnswer,
    TrueFalse,
)
from widgets.quiz.shuffle import display_order, scrambled_order
from widgets.ui import lean

_WIDE = {"width": "auto"}
_INITIAL = {"description_width": "initial"}


class AnswerControl:
    """Base: ``widget`` goes on screen; ``response()`` reads it back in bank order."""

    widget: ipw.Widget

    def response(self) -> object:
        raise NotImplementedError

    def disable(self) -> None:
        for child in _leaves(self.widget):
            child.disabled = True


def _leaves(widget: ipw.Widget) -> list[ipw.Widget]:
    children = getattr(widget, "children", None)
    if children is None:
        return [widget] if hasattr(widget, "disabled") else []
    return [leaf for child in children for leaf in _leaves(child)]


class ChoiceControl(AnswerControl):
    def __init__(self, labels: list[str], order: list[int], *, description: str) -> None:
        self._order = order
        self.widget = lean(
            ipw.RadioButtons,
            options=[(labels[i], position) for position, i in enumerate(order)],
            value=None,
            description=description,
            layout_properties=_WIDE,
            style=_INITIAL,
        )

    def response(self) -> object:
        position = self.widget.value
        return None if position is None else self._order[position]


class MultiControl(AnswerControl):
    def __init__(self, labels: list[str], order: list[int]) -> None:
        self._order = order
        self._boxes = [
            lean(ipw.Checkbox, description=labels[i], indent=False, layout_properties=_WIDE)
            for i in order
        ]
        self.widget = lean(ipw.VBox, children=self._boxes)

    def response(self) -> object:
        return {self._order[p] for p, box in enumerate(self._boxes) if box.value}


class TrueFalseControl(AnswerControl):
    def __init__(self) -> None:
        self.widget = lean(
            ipw.RadioButtons,
            options=[("True", True), ("False", False)],
            value=None,
            description="Your answer:",
        )

    def response(self) -> object:
        return self.widget.value


class NumericControl(AnswerControl):
    def __init__(self, unit: str) -> None:
        self.widget = lean(
            ipw.Text,
            placeholder="a number, such as 12.5",
            description=f"Your answer ({unit}):",
            style=_INITIAL,
        )

    def response(self) -> object:
        return self.widget.value


class OrderingControl(AnswerControl):
    """A list box and two buttons: pick a step with the arrow keys, move it up or down."""

    def __init__(self, items: list[str], order: list[int]) -> None:
        self._items = items
        self._order = list(order)
        self.listbox = lean(
            ipw.Select,
            options=self._labels(),
            rows=len(items),
            description="Steps:",
            layout_properties=_WIDE,
        )
        self.up = lean(ipw.Button, description="Move up", tooltip="Move the selected step up")
        self.down = lean(ipw.Button, description="Move down", tooltip="Move the selected step down")
        self.up.on_click(lambda _: self._move(-1))
        self.down.on_click(lambda _: self._move(+1))
        self.widget = lean(
            ipw.VBox, children=[self.listbox, lean(ipw.HBox, children=[self.up, self.down])]
        )

    def _labels(self) -> list[tuple[str, int]]:
        return [(f"{n}. {self._items[i]}", n - 1) for n, i in enumerate(self._order, start=1)]

    def _move(self, step: int) -> None:
        position = self.listbox.value
        if position is None or not 0 <= position + step < len(self._order):
            return
        order = self._order
        order[position], order[position + step] = order[position + step], order[position]
        self.listbox.options = self._labels()
        self.listbox.value = position + step

    def response(self) -> object:
        return list(self._order)


class ImageControl(AnswerControl):
    def __init__(self, question: ImageChoice, order: list[int]) -> None:
        self._order = order
        letters = "ABCDEF"
        figures = [
            lean(
                ipw.HTML,
                value=_figure(question.options[i].image, question.options[i].alt, letters[p]),
            )
            for p, i in enumerate(order)
        ]
        self._choice = lean(
            ipw.RadioButtons,
            options=[(f"Image {letters[p]}", p) for p in range(len(order))],
            value=None,
            description="Your answer:",
        )
        self.widget = lean(ipw.VBox, children=[lean(ipw.HBox, children=figures), self._choice])

    def response(self) -> object:
        position = self._choice.value
        return None if position is None else self._order[position]


def _figure(image: str, alt: str, letter: str) -> str:
    return stage_figure(image, alt, caption=f"Image {letter}", max_width_px=240)


def stage_figure(image: str, alt: str, *, caption: str = "", max_width_px: int = 480) -> str:
    """An image from ``assets/images/`` inlined as HTML, with its alt text and caption."""
    data = base64.b64encode(Path(images_dir() / image).read_bytes()).decode()
    kind = "jpeg" if image.endswith((".jpg", ".jpeg")) else "png"
    return (
        f'<figure style="margin:0.3em"><img src="data:image/{kind};base64,{data}" '
        f'alt="{html.escape(alt)}" style="max-width:{max_width_px}px">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def control_for(question: AnyQuestion, *, learner: str, key: str) -> AnswerControl:
    """The control that fits ``question``; ``key`` seeds the learner's shuffled order."""
    if isinstance(question, SingleBestAnswer | MultipleAnswer):
        labels = [_plain(option.text) for option in question.options]
        order = display_order(len(labels), learner=learner, question_id=key)
        if isinstance(question, MultipleAnswer):
            return MultiControl(labels, order)
        return ChoiceControl(labels, order, description="Your answer:")
    if isinstance(question, TrueFalse):
        return TrueFalseControl()
    if isinstance(question, Numeric):
        return NumericControl(question.unit)
    if isinstance(question, Ordering):
        return OrderingControl(
            [_plain(item) for item in question.items],
            scrambled_order(len(question.items), learner=learner, question_id=key),
        )
    return ImageControl(
        question, display_order(len(question.options), learner=learner, question_id=key)
    )


def _plain(text: str) -> str:
    """Option labels are plain text in ipywidgets: drop the content files' emphasis marks."""
    return text.replace("*", "")
