from __future__ import annotations

from tests.unit.conftest import MiniCourse, notebook
from widgets.references.lesson_sources import sources


def test_source_list_html_links_doi_first_then_url(mini_course: MiniCourse) -> None:
    mini_course(lessons={"01-next": notebook(["[1] [2] [3]"])})
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
    html = sources("01-next")._repr_html_()
    assert '<a href="https://ex.org/p?a=1&amp;b=2" target="_blank"' in html
    assert ">https://ex.org/p?a=1&amp;b=2</a>." in html
