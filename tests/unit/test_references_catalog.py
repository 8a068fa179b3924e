from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.conftest import MiniCourse
from widgets.loading import ContentError
from widgets.references.catalog import PART_WORDS, load_references


def _edit(root: Path, old: str, new: str) -> None:
    path = root / "assets" / "references.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_references_must_be_numbered_in_order(mini_course: MiniCourse) -> None:
    root = mini_course()
    _edit(root, "number: 2", "number: 7")
    with pytest.raises(ContentError, match="entry 2 has number 7"):
        load_references()


def test_a_part_left_out_must_be_declared_missing(mini_course: MiniCourse) -> None:
    root = mini_course()
    _edit(root, "    missing: [authors]\n", "")
    with pytest.raises(ContentError, match=r"reference \[3\] has no authors"):
        load_references()


def test_a_part_declared_missing_must_be_left_out(mini_course: MiniCourse) -> None:
    root = mini_course()
    _edit(root, "    missing: [year]\n", '    year: "2005"\n    missing: [year]\n')
    with pytest.raises(ContentError, match=r"reference \[2\] lists 'year' under missing"):
        load_references()


def test_every_entry_says_what_was_read(mini_course: MiniCourse) -> None:
    root = mini_course()
    _edit(root, "    access: full text\n", "")
    with pytest.raises(ContentError, match=r"references\[2\]\.access: Field required"):
        load_references()


def test_the_citation_is_formatted_from_the_fields(mini_course: MiniCourse) -> None:
    mini_course()
    first, second, third = load_references().references
    assert first.citation_text() == (
        "Author A. A paper about calcium. *J Calc*. 2001;1(2):3-4. doi:10.1000/one."
    )
    assert second.citation_text() == (
        "Author B. A web page about phosphate. Example site. https://example.org/phosphate"
    )
    assert third.citation_text() == "A book without a link. Example Press. 1999."


def test_the_real_reference_list_is_complete() -> None:
    references = load_references().references
    assert len(references) >= 77
    for reference in references:
        assert reference.access.strip(), reference.number
        # A part is either given or declared missing; the model refuses anything else.
        for part in PART_WORDS:
            assert (getattr(reference, part) is None) == (part in reference.missing)
        assert reference.title or reference.note, f"[{reference.number}] says what it is"


def test_the_real_list_keeps_the_brief_s_gaps_and_access_notes() -> None:
    references = load_references()
    assert references.get(1).access == "abstract only"
    assert references.get(15).access == "not accessed; cited via [2], [16]"
    assert references.get(33).missing == ["authors", "title"]
    # The brief's guess at [28]'s first author is unverified, so the list does not show it.
    unverified = references.get(28)
    assert unverified.authors is None
    assert "Cof" not in unverified.model_dump_json()
    assert "not verified" in (unverified.note or "")
