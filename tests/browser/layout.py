"""Measure a page's widget controls in Chromium: each whole inside its output and the viewport.

Used by ``test_layout.py`` in Voila and in JupyterLab. A control is an input, a dropdown, a button,
a slider with its readout, or a widget's label. It is cut off when its box runs past the right or
left edge of the output it sits in or of the viewport, or when its own text does not fit in it
(a label's ellipsis, a readout running past its box, a dropdown's chosen option or a text box's
placeholder wider than the room inside the control).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Page

#: Pixels of slack for sub-pixel rounding of boxes and text widths.
SLACK_PX = 1.5

#: The measurement, run in the page: ``([root, slack]) => [{name, left, width, problems}]``.
_MEASURE_JS = (Path(__file__).parent / "measure_controls.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Control:
    """One control as measured: what it is, where it is across, and what is wrong with it."""

    name: str
    left: float
    width: float
    problems: tuple[str, ...]


def measure_controls(page: Page, root: str | None = None) -> list[Control]:
    """Every visible widget control on the page (or under the ``root`` selector), in order."""
    found = page.evaluate(_MEASURE_JS, [root, SLACK_PX])
    return [
        Control(item["name"], item["left"], item["width"], tuple(item["problems"]))
        for item in found
    ]


def cut_off(controls: list[Control]) -> list[str]:
    """One line per control that is not whole."""
    return [f"{c.name}: {'; '.join(c.problems)}" for c in controls if c.problems]


def moved_sideways(before: list[Control], after: list[Control]) -> list[str]:
    """Controls present in both measurements whose left edge or width changed."""
    if [c.name.split(' "')[0] for c in before] != [c.name.split(' "')[0] for c in after]:
        return [f"the controls changed: {len(before)} before, {len(after)} after"]
    return [
        f"{a.name}: left {b.left:.0f} -> {a.left:.0f}, width {b.width:.0f} -> {a.width:.0f}"
        for b, a in zip(before, after, strict=True)
        if abs(a.left - b.left) > SLACK_PX or abs(a.width - b.width) > SLACK_PX
    ]
