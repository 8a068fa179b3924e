"""The table of condition models: every model builds, tumoral calcinosis sits apart from bone."""

from __future__ import annotations

import numpy as np
import pytest

from widgets.references.catalog import load_references
from widgets.seeds import LESION_SEED
from widgets.xray.conditions import CONDITIONS, condition_model, make_lesion
from widgets.xray.lesions import lesion_maps
from widgets.xray.phantom import SITES, anatomy, bone_radius_profile
from widgets.xray.settings import VIEWS


@pytest.mark.parametrize("site", sorted(SITES))
def test_the_deposit_lies_outside_the_joint_and_apart_from_bone(site: str) -> None:
    body = anatomy(site, 256)
    lesion = make_lesion("tumoral_calcinosis", body, size_mm=40, density_g_cm3=0.8, position_mm=10)
    assert lesion.cloud is not None
    for ex, ey, _, er in lesion.cloud.envelope:
        x = np.linspace(ex - er, ex + er, 41)
        bone = np.maximum(
            *(
                bone_radius_profile(b, x, side=s, gap_mm=body.site.joint_gap_mm)
                for b, s in ((body.site.left, -1), (body.site.right, 1))
            )
        )
        lowest = abs(ey) - np.sqrt(np.clip(er**2 - (x - ex) ** 2, 0, None))  # sphere's edge
        assert np.all(lowest > bone), "the deposit touches bone"


@pytest.mark.parametrize("view", VIEWS)
@pytest.mark.parametrize("site", sorted(SITES))
@pytest.mark.parametrize("condition", list(CONDITIONS))
def test_every_condition_builds_a_lesion_at_every_site_and_view(
    condition: str, site: str, view: str
) -> None:
    model = CONDITIONS[condition]
    body = anatomy(site, 128)
    lesion = make_lesion(condition, body, size_mm=model.size_mm, density_g_cm3=1.0, position_mm=0.0)
    assert lesion.lobules or lesion.cloud is not None
    maps = lesion_maps(body, lesion, horizontal_beam=view == "horizontal beam")
    assert maps.mineral_g_cm2.size > 0
    assert maps.mineral_g_cm2.max() > 0  # the deposit is inside the film and holds mineral


def test_the_table_is_keyed_by_each_models_own_key_in_menu_order() -> None:
    assert all(key == model.key for key, model in CONDITIONS.items())
    assert next(iter(CONDITIONS)) == "tumoral_calcinosis"
    assert len({model.label for model in CONDITIONS.values()}) == len(CONDITIONS)


def test_every_model_cites_references_that_exist() -> None:
    numbers = {reference.number for reference in load_references().references}
    for model in CONDITIONS.values():
        assert model.sources, model.key
        assert set(model.sources) <= numbers, model.key


def test_an_unknown_condition_is_refused_naming_the_known_ones() -> None:
    known = ", ".join(CONDITIONS)
    with pytest.raises(ValueError, match=f"unknown condition 'bursitis'; choose one of {known}"):
        condition_model("bursitis")
    with pytest.raises(ValueError, match="unknown condition 'bursitis'; choose one of"):
        make_lesion("bursitis", anatomy("elbow", 128), size_mm=10, density_g_cm3=1, position_mm=0)


def test_a_lesion_is_the_same_every_time_and_drawn_from_the_lesion_seed() -> None:
    body = anatomy("elbow", 128)
    options = {"size_mm": 30.0, "density_g_cm3": 1.0, "position_mm": 5.0}
    first = make_lesion("tophaceous_gout", body, **options)
    again = make_lesion("tophaceous_gout", body, **options)
    seeded = make_lesion("tophaceous_gout", body, **options, rng=np.random.default_rng(LESION_SEED))
    assert first == again == seeded


def test_tophi_are_solid_and_erode_the_bone() -> None:
    lesion = make_lesion(
        "tophaceous_gout", anatomy("elbow", 128), size_mm=30, density_g_cm3=0.35, position_mm=0
    )
    assert lesion.lobules
    assert not any(lobule.cyst for lobule in lesion.lobules)  # no fluid-calcium levels
    assert lesion.erosion is not None
