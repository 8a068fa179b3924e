"""Simulated radiographs: the image, noise, contrast, every condition, reproducibility."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from widgets.xray.conditions import CONDITIONS
from widgets.xray.radiograph import simulate_radiograph, to_jpeg
from widgets.xray.settings import Settings, SettingsError

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


def test_settings_are_checked_before_rendering() -> None:
    with pytest.raises(SettingsError, match="unknown view"):
        simulate_radiograph(replace(BASE, view="oblique"))


def test_jpeg_encoding() -> None:
    data = to_jpeg(simulate_radiograph(BASE).image)
    assert data[:2] == b"\xff\xd8"
    assert 2_000 < len(data) < 200_000
