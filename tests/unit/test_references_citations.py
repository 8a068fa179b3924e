from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.conftest import MiniCourse, notebook
from widgets.loading import ContentError
from widgets.references.citations import cells_of, cited_numbers, content_citations


def test_cited_numbers_in_order_of_first_appearance() -> None:
    text = "Rare [5]. Around joints [1, 26, 70]; again [5] and [26,3]."
    assert cited_numbers(text) == [5, 1, 26, 70, 3]


def test_links_and_non_numeric_brackets_are_not_citations() -> None:
    assert cited_numbers("see [3](https://x.org) and [a] and [1a] and [ 2 ]") == []


def test_content_citations_walk_nested_refs() -> None:
    data = {"forms": [{"facts": [{"refs": [4, 2]}, {"refs": [2, 9]}]}, {"refs": [1]}]}
    assert sorted(content_citations(data)) == [1, 2, 4, 9]


def test_content_citations_read_row_sources_and_text() -> None:
    data = {"rows": [{"source": 7, "note": "as in [8, 3]"}, {"source": True}]}
    assert content_citations(data) == [7, 8, 3]


def test_cells_of_keeps_kinds_apart(mini_course: MiniCourse) -> None:
    root = mini_course(lessons={"00-intro": notebook(["Text [1]."], ["quiz('00-intro')"])})
    path = root / "lessons" / "00-intro.ipynb"
    assert cells_of(path, "markdown") == ["Text [1]."]
    assert cells_of(path, "code") == ["quiz('00-intro')"]


def test_a_broken_notebook_is_named(tmp_path: Path) -> None:
    path = tmp_path / "00-broken.ipynb"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ContentError, match=r"00-broken\.ipynb: is not a readable notebook"):
        cells_of(path, "markdown")
