"""Simulated radiographs: anatomy, the sedimentation sign, noise, refusals, reproducibility."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from widgets.xray.lesions import CONDITIONS, Lobule, cloud_maps, lobule_maps, make_lesion
from widgets.xray.phantom import SITES, anatomy, bone_radius_profile
from widgets.xray.radiograph import (
    Settings,
    SettingsError,
    check_settings,
    simulate_radiograph,
    to_jpeg,
)

BASE = Settings(size_px=256)


def test_the_same_settings_give_the_same_image() -> None:
    first = simulate_radiograph(BASE)
    second = simulate_radiograph(BASE)
    assert np.array_equal(first.image, second.image)


def test_the_image_looks_like_a_radiograph() -> None:
    shot = simulate_radiograph(BASE)
    corner = shot.image[:10, :10].mean()  # direct exposure outside the limb is dark
    centre_row = shot.image[shot.image.shape[0] // 2]
    assert corner < 30
    assert centre_row.max() > 150  # bone across the middle is bright


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


def test_noise_falls_as_one_over_root_mas() -> None:
    def noise(mas: float) -> float:
        shot = simulate_radiograph(
            replace(BASE, mas=mas, condition="calcific_tendinitis", size_mm=4)
        )
        patch = shot.log_signal[20:40, 20:60]  # soft tissue near the skin, away from bone
        return float(np.std(patch - patch.mean(axis=1, keepdims=True)))

    ratio = noise(1.0) / noise(16.0)
    assert ratio == pytest.approx(4.0, rel=0.15)


def test_measured_contrast_rises_with_density_and_falls_with_kvp() -> None:
    low, high = (
        simulate_radiograph(replace(BASE, density_g_cm3=c)).contrast_primary for c in (0.3, 1.2)
    )
    soft_beam, hard_beam = (
        simulate_radiograph(replace(BASE, kvp=k)).contrast_primary for k in (55, 95)
    )
    assert high > low > 0
    assert soft_beam > hard_beam
    assert (
        simulate_radiograph(BASE).contrast_with_scatter < simulate_radiograph(BASE).contrast_primary
    )


@pytest.mark.parametrize("condition", sorted(CONDITIONS))
def test_every_condition_renders(condition: str) -> None:
    preset = CONDITIONS[condition]
    shot = simulate_radiograph(
        replace(
            BASE, condition=condition, size_mm=preset.size_mm, density_g_cm3=preset.density_g_cm3
        )
    )
    assert shot.image.shape == (256, 256)
    assert 0 < shot.contrast_primary < 1


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
    ],
)
def test_bad_settings_are_refused_with_a_clear_message(
    change: dict[str, object], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        check_settings(replace(BASE, **change))  # type: ignore[arg-type]


def test_jpeg_encoding() -> None:
    data = to_jpeg(simulate_radiograph(BASE).image)
    assert data[:2] == b"\xff\xd8"
    assert 2_000 < len(data) < 200_000


def test_the_detector_blur_is_small_and_keeps_the_total() -> None:
    from widgets.xray.phantom import detector_blur

    impulse = np.zeros((9, 9))
    impulse[4, 4] = 1.0
    blurred = detector_blur(impulse)
    assert blurred.sum() == pytest.approx(1.0)
    assert blurred[4, 4] == pytest.approx(0.25)
    assert blurred[4, 6] == 0.0  # it reaches one pixel, no further
