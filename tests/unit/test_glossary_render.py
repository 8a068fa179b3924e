"""The glossary list: one <dt id="term-<id>"> per entry, its definition with its citation, and
"See also" links inside the page."""

from __future__ import annotations

import re
from pathlib import Path

from widgets.glossary.content import load_glossary
from widgets.glossary.render import GlossaryList

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"


def test_each_term_is_a_target_with_its_definition_citation_and_related_terms() -> None:
    shown = GlossaryList(load_glossary(FIXTURES / "good.yaml"))
    page = shown._repr_html_()
    assert page.count('<dl class="tc-glossary"') == 1
    assert re.findall(r'<dt id="(term-[a-z0-9-]+)"', page) == ["term-hftc", "term-trp"]
    assert '<span class="tc-cite">[3, 4]</span>' in page
    assert '<span class="tc-cite">[42]</span>' in page
    assert 'See also: <a href="#term-trp">TRP</a>.' in page
    assert repr(shown) == "GlossaryList(2 terms)"


def test_the_course_glossary_renders_every_entry() -> None:
    glossary = load_glossary()
    page = GlossaryList(glossary)._repr_html_()
    assert page.count("<dt ") == len(glossary.entries)
    assert "<em>GALNT3</em>" in page  # gene names in italics
