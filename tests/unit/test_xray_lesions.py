"""The deposit engine: chicken-wire septa in a cloud, fluid-calcium levels in a cyst."""

from __future__ import annotations

import numpy as np

from widgets.xray.conditions import make_lesion
from widgets.xray.lesions import Lobule, bone_surface_mm, cloud_maps, lobule_maps
from widgets.xray.phantom import anatomy


def test_fibrous_septa_cross_the_mass_as_lucent_lines() -> None:
    body = anatomy("elbow", 512)
    lesion = make_lesion("tumoral_calcinosis", body, size_mm=45, density_g_cm3=1.0, position_mm=0)
    assert lesion.cloud is not None
    cx, cy, _, _ = lesion.cloud.envelope[0]
    x = np.linspace(cx - 15, cx + 15, 600)
    path, mineral = cloud_maps(lesion.cloud, x, np.array([cy]), horizontal_beam=False)
    inside = path[0] > 1.0
    per_mm = mineral[0][inside] / path[0][inside]
    dips = np.sum((per_mm[1:-1] < per_mm[:-2]) & (per_mm[1:-1] < per_mm[2:]) & (per_mm[1:-1] < 0.5))
    assert dips >= 4  # several septa along 30 mm of mass
    assert np.percentile(per_mm, 80) > 0.75  # between the septa, dense calcium


def test_a_horizontal_beam_shows_a_fluid_calcium_level_in_a_cyst() -> None:
    cyst = Lobule(0, 0, 0, 5.0, 0.6, cyst=True)
    x = y = np.linspace(-6, 6, 121)
    path, frontal = lobule_maps(cyst, x, y, horizontal_beam=False)
    _, horizontal = lobule_maps(cyst, x, y, horizontal_beam=True)
    column = 60  # through the centre
    per_path = horizontal[:, column] / np.where(path[:, column] > 0, path[:, column], np.nan)
    upper, lower = np.nanmean(per_path[:50]), np.nanmean(per_path[80:])
    assert lower > 4 * upper  # sediment below, supernatant above: a level
    assert np.allclose(
        frontal[:, column][path[:, column] > 0] / path[:, column][path[:, column] > 0], 0.6
    )


def test_the_bone_surface_follows_the_shaft_and_dips_into_the_joint_gap() -> None:
    body = anatomy("elbow", 256)
    assert bone_surface_mm(body, 0.0) < bone_surface_mm(body, -body.site.left.end_radius_mm)
    assert bone_surface_mm(body, -60.0) == body.site.left.shaft_radius_mm
