from __future__ import annotations

from tests.unit.conftest import MiniCourse, notebook
from widgets.references.catalog import load_references
from widgets.references.lesson_sources import sources
from widgets.references.render import SourceList


def _item(html: str, number: int) -> str:
    start = html.index(f'<li id="ref-{number}" data-ref="{number}"')
    return html[start : html.index("</li>", start)]


def test_source_list_links_the_doi_and_the_address(mini_course: MiniCourse) -> None:
    mini_course(lessons={"01-next": notebook(["[1] [2] [3]"])})
    html = sources("01-next")._repr_html_()
    assert 'href="https://doi.org/10.1000/one"' in _item(html, 1)
    assert 'href="https://example.org/phosphate"' in _item(html, 2)
    assert html.count("<a ") == 2
    assert '<li id="ref-3" data-ref="3"' in html
    assert "<em>J Calc</em>" in html


def test_each_entry_shows_what_was_read(mini_course: MiniCourse) -> None:
    mini_course(lessons={"01-next": notebook(["[1] [3]"])})
    html = sources("01-next")._repr_html_()
    assert ">Read: abstract only</span>" in _item(html, 1)
    assert ">Read: full text</span>" in _item(html, 3)
    assert html.count('class="tc-access"') == 2


def test_parts_the_sources_lack_are_said_to_be_missing(mini_course: MiniCourse) -> None:
    mini_course(lessons={"01-next": notebook(["[1] [2] [3]"])})
    html = sources("01-next")._repr_html_()
    assert '<span class="tc-missing">Authors not given in our sources.</span>' in _item(html, 3)
    assert "Year not given in our sources." in _item(html, 2)
    assert "tc-missing" not in _item(html, 1)


def test_addresses_and_dois_in_a_note_become_links(mini_course: MiniCourse) -> None:
    root = mini_course(lessons={"01-next": notebook(["[3]"])})
    path = root / "assets" / "references.yaml"
    note = '    note: "Also: https://ex.org/p?a=1&b=2. And doi:10.1000/two."\n'
    text = path.read_text().replace("    access: full text\n", note + "    access: full text\n")
    path.write_text(text, encoding="utf-8")
    html = sources("01-next")._repr_html_()
    assert '<a href="https://ex.org/p?a=1&amp;b=2" target="_blank"' in html
    assert ">https://ex.org/p?a=1&amp;b=2</a>." in html
    assert 'doi:<a href="https://doi.org/10.1000/two" target="_blank"' in html


def test_a_real_entry_shows_its_access_its_gaps_and_its_pubmed_link() -> None:
    references = load_references()
    html = SourceList("any", (references.get(1), references.get(28)))._repr_html_()
    assert ">Read: abstract only</span>" in _item(html, 1)
    assert 'href="https://pubmed.ncbi.nlm.nih.gov/16702460/"' in _item(html, 1)
    assert "Authors not given in our sources." in _item(html, 28)
    assert "Read: abstract only" in _item(html, 28)
