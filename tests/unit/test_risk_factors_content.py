"""The risk-factor rules file: it loads, cites real references, and a broken copy is refused
with an error that names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from widgets.loading import ContentError, read_yaml
from widgets.paths import assets_dir
from widgets.references.catalog import load_references
from widgets.references.citations import content_citations
from widgets.risk_factors.content import load_risk_factors

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_rules_file_loads_with_the_explorer_choices() -> None:
    rules = load_risk_factors()
    assert rules.family.values() == ("none known", "affected brother or sister", "affected parent")
    assert rules.kidneys.values()[0] == "normal"
    assert rules.pth.values()[0] == "not measured"
    assert rules.background.values()[0] == "not specified"


def test_every_citation_of_the_rules_is_a_real_reference() -> None:
    count = len(load_references().references)
    cited = content_citations(read_yaml(assets_dir() / "risk-factors.yaml"))
    assert {39, 41} <= set(cited)
    assert all(1 <= number <= count for number in cited)


@pytest.mark.parametrize(
    ("fixture", "field", "says"),
    [
        ("risk-factors-unknown-kind.yaml", "age.young.kind", "Input should be"),
        (
            "risk-factors-unknown-row.yaml",
            "phosphate.reference_rows[1]",
            "no row 'phosphate-reference-6-11-months'",
        ),
        (
            "risk-factors-unknown-placeholder.yaml",
            "phosphate.no_range_for_age",
            "unknown placeholder(s) upper_mg_dl in text",
        ),
    ],
)
def test_a_broken_rules_file_names_the_file_and_field(fixture: str, field: str, says: str) -> None:
    with pytest.raises(ContentError) as raised:
        load_risk_factors(FIXTURES / fixture)
    assert raised.value.field == field
    assert f"{fixture}: {field}:" in str(raised.value)
    assert says in str(raised.value)
