"""Linking a term where it first appears in a lesson: once, in running text only, the same again
when run twice."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from widgets.glossary.links import link_first_appearances, spelling_pattern, target


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    aliases: list[str] = field(default_factory=list)

    def spellings(self) -> list[str]:
        return [self.term, *self.aliases]


TRP = Term("trp", "TRP", ["tubular reabsorption of phosphate"])
FGF23 = Term("fgf23", "FGF23")
INTACT = Term("intact-fgf23", "Intact FGF23")
CALCIPHYLAXIS = Term("calciphylaxis", "Calciphylaxis", ["calcific uraemic arteriolopathy"])
TERMS = [TRP, FGF23, INTACT, CALCIPHYLAXIS]


def link(text: str, entry_id: str) -> str:
    return f"[{text}]({target(entry_id)})"


def test_only_the_first_appearance_in_the_lesson_is_linked() -> None:
    cells = ["FGF23 acts on the kidney. FGF23 again.", "And FGF23 in a later cell."]
    assert link_first_appearances(cells, TERMS) == [
        f"{link('FGF23', 'fgf23')} acts on the kidney. FGF23 again.",
        "And FGF23 in a later cell.",
    ]


def test_an_alias_counts_as_an_appearance_of_its_term() -> None:
    cells = ["The tubular reabsorption of phosphate (TRP) is high."]
    assert link_first_appearances(cells, TERMS) == [
        f"The {link('tubular reabsorption of phosphate', 'trp')} (TRP) is high."
    ]


def test_a_spelling_wrapped_over_two_lines_is_found() -> None:
    cells = ["the tubular reabsorption\nof phosphate"]
    wrapped = "tubular reabsorption\nof phosphate"
    assert link_first_appearances(cells, TERMS) == [f"the {link(wrapped, 'trp')}"]


@pytest.mark.parametrize(
    "text",
    [
        "# TRP in a heading",
        "### Renal handling: TRP",
        "TRP as a setext heading\n---",
        "Code: `TRP = 1 - x`",
        "```\nTRP in a fence\n```",
        "A [TRP link](https://example.org) already",
        "An image ![TRP](film.png)",
        "<span title='TRP'>x</span>",
        "Math $TRP_{max}$ and $$TRP$$",
        "A URL https://example.org/TRP",
    ],
)
def test_headings_code_links_html_math_and_urls_are_left_alone(text: str) -> None:
    assert link_first_appearances([text], [TRP]) == [text]


def test_after_a_heading_the_first_appearance_in_the_text_is_linked() -> None:
    cells = ["## TRP and TmP/GFR\n\n`TRP` is a ratio; the TRP is high."]
    assert link_first_appearances(cells, [TRP]) == [
        f"## TRP and TmP/GFR\n\n`TRP` is a ratio; the {link('TRP', 'trp')} is high."
    ]


def test_whole_words_only_and_abbreviations_as_written() -> None:
    cells = ["trp, TRPV, TRP-like and FGF23-excess are not the terms; TRP and FGF23 are."]
    assert link_first_appearances(cells, [TRP, FGF23]) == [
        "trp, TRPV, TRP-like and FGF23-excess are not the terms; "
        f"{link('TRP', 'trp')} and {link('FGF23', 'fgf23')} are."
    ]


def test_words_match_in_any_case_and_inside_emphasis() -> None:
    cells = ["**calciphylaxis** is not *Intact FGF23*."]
    intact = link("Intact FGF23", "intact-fgf23")
    assert link_first_appearances(cells, TERMS) == [
        f"**{link('calciphylaxis', 'calciphylaxis')}** is not *{intact}*."
    ]


def test_the_longest_of_overlapping_spellings_wins() -> None:
    cells = ["The intact FGF23 is low; FGF23 is a hormone."]
    assert link_first_appearances(cells, TERMS) == [
        f"The {link('intact FGF23', 'intact-fgf23')} is low; {link('FGF23', 'fgf23')} is a hormone."
    ]


def test_running_twice_changes_nothing() -> None:
    cells = ["# FGF23", "FGF23 and TRP. Later FGF23, TRP and calcific uraemic arteriolopathy."]
    once = link_first_appearances(cells, TERMS)
    assert once != cells
    assert link_first_appearances(once, TERMS) == once


def test_an_already_linked_first_appearance_is_left_alone() -> None:
    cells = [f"The {link('TRP', 'trp')} is high; TRP again."]
    assert link_first_appearances(cells, [TRP]) == cells


def test_an_earlier_appearance_added_in_an_edit_takes_the_link() -> None:
    cells = ["A new TRP sentence.", f"The {link('TRP', 'trp')} is high."]
    assert link_first_appearances(cells, [TRP]) == [
        f"A new {link('TRP', 'trp')} sentence.",
        "The TRP is high.",
    ]


def test_a_link_to_a_term_no_longer_in_the_glossary_becomes_text() -> None:
    cells = [f"The {link('NFTC', 'nftc')} form."]
    assert link_first_appearances(cells, [TRP]) == ["The NFTC form."]


def test_other_links_to_lesson_00_are_not_the_linkers() -> None:
    cells = ["See [the map](00-start-here.ipynb#the-lesson-map) for TRP."]
    assert link_first_appearances(cells, [TRP]) == [
        f"See [the map](00-start-here.ipynb#the-lesson-map) for {link('TRP', 'trp')}."
    ]


def test_spelling_patterns_keep_abbreviations_case_sensitive() -> None:
    assert spelling_pattern("TmP/GFR") == r"(?<![\w-])TmP/GFR(?![\w-])"
    assert spelling_pattern("intact FGF23") == r"(?<![\w-])(?i:intact)\s+FGF23(?![\w-])"
