"""The laboratory explorer's text: the product against the KDOQI row, what would move it, and a
content file that names a missing row is refused with its file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from widgets.charts.data import load_table
from widgets.labs.content import load_lab_explorer_text
from widgets.labs.readout import product_readout, refused_entry, what_would_move_it
from widgets.labs.units import Product
from widgets.loading import ContentError, read_yaml
from widgets.paths import ROOT_ENV, assets_dir
from widgets.references.catalog import load_references
from widgets.references.citations import content_citations

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_normal_product_is_below_the_adult_target_with_its_sources() -> None:
    text = product_readout(Product(9.5, 3.5))
    assert "<span class='tc-product'>33.2</span>" in text
    assert "(2.68 mmol²/L²)" in text
    assert "below the KDOQI target of 55 mg²/dL² for adults and adolescents" in text
    assert '<span class="tc-cite">[39]</span>' in text
    assert "not a diagnostic cut-off" in text


def test_a_high_product_is_above_the_target() -> None:
    assert "above the KDOQI target of 55" in product_readout(Product(9.5, 7))


def test_the_target_shown_is_the_kdoqi_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    adults = load_table("lab-values").row("kdoqi-ca-p-product-adults")
    assert adults.value == 55
    data = tmp_path / "assets" / "data"
    data.mkdir(parents=True)
    shutil.copy(assets_dir() / "lab-explorer.yaml", tmp_path / "assets")
    text = (assets_dir() / "data" / "lab-values.yaml").read_text(encoding="utf-8")
    (data / "lab-values.yaml").write_text(text.replace("value: 55\n", "value: 50\n", 1))
    monkeypatch.setenv(ROOT_ENV, str(tmp_path))
    assert "below the KDOQI target of 50 mg²/dL²" in product_readout(Product(9.5, 5.0))
    assert "above the KDOQI target of 50 mg²/dL²" in product_readout(Product(10, 5.0))


def test_what_would_move_it_lists_each_treatment_with_its_sources() -> None:
    html = what_would_move_it()
    assert html.startswith("<p><strong>What would move it.</strong></p><ul>")
    assert html.count("<li>") == 3
    assert (
        'longer dialysis <span class="tc-cite">[31, 32, 39]</span>; parathyroidectomy or '
        'transplantation when needed <span class="tc-cite">[28, 34]</span>.</li>'
    ) in html


def test_every_citation_of_the_explorer_text_is_a_real_reference() -> None:
    count = len(load_references().references)
    cited = content_citations(read_yaml(assets_dir() / "lab-explorer.yaml"))
    assert {4, 39, 3, 36, 28, 32, 31, 34} <= set(cited)
    assert all(1 <= number <= count for number in cited)


def test_a_refused_entry_is_escaped() -> None:
    assert refused_entry("<b>no</b>") == (
        '<p class="tc-input-error" style="color:#b00020">⚠ &lt;b&gt;no&lt;/b&gt;</p>'
    )


def test_an_unknown_target_row_names_the_file_and_field() -> None:
    path = FIXTURES / "lab-explorer-unknown-target-row.yaml"
    with pytest.raises(ContentError) as raised:
        load_lab_explorer_text(path)
    assert raised.value.field == "product.target_row"
    assert "lab-explorer-unknown-target-row.yaml: product.target_row:" in str(raised.value)
    assert "kdoqi-ca-p-product-teenagers" in str(raised.value)
