"""The course glossary: it loads and cites real references, lesson 00 shows it, every term is met
in a lesson, and each lesson links its terms where they first appear."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from widgets.glossary.content import load_glossary
from widgets.glossary.lessons import linked_lessons, linked_markdown
from widgets.glossary.links import GLOSSARY_NOTEBOOK
from widgets.paths import lesson_notebook, lessons_dir
from widgets.references.catalog import load_references
from widgets.references.lesson_sources import lesson_citations, shown_calls


def test_the_glossary_loads_and_every_entry_cites_real_references() -> None:
    glossary = load_glossary()
    count = len(load_references().references)
    assert len(glossary.entries) >= 20
    for entry in glossary.entries:
        assert entry.refs, entry.id
        assert all(1 <= number <= count for number in entry.refs), entry.id


def test_lesson_00_shows_the_glossary_with_its_sources() -> None:
    stem = Path(GLOSSARY_NOTEBOOK).stem
    assert ("glossary", []) in shown_calls(lessons_dir() / GLOSSARY_NOTEBOOK)
    cited = {number for entry in load_glossary().entries for number in entry.refs}
    assert cited <= set(lesson_citations(stem))


def test_every_term_is_met_in_some_lesson() -> None:
    linked = set()
    for stem in linked_lessons():
        _, after = linked_markdown(lesson_notebook(stem))
        linked.update(re.findall(r"#term-([a-z0-9-]+)\)", "\n".join(after)))
    unmet = sorted({entry.id for entry in load_glossary().entries} - linked)
    assert unmet == [], (
        "a glossary term no lesson uses (or whose spellings the lessons differ from)"
    )


# (b) Lessons stay linked: fails when a lesson has a term's first appearance unlinked (new text, a
# new term) or a link the linker would move or drop. Fix with: python tools/link_glossary.py
@pytest.mark.parametrize("stem", linked_lessons())
def test_the_lesson_links_each_term_where_it_first_appears(stem: str) -> None:
    before, after = linked_markdown(lesson_notebook(stem))
    changed = [
        number for number, (old, new) in enumerate(zip(before, after, strict=True), 1) if old != new
    ]
    assert changed == [], (
        f"markdown cell(s) {changed} of {stem} need glossary links: run tools/link_glossary.py"
    )
