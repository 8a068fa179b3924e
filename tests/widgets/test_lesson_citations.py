"""Every citation a lesson's widgets display is in that lesson's source list.

Each lesson's code cells run here, in plain Python; every question is answered (and its answer
shown when the first try is wrong, so its explanation appears), and every choice of an explorer
is tried. All the text the widgets then hold is scanned for [n]. The review questions that open a
quiz come from earlier lessons and list their own sources under them: their citations must be in
that list instead.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ipywidgets as ipw
import pytest

from tests.conftest import lesson_files
from widgets.charts.chart import Chart
from widgets.quiz.view import ReviewBlock
from widgets.references.citations import cells_of, cited_numbers
from widgets.references.lesson_sources import lesson_citations
from widgets.references.render import SourceList

TEXT_TRAITS = ("value", "description", "placeholder", "tooltip", "tooltips", "_options_labels")
CHOICES = (ipw.Dropdown, ipw.ToggleButtons, ipw.RadioButtons)


def shown_objects(notebook: Path) -> list[object]:
    """What each code cell of the lesson displays: the value of its last expression."""
    namespace: dict[str, Any] = {}
    shown = []
    for source in cells_of(notebook, "code"):
        tree = ast.parse(source)
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, str(notebook), "exec"), namespace)
        if last is not None:
            expression = ast.Expression(last.value)
            shown.append(eval(compile(expression, str(notebook), "eval"), namespace))
    return shown


def walk(widget: ipw.Widget, *, reviews: bool = True) -> Iterator[ipw.Widget]:
    """The widget and all below it; without ``reviews``, not into review blocks."""
    if not reviews and isinstance(widget, ReviewBlock):
        return
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child, reviews=reviews)


def strings(data: object) -> Iterator[str]:
    """Every string inside nested JSON-like data (numbers are never citations)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from strings(item)


def widget_text(root: ipw.Widget, *, reviews: bool = False) -> list[str]:
    found: list[str] = []
    for widget in walk(root, reviews=reviews):
        for name in TEXT_TRAITS:
            if widget.has_trait(name):
                found += strings(getattr(widget, name))
        if isinstance(widget, ipw.Output):
            found += strings(json.loads(json.dumps(widget.outputs)))
    return found


def answer_every_question(root: ipw.Widget) -> None:
    """Give each question an answer and check it; show the answer after a wrong first try.

    A staged case grows a stage each time one is finished, so repeat until nothing is left.
    """
    done: set[int] = set()
    while True:
        cards = [w for w in walk(root) if hasattr(w, "check") and hasattr(w, "reveal")]
        cards = [card for card in cards if id(card) not in done]
        if not cards:
            return
        for card in cards:
            done.add(id(card))
            pick_something(card.control.widget)
            card.check.click()
            card.reveal.click()


def pick_something(control: ipw.Widget) -> None:
    for widget in walk(control):
        if isinstance(widget, ipw.RadioButtons) and widget.options:
            widget.index = len(widget.options) - 1
        elif isinstance(widget, ipw.Checkbox):
            widget.value = True
        elif isinstance(widget, ipw.Text):
            widget.value = "1"


def try_every_choice(root: ipw.Widget) -> list[str]:
    """Each choice of each explorer control, one at a time; the text shown after each."""
    found: list[str] = []
    question_parts = {
        id(w) for card in walk(root) if hasattr(card, "control") for w in walk(card.control.widget)
    }
    for widget in list(walk(root)):
        if isinstance(widget, CHOICES) and id(widget) not in question_parts:
            for index in range(len(widget.options)):
                widget.index = index
                found += widget_text(root)
    return found


def review_blocks_cite_their_own_list(root: ipw.Widget) -> int:
    """Check each review block's citations against the list under it; how many blocks."""
    blocks = [w for w in walk(root) if isinstance(w, ReviewBlock)]
    for block in blocks:
        *questions, listed = block.children
        cited = {
            n
            for card in questions
            for text in widget_text(card, reviews=True)
            for n in cited_numbers(text)
        }
        in_list = {int(n) for n in re.findall(r'data-ref="(\d+)"', listed.value)}
        assert cited, f"{block!r} shows no citation: the check would prove nothing"
        assert sorted(cited - in_list) == [], f"{block!r} cites sources it does not list"
    return len(blocks)


def displayed_text(shown: object) -> list[str]:
    if isinstance(shown, SourceList):
        return []  # the list itself, not a citation
    if isinstance(shown, Chart):
        return list(strings(json.loads(shown.to_json())))
    if isinstance(shown, ipw.Widget):
        found = widget_text(shown) + try_every_choice(shown)
        answer_every_question(shown)
        review_blocks_cite_their_own_list(shown)
        return found + widget_text(shown)
    html = getattr(shown, "_repr_html_", None)
    return [html()] if html else [repr(shown)]


@pytest.mark.parametrize("notebook", lesson_files(), ids=lambda path: path.stem)
def test_every_citation_a_lesson_displays_is_in_its_source_list(notebook: Path) -> None:
    displayed = {
        n
        for shown in shown_objects(notebook)
        for text in displayed_text(shown)
        for n in cited_numbers(text)
    }
    listed = set(lesson_citations(notebook.stem))
    assert displayed, "the scan found no citation at all: it would prove nothing"
    assert sorted(displayed - listed) == [], f"{notebook.stem} shows citations not in its sources"
