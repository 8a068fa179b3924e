"""The glossary file's model: a good file loads; each kind of breakage is refused with an error
naming the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.glossary.content import Entry, load_glossary
from widgets.loading import ContentError

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"


def test_a_good_file_loads_with_its_entries_in_order() -> None:
    glossary = load_glossary(FIXTURES / "good.yaml")
    assert [entry.id for entry in glossary.entries] == ["hftc", "trp"]
    assert glossary.entry("trp").spellings() == ["TRP", "tubular reabsorption of phosphate"]
    with pytest.raises(KeyError, match="no glossary entry 'nftc'"):
        glossary.entry("nftc")


def test_a_term_marked_as_a_gene_is_found_and_sorted_without_its_marks() -> None:
    entry = Entry(
        id="galnt3", term="*GALNT3*", definition="The gene of GalNAc-T3, an enzyme.", refs=[4]
    )
    assert entry.spellings() == ["GALNT3"]
    assert entry.sort_key() == "galnt3"


@pytest.mark.parametrize(
    ("fixture", "field", "says"),
    [
        ("duplicate-id.yaml", "entry hftc: id", "duplicate entry id"),
        ("unknown-see.yaml", "entry hftc: see", "no entry with id(s) ['tmp-gfr']"),
        ("unknown-ref.yaml", "entry trp: refs", "no such reference(s) [999]"),
        ("out-of-order.yaml", "entry trp: term", "out of alphabetical order"),
        ("shared-alias.yaml", "entry trp: aliases", "'HFTC' also spells entry hftc"),
        ("citation-in-definition.yaml", "entry trp: definition", "give the sources in refs"),
        ("misspelt-field.yaml", "entry hftc: sea", "unknown field"),
        ("no-refs.yaml", "entry hftc: refs", "at least 1 item"),
    ],
)
def test_a_broken_glossary_names_the_file_entry_and_field(
    fixture: str, field: str, says: str
) -> None:
    with pytest.raises(ContentError) as raised:
        load_glossary(FIXTURES / fixture)
    assert raised.value.field == field
    assert f"{fixture}: {field}:" in str(raised.value)
    assert says in str(raised.value)


def test_an_entry_that_sees_itself_or_repeats_a_spelling_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot 'see' itself"):
        Entry(
            id="trp",
            term="TRP",
            definition="Tubular reabsorption of phosphate.",
            refs=[42],
            see=["trp"],
        )
    with pytest.raises(ValueError, match="repeats the term"):
        Entry(id="trp", term="TRP", aliases=["TRP"], definition="Tubular reabsorption.", refs=[42])
