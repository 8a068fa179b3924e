from __future__ import annotations

import pytest

from widgets.classification.explorer import ClassificationExplorer
from widgets.classification.forms import load_forms


def test_starts_on_the_first_form_with_its_card() -> None:
    explorer = ClassificationExplorer()
    first = load_forms().forms[0]
    assert explorer.form == first.id
    assert f'data-form="{first.id}"' in explorer.card.value
    assert repr(explorer) == f"ClassificationExplorer(form={first.id!r})"


def test_choosing_a_form_redraws_the_card() -> None:
    explorer = ClassificationExplorer()
    explorer.selector.value = "secondary"
    assert 'data-form="secondary"' in explorer.card.value
    assert "dialysis" in explorer.card.value
    assert 'data-form="hyperphosphatemic"' not in explorer.card.value


def test_every_form_card_shows_its_facts_with_citations() -> None:
    explorer = ClassificationExplorer()
    for form in load_forms().forms:
        explorer.selector.value = form.id
        assert explorer.card.value.count('<span class="tc-cite">') == len(form.facts)


def test_controls_are_labelled_for_screen_readers() -> None:
    explorer = ClassificationExplorer()
    assert explorer.selector.description == "Form:"
    assert len(explorer.selector.tooltips) == len(explorer.selector.options)


def test_an_unknown_starting_form_is_refused_with_the_known_ids() -> None:
    with pytest.raises(KeyError, match="known forms: hyperphosphatemic, normophosphatemic"):
        ClassificationExplorer(form="tertiary")


def test_a_value_outside_the_options_is_refused_by_the_control() -> None:
    explorer = ClassificationExplorer()
    with pytest.raises(Exception, match="Invalid selection"):
        explorer.selector.value = "<script>"
    assert explorer.form == "hyperphosphatemic"
