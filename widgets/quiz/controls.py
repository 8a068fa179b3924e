"""The answer controls on screen, built from the pure specs of ``widgets.quiz.answers``.

Controls hold only what the student sees and picks: option labels in a shuffled order and the
position picked, read back in the bank's order by the spec. Which option is right never becomes
a widget trait.
"""

from __future__ import annotations

import base64
import html
from typing import assert_never

import ipywidgets as ipw

from widgets.paths import image_path
from widgets.quiz.answers import (
    Checklist,
    Choice,
    ControlSpec,
    ImagePick,
    Reorder,
    TextEntry,
    TrueOrFalse,
)
from widgets.ui import lean

_WIDE = {"width": "auto"}
_INITIAL = {"description_width": "initial"}
#: A typed answer's box: room for its label and the whole placeholder, never wider than the page.
_TEXT_ENTRY = {"width": "min(100%, 30em)"}


class AnswerControl:
    """Base: ``widget`` goes on screen; ``response()`` reads it back in bank order."""

    widget: ipw.Widget

    def response(self) -> object:
        raise NotImplementedError

    def restore(self, stored: object) -> None:
        """Show a saved response again (``response()`` as JSON values); ``ValueError`` if the
        control cannot show it."""
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
    def __init__(self, spec: Choice) -> None:
        self.spec = spec
        self.widget = lean(
            ipw.RadioButtons,
            options=[(label, position) for position, label in enumerate(spec.labels)],
            value=None,
            description=spec.description,
            layout_properties=_WIDE,
            style=_INITIAL,
        )

    def response(self) -> object:
        return self.spec.response(self.widget.value)

    def restore(self, stored: object) -> None:
        self.widget.value = _shown_position(self.spec.order, stored)


def _shown_position(order: tuple[int, ...], stored: object) -> int:
    """Where the option at bank position ``stored`` is shown."""
    if not isinstance(stored, int) or isinstance(stored, bool) or stored not in order:
        raise ValueError(f"no option at position {stored!r}")
    return order.index(stored)


class TrueOrFalseControl(AnswerControl):
    def __init__(self, spec: TrueOrFalse) -> None:
        self.spec = spec
        self.widget = lean(
            ipw.RadioButtons,
            options=list(spec.options),
            value=None,
            description=spec.description,
        )

    def response(self) -> object:
        return self.spec.response(self.widget.value)

    def restore(self, stored: object) -> None:
        if not isinstance(stored, bool):
            raise ValueError(f"not true or false: {stored!r}")
        self.widget.value = stored


class ChecklistControl(AnswerControl):
    def __init__(self, spec: Checklist) -> None:
        self.spec = spec
        self.boxes = [
            lean(ipw.Checkbox, description=label, indent=False, layout_properties=_WIDE)
            for label in spec.labels
        ]
        self.widget = lean(ipw.VBox, children=self.boxes)

    def response(self) -> object:
        return self.spec.response(box.value for box in self.boxes)

    def restore(self, stored: object) -> None:
        if not isinstance(stored, list) or not set(stored) <= set(self.spec.order):
            raise ValueError(f"not a set of option positions: {stored!r}")
        for box, position in zip(self.boxes, self.spec.order, strict=True):
            box.value = position in stored


class TextEntryControl(AnswerControl):
    def __init__(self, spec: TextEntry) -> None:
        self.spec = spec
        self.widget = lean(
            ipw.Text,
            placeholder=spec.placeholder,
            description=spec.description,
            style=_INITIAL,
            layout_properties=_TEXT_ENTRY,
        )

    def response(self) -> object:
        return self.spec.response(self.widget.value)

    def restore(self, stored: object) -> None:
        if not isinstance(stored, str):
            raise ValueError(f"not a typed answer: {stored!r}")
        self.widget.value = stored


class ReorderControl(AnswerControl):
    """A list box and two buttons: pick a step with the arrow keys, move it up or down."""

    def __init__(self, spec: Reorder) -> None:
        self.spec = spec
        self._order = list(spec.order)
        self.listbox = lean(
            ipw.Select,
            options=spec.labels(self._order),
            rows=len(spec.items),
            description=spec.description,
            layout_properties=_WIDE,
        )
        self.up = lean(ipw.Button, description="Move up", tooltip="Move the selected step up")
        self.down = lean(ipw.Button, description="Move down", tooltip="Move the selected step down")
        self.up.on_click(lambda _: self._move(-1))
        self.down.on_click(lambda _: self._move(+1))
        self.widget = lean(
            ipw.VBox, children=[self.listbox, lean(ipw.HBox, children=[self.up, self.down])]
        )

    def _move(self, step: int) -> None:
        position = self.listbox.value
        moved = self.spec.moved(self._order, position, step)
        if moved is None:
            return
        self._order = moved
        self.listbox.options = self.spec.labels(moved)
        self.listbox.value = position + step

    def response(self) -> object:
        return self.spec.response(self._order)

    def restore(self, stored: object) -> None:
        if not isinstance(stored, list) or sorted(stored) != sorted(self.spec.order):
            raise ValueError(f"not an order of these steps: {stored!r}")
        self._order = list(stored)
        self.listbox.options = self.spec.labels(self._order)


class ImagePickControl(AnswerControl):
    def __init__(self, spec: ImagePick) -> None:
        self.spec = spec
        figures = [
            lean(ipw.HTML, value=_figure(file, alt, label))
            for file, alt, label in zip(spec.files, spec.alts, spec.labels, strict=True)
        ]
        self._choice = lean(
            ipw.RadioButtons,
            options=[(label, position) for position, label in enumerate(spec.labels)],
            value=None,
            description=spec.description,
        )
        self.widget = lean(ipw.VBox, children=[lean(ipw.HBox, children=figures), self._choice])

    def response(self) -> object:
        return self.spec.response(self._choice.value)

    def restore(self, stored: object) -> None:
        self._choice.value = _shown_position(self.spec.order, stored)


def _figure(image: str, alt: str, caption: str) -> str:
    return stage_figure(image, alt, caption=caption, max_width_px=240)


def stage_figure(image: str, alt: str, *, caption: str = "", max_width_px: int = 480) -> str:
    """An image from ``assets/images/`` inlined as HTML, with its alt text and caption."""
    data = base64.b64encode(image_path(image).read_bytes()).decode()
    kind = "jpeg" if image.endswith((".jpg", ".jpeg")) else "png"
    return (
        f'<figure style="margin:0.3em"><img src="data:image/{kind};base64,{data}" '
        f'alt="{html.escape(alt)}" style="max-width:{max_width_px}px">'
        f"<figcaption>{html.escape(caption)}</figcaption></figure>"
    )


def control_for(spec: ControlSpec) -> AnswerControl:
    """The control that shows ``spec``."""
    match spec:
        case Choice():
            return ChoiceControl(spec)
        case TrueOrFalse():
            return TrueOrFalseControl(spec)
        case Checklist():
            return ChecklistControl(spec)
        case TextEntry():
            return TextEntryControl(spec)
        case Reorder():
            return ReorderControl(spec)
        case ImagePick():
            return ImagePickControl(spec)
        case _:
            assert_never(spec)
