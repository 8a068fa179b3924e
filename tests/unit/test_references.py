from __future__ import annotations

import pytest

from tests.unit.conftest import MiniCourse, notebook
from widgets.loading import ContentError
from widgets.references import (
    cited_numbers,
    content_citations,
    lesson_citations,
    load_references,
    sources,
)


def test_cited_numbers_in_order_of_first_appearance() -> None:
    text = "Rare [5]. Around joints [1, 26, 70]; again [5] and [26,3]."
    assert cited_numbers(text) == [5, 1, 26, 70, 3]


def test_links_and_non_numeric_brackets_are_not_citations() -> None:
    assert cited_numbers("see [3](https://x.org) and [a] and [1a] and [ 2 ]") == []


def test_content_citations_walk_nested_refs() -> None:
    data = {"forms": [{"facts": [{"refs": [4, 2]}, {"refs": [2, 9]}]}, {"refs": [1]}]}
    assert sorted(content_citations(data)) == [1, 2, 4, 9]


def test_sources_merge_text_and_used_content(mini_course: MiniCourse) -> None:
    root = mini_course(lessons={"01-next": notebook(["Calcium [3].", "Phosphate [1, 3]."])})
    (root / "assets" / "facts.yaml").write_text("facts:\n  - refs: [2]\n", encoding="utf-8")
    assert lesson_citations("01-next") == [1, 2, 3]
    listed = sources("01-next")
    assert [reference.number for reference in listed.references] == [1, 2, 3]
    assert repr(listed) == "SourceList('01-next', references [1, 2, 3])"


def test_source_list_html_links_doi_first_then_url(mini_course: MiniCourse) -> None:
    root = mini_course(lessons={"01-next": notebook(["[1] [3]"])})
    (root / "assets" / "facts.yaml").write_text("refs: [2]\n", encoding="utf-8")
    html = sources("01-next")._repr_html_()
    assert 'href="https://doi.org/10.1000/one"' in html
    assert 'href="https://example.org/phosphate"' not in html  # no address in its citation text
    assert html.count("<a ") == 1
    assert '<li id="ref-3" data-ref="3"' in html
    assert "<em>J Calc</em>" in html


def test_addresses_in_citations_become_links(mini_course: MiniCourse) -> None:
    root = mini_course(lessons={"01-next": notebook(["[2]"])})
    path = root / "assets" / "references.yaml"
    text = path.read_text().replace(
        "A web page about phosphate.", "Phosphate page. https://ex.org/p?a=1&b=2."
    )
    path.write_text(text, encoding="utf-8")
    (root / "assets" / "facts.yaml").write_text("{}\n", encoding="utf-8")
    html = sources("01-next")._repr_html_()
    assert '<a href="https://ex.org/p?a=1&amp;b=2" target="_blank"' in html
    assert ">https://ex.org/p?a=1&amp;b=2</a>." in html


def test_a_citation_without_a_reference_names_lesson_and_number(mini_course: MiniCourse) -> None:
    mini_course(lessons={"00-intro": notebook(["Fine [1], broken [99]."])})
    with pytest.raises(ContentError, match=r"00-intro\.ipynb: cites reference\(s\) \[99\]"):
        sources("00-intro")


def test_a_missing_lesson_notebook_is_a_clear_error(mini_course: MiniCourse) -> None:
    mini_course()
    with pytest.raises(ContentError, match=r"00-intro\.ipynb: lesson notebook not found"):
        sources("00-intro")


def test_references_must_be_numbered_in_order(mini_course: MiniCourse) -> None:
    root = mini_course()
    path = root / "assets" / "references.yaml"
    path.write_text(path.read_text().replace("number: 2", "number: 7"), encoding="utf-8")
    with pytest.raises(ContentError, match="entry 2 has number 7"):
        load_references()


def test_the_real_reference_list_is_complete() -> None:
    references = load_references().references
    assert len(references) >= 77
    assert all(reference.citation for reference in references)
