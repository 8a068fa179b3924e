"""A lesson's numbered sources, computed from everything the lesson shows.

That is the citations in its text, those of every content file shown by the names its code cells
call, and those each chart it calls displays (``widgets.lesson.SHOWN`` says which is which).
Nothing is listed by hand, so the list cannot drift from the lesson.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import widgets.lesson
from widgets.lesson import SHOWN
from widgets.loading import ContentError, read_yaml
from widgets.paths import lesson_notebook
from widgets.references.catalog import load_references
from widgets.references.citations import cells_of, cited_numbers, content_citations
from widgets.references.render import SourceList

Call = tuple[str, list[object]]


def _literal(node: ast.expr) -> object:
    """A call argument's value when it is written as a literal, else None."""
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def shown_calls(notebook: Path) -> list[Call]:
    """``(name, literal arguments)`` of every call in the lesson's code cells, in order."""
    calls: list[Call] = []
    for number, source in enumerate(cells_of(notebook, "code"), start=1):
        try:
            tree = ast.parse(source)
        except SyntaxError as error:
            raise ContentError(
                notebook, f"code cell {number} is not Python ({error.msg})"
            ) from None
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                calls.append((name, [_literal(argument) for argument in node.args]))
    return calls


def shown_files(stem: str) -> list[Path]:
    """The content files lesson ``stem`` shows, in the order its cells first show them."""
    notebook = lesson_notebook(stem)
    files: dict[Path, None] = {}
    for name, arguments in shown_calls(notebook):
        if name in SHOWN:
            try:
                files.update((path, None) for path in SHOWN[name].reads(arguments))
            except ValueError as problem:
                raise ContentError(notebook, f"{name}(...): {problem}") from None
    return list(files)


def chart_citations(name: str, arguments: list[object]) -> list[int]:
    """The citations chart ``name`` displays: every [n] in the texts of the figure it draws."""
    figure = getattr(widgets.lesson, name)(*arguments)
    return content_citations(json.loads(figure.to_json()))


def lesson_citations(stem: str) -> list[int]:
    """Every reference number a student meets in lesson ``stem``, in numeric order."""
    notebook = lesson_notebook(stem)
    numbers = set(cited_numbers("\n".join(cells_of(notebook, "markdown"))))
    for path in shown_files(stem):
        numbers.update(content_citations(read_yaml(path)))
    for name, arguments in shown_calls(notebook):
        if name in SHOWN and SHOWN[name].figure:
            numbers.update(chart_citations(name, arguments))
    return sorted(numbers)


def sources(stem: str) -> SourceList:
    """The numbered sources of lesson ``stem``, for display at its end.

    A citation with no matching reference is an error naming the lesson and the number.
    """
    reference_list = load_references()
    numbers = lesson_citations(stem)
    unknown = [n for n in numbers if not 1 <= n <= len(reference_list.references)]
    if unknown:
        raise ContentError(
            lesson_notebook(stem), f"cites reference(s) {unknown} that are not in the list"
        )
    return SourceList(stem, tuple(reference_list.get(n) for n in numbers))
