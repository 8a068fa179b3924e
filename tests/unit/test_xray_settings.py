"""Settings: refusals with a clear message, and the usual settings of a condition at a site."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from widgets.xray.conditions import CONDITIONS
from widgets.xray.phantom import SITES
from widgets.xray.settings import (
    PRESETS,
    Settings,
    SettingsError,
    check_settings,
    typical_settings,
)

BASE = Settings(size_px=256)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"size_mm": -5.0}, "size mm must be between 2 and 80, not -5"),
        ({"density_g_cm3": 3.0}, "density g cm3 must be between"),
        ({"density_g_cm3": float("nan")}, "density g cm3 must be a number"),
        ({"kvp": 150.0}, "kvp must be between 50 and 100"),
        ({"mas": 0.0}, "mas must be between"),
        ({"site": "knee"}, "unknown site 'knee'"),
        ({"view": "oblique"}, "unknown view"),
        ({"size_px": 300}, "image size"),
        ({"window": (2.0, 1.0)}, "window must run upwards between -2 and 8, not 2 to 1"),
        ({"window": (0.0, 9.0)}, "window must run upwards"),
        ({"window": (0.0, float("nan"))}, "window must be two numbers"),
        ({"window": [0.0, 2.0]}, "window must be two numbers"),
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        check_settings(replace(BASE, **change))  # type: ignore[arg-type]


def test_good_settings_come_back_unchanged() -> None:
    assert check_settings(BASE) is BASE


@pytest.mark.parametrize("site", sorted(SITES))
@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_typical_settings_are_the_conditions_deposit_and_the_sites_exposure(
    condition: str, site: str
) -> None:
    usual = typical_settings(condition, site)
    model, place = CONDITIONS[condition], SITES[site]
    assert (usual.condition, usual.site) == (condition, site)
    assert (usual.size_mm, usual.density_g_cm3) == (model.size_mm, model.density_g_cm3)
    assert (usual.kvp, usual.mas, usual.grid) == (
        place.default_kvp,
        place.default_mas,
        place.grid_by_default,
    )
    assert (usual.position_mm, usual.view, usual.size_px) == (0.0, "frontal", 512)


def test_typical_settings_default_to_tumoral_calcinosis_at_the_elbow_and_take_changes() -> None:
    assert typical_settings() == typical_settings("tumoral_calcinosis", "elbow")
    changed = typical_settings(site="hip", view="horizontal beam", size_px=256)
    assert (changed.condition, changed.site) == ("tumoral_calcinosis", "hip")
    assert (changed.view, changed.size_px, changed.grid) == ("horizontal beam", 256, True)


def test_the_presets_are_what_a_site_or_a_condition_changes_in_typical_settings() -> None:
    elbow, hip = typical_settings(site="elbow"), typical_settings(site="hip")
    tc, gout = typical_settings("tumoral_calcinosis"), typical_settings("tophaceous_gout")
    names = [field.name for field in fields(Settings)]
    assert [n for n in names if getattr(elbow, n) != getattr(hip, n)] == ["site", *PRESETS["site"]]
    assert [n for n in names if getattr(tc, n) != getattr(gout, n)] == [
        "condition",
        *PRESETS["condition"],
    ]


def test_unknown_setting_names_are_refused_naming_the_known_ones() -> None:
    with pytest.raises(
        SettingsError, match=r"unknown setting\(s\) \['colour'\]; use \['condition'"
    ):
        typical_settings(colour="red")


def test_an_unknown_site_or_condition_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(SettingsError, match="unknown site 'knee'; choose elbow, shoulder, hip"):
        typical_settings(site="knee")
    with pytest.raises(
        SettingsError, match=f"unknown condition 'gout'; choose {', '.join(CONDITIONS)}"
    ):
        typical_settings("gout")


def test_typical_settings_are_checked() -> None:
    with pytest.raises(SettingsError, match="kvp must be between 50 and 100"):
        typical_settings(kvp=120.0)
