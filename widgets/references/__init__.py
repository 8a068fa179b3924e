"""Numbered references: the course's source list and the citations lessons make to it."""

from widgets.course import load_course
from widgets.loading import ContentError, read_yaml
from widgets.paths import assets_dir
from widgets.quiz.bank import bank_path
from widgets.references.catalog import Reference, ReferenceList, load_references
from widgets.references.citations import cited_numbers, content_citations, notebook_citations
from widgets.references.render import SourceList


def lesson_citations(stem: str) -> list[int]:
    """Every reference number a student meets in lesson ``stem``, in numeric order.

    That is the citations in its text, in the content files it shows (``uses`` in the course
    catalogue) and in its question bank.
    """
    lesson = load_course().lesson(stem)
    numbers = set(notebook_citations(lesson.notebook_path()))
    shown = [assets_dir() / name for name in lesson.uses]
    if (bank := bank_path(stem)).is_file():  # quiz explanations cite their sources too
        shown.append(bank)
    for path in shown:
        numbers.update(content_citations(read_yaml(path)))
    return sorted(numbers)


def sources(stem: str) -> SourceList:
    """The numbered sources of lesson ``stem``, for display at its end.

    The list is built from the citations the lesson shows, so it cannot drift from them; a
    citation with no matching reference is an error naming the lesson and the number.
    """
    reference_list = load_references()
    numbers = lesson_citations(stem)
    notebook = load_course().lesson(stem).notebook_path()
    unknown = [n for n in numbers if not 1 <= n <= len(reference_list.references)]
    if unknown:
        raise ContentError(notebook, f"cites reference(s) {unknown} that are not in the list")
    return SourceList(stem, tuple(reference_list.get(n) for n in numbers))


__all__ = [
    "Reference",
    "ReferenceList",
    "SourceList",
    "cited_numbers",
    "content_citations",
    "lesson_citations",
    "load_references",
    "notebook_citations",
    "sources",
]
