"""The side-by-side gallery of simulated mimics."""

from __future__ import annotations

import pytest

from widgets.differential.data import load_differential
from widgets.differential.gallery import MimicGallery


def test_one_captioned_film_per_simulated_condition_and_the_controls_redraw_all() -> None:
    gallery = MimicGallery()
    conditions = load_differential().simulated()
    assert len(gallery.tiles) == len(conditions)
    for tile, condition in zip(gallery.tiles, conditions, strict=True):
        assert f'data-condition="{condition.id}"' in tile.value
        assert "data:image/jpeg;base64," in tile.value
        assert 'alt="Simulated frontal radiograph of the elbow' in tile.value
        assert "[" in tile.value  # the caption's clue carries its sources
    before = [tile.value for tile in gallery.tiles]
    gallery.site.value = "hip"
    after = [tile.value for tile in gallery.tiles]
    assert all(a != b for a, b in zip(before, after, strict=True))
    assert all("radiograph of the hip" in value for value in after)
    gallery.view.value = "horizontal beam"
    assert all("horizontal beam radiograph of the hip" in t.value for t in gallery.tiles)


def test_a_wrong_site_or_view_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="unknown site 'knee'; choose one of elbow"):
        MimicGallery(site="knee")
    with pytest.raises(ValueError, match="unknown view 'lateral'"):
        MimicGallery(view="lateral")
