"""Shared layout and style models for the many small widgets of quizzes.

Every ipywidgets widget otherwise brings its own ``Layout`` and ``Style`` model, so a question
card of eight widgets costs twenty-odd models, and a lesson's quiz about five hundred. Each model
is state the browser must fetch and build when the page opens. Widgets that look the same share
one layout and one style model instead: a quiz then needs about 210 models and 110 KiB of state
rather than 520 and 330 KiB.

The shared models must never be changed after creation: a change would restyle every widget that
shares them. Make a new one with other properties instead.

``notice`` is what a lesson shows in place of a widget whose content cannot be loaded.
"""

from __future__ import annotations

import html
from typing import TypeVar

import ipywidgets as ipw
from ipywidgets.widgets.trait_types import InstanceDict

_layouts: dict[tuple[tuple[str, str], ...], ipw.Layout] = {}
_styles: dict[tuple[type, tuple[tuple[str, str], ...]], ipw.Widget] = {}

W = TypeVar("W", bound=ipw.DOMWidget)


def layout(**properties: str) -> ipw.Layout:
    """One shared ``Layout`` per distinct set of properties."""
    key = tuple(sorted(properties.items()))
    if key not in _layouts or _layouts[key].comm is None:  # closed: make a fresh one
        _layouts[key] = ipw.Layout(**properties)
    return _layouts[key]


def lean(kind: type[W], *, layout_properties: dict[str, str] | None = None, **kwargs: object) -> W:
    """A widget of ``kind`` whose layout and style models are shared with its look-alikes.

    ``style`` may be given as a dict of style properties, as in ipywidgets.
    """
    style_trait = kind.class_traits().get("style")
    properties = kwargs.pop("style", None) or {}
    assert isinstance(properties, dict)
    if isinstance(style_trait, InstanceDict):
        style_kind = style_trait.klass
        key = (style_kind, tuple(sorted((k, str(v)) for k, v in properties.items())))
        if key not in _styles or _styles[key].comm is None:
            _styles[key] = style_kind(**properties)
        kwargs["style"] = _styles[key]
    kwargs["layout"] = layout(**(layout_properties or {}))
    widget: W = kind(**kwargs)
    return widget


def notice(headline: str, detail: str) -> ipw.HTML:
    """What stands in place of a part of a lesson that cannot be built: what, and why, for the
    authors (a broken question bank, say, names its file, question id and field)."""
    shown = ipw.HTML(
        f"<p><strong>{html.escape(headline)}</strong> Please tell the course authors: "
        f"<code>{html.escape(detail)}</code></p>"
    )
    shown.add_class("tc-quiz-error")
    return shown
