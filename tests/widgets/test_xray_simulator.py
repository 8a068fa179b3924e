"""The simulator widget driven from Python: controls change the image and the numbers."""

from __future__ import annotations

import base64
import html
import re

import pytest

from widgets.xray.conditions import CONDITIONS
from widgets.xray.settings import PRESETS, SettingsError, typical_settings
from widgets.xray.simulator import XRaySimulator


def alt_text(sim: XRaySimulator) -> str:
    match = re.search(
        r'<img class="tc-xray-image" src="data:image/jpeg;base64,[^"]+" alt="([^"]+)"',
        sim.image.value,
    )
    assert match, sim.image.value[:200]
    return html.unescape(match.group(1))


def contrast(sim: XRaySimulator) -> float:
    match = re.search(r"class='tc-contrast'>([\d.]+) %", sim.readout.value)
    assert match, sim.readout.value
    return float(match.group(1))


def film_levels(sim: XRaySimulator) -> float:
    match = re.search(
        r"class='tc-film-contrast'>(\d+) grey levels \(([\d.]+) %\)", sim.readout.value
    )
    assert match, sim.readout.value
    assert float(match.group(2)) == pytest.approx(100 * float(match.group(1)) / 255, abs=0.25)
    return float(match.group(1))


@pytest.fixture
def sim() -> XRaySimulator:
    return XRaySimulator(size_px=256)


def test_starts_with_an_image_a_caption_a_profile_and_a_contrast(sim: XRaySimulator) -> None:
    assert sim.jpeg[:2] == b"\xff\xd8"
    assert "elbow" in sim.caption.value
    assert "<polyline" in sim.profile.value
    assert 0 < contrast(sim) < 100
    assert repr(sim).startswith("XRaySimulator(site='elbow', condition='tumoral_calcinosis'")


def test_the_radiograph_on_screen_is_the_jpeg_with_an_alt_text(sim: XRaySimulator) -> None:
    data = re.search(r'src="data:image/jpeg;base64,([^"]+)"', sim.image.value)
    assert data
    assert base64.b64decode(data.group(1)) == sim.jpeg
    assert alt_text(sim) == (
        "Simulated frontal radiograph of the elbow: tumoral calcinosis, 45 mm, "
        "1 g/cm³ of calcium salt, at 60 kVp and 5 mAs."
    )
    assert alt_text(sim) in html.unescape(sim.caption.value)  # the caption says the same


@pytest.mark.parametrize(
    ("control", "value", "said"),
    [
        ("site", "hip", "of the hip"),
        ("view", "horizontal beam", "horizontal beam radiograph"),
        ("condition", "tophaceous_gout", "tophaceous gout"),
        ("size_mm", 20.0, ", 20 mm,"),
        ("density_g_cm3", 1.5, "1.5 g/cm³"),
        ("kvp", 90.0, "90 kVp"),
        ("mas", 20.0, "20 mAs"),
        ("grid", True, "with an anti-scatter grid"),
    ],
)
def test_the_alt_text_follows_the_controls(
    sim: XRaySimulator, control: str, value: object, said: str
) -> None:
    assert said not in alt_text(sim)
    getattr(sim, control).value = value
    assert said in alt_text(sim)


def test_denser_deposit_shows_more_contrast_and_a_new_image(sim: XRaySimulator) -> None:
    before_image, before = sim.jpeg, contrast(sim)
    sim.density_g_cm3.value = 1.5
    assert contrast(sim) > before
    assert sim.jpeg != before_image


def test_higher_kvp_lowers_contrast(sim: XRaySimulator) -> None:
    sim.kvp.value = 55
    soft = contrast(sim)
    sim.kvp.value = 95
    assert contrast(sim) < soft


def test_lower_mas_changes_the_image_not_the_contrast(sim: XRaySimulator) -> None:
    before_image, before = sim.jpeg, contrast(sim)
    sim.mas.value = 0.2
    assert sim.jpeg != before_image
    assert contrast(sim) == before  # mAs changes noise, not the deposit's contrast


def test_choosing_a_mimic_applies_its_preset(sim: XRaySimulator) -> None:
    sim.condition.value = "synovial_chondromatosis"
    assert sim.size_mm.value == CONDITIONS["synovial_chondromatosis"].size_mm
    assert sim.settings.condition == "synovial_chondromatosis"
    assert "synovial chondromatosis" in sim.caption.value


def test_the_horizontal_beam_view_changes_the_image(sim: XRaySimulator) -> None:
    before = sim.jpeg
    sim.view.value = "horizontal beam"
    assert sim.jpeg != before


def test_bad_values_are_refused_with_a_message_and_change_nothing(sim: XRaySimulator) -> None:
    before = sim.settings
    sim.set(size_mm=-5)
    assert "size mm must be between 2 and 80" in sim.message.value
    assert sim.settings == before
    sim.set(density_g_cm3=float("nan"))
    assert "must be a number" in sim.message.value
    sim.set(density_g_cm3=1.0)
    assert sim.message.value == ""


def test_unknown_settings_are_refused_at_construction() -> None:
    with pytest.raises(SettingsError, match="unknown setting"):
        XRaySimulator(colour="red")


def test_the_grid_takes_away_most_of_the_scatter_at_the_hip() -> None:
    hip = XRaySimulator(site="hip", size_px=256)
    assert hip.grid.value is True  # hip films are taken with a grid
    with_grid, primary = hip.readout.value, contrast(hip)
    hip.grid.value = False
    scattered_with = float(re.findall(r"([\d.]+) % with scatter", with_grid)[0])
    scattered_without = float(re.findall(r"([\d.]+) % with scatter", hip.readout.value)[0])
    assert scattered_without < scattered_with / 2
    assert primary > scattered_with
    assert contrast(hip) == primary  # the grid changes scatter, not the primary beam


def test_choosing_a_site_applies_its_exposure_and_grid(sim: XRaySimulator) -> None:
    sim.site.value = "hip"
    assert (sim.kvp.value, sim.mas.value, sim.grid.value) == (80, 30, True)
    assert "hip" in sim.caption.value
    assert "with an anti-scatter grid" in sim.caption.value


def test_starts_with_the_typical_settings(sim: XRaySimulator) -> None:
    assert sim.settings == typical_settings(size_px=256)
    hip = XRaySimulator(site="hip", condition="tophaceous_gout", view="horizontal beam")
    assert hip.settings == typical_settings("tophaceous_gout", "hip", view="horizontal beam")


@pytest.mark.parametrize(
    ("control", "value"), [("site", "shoulder"), ("condition", "calcinosis_cutis")]
)
def test_a_new_site_or_condition_switches_to_the_typical_settings(
    sim: XRaySimulator, control: str, value: str
) -> None:
    sim.kvp.value, sim.mas.value, sim.grid.value = 90, 0.5, True
    sim.size_mm.value, sim.density_g_cm3.value = 12, 0.3
    getattr(sim, control).value = value
    usual = typical_settings(sim.settings.condition, sim.settings.site)
    for name in PRESETS[control]:
        assert getattr(sim.settings, name) == getattr(usual, name)
    others = {n for names in PRESETS.values() for n in names} - set(PRESETS[control])
    kept = {"kvp": 90, "mas": 0.5, "grid": True, "size_mm": 12, "density_g_cm3": 0.3}
    for name in others:
        assert getattr(sim.settings, name) == pytest.approx(kept[name])


def test_the_readout_labels_the_film_and_the_physical_contrast(sim: XRaySimulator) -> None:
    text = sim.readout.value
    assert "<strong>On the film:</strong> the deposit is drawn" in text
    assert "brighter than the soft tissue it lies in" in text
    assert "<strong>Physical contrast (X-ray transmission):</strong>" in text
    assert "Why the two differ" in text
    assert "the usual one for the elbow at 60 kVp" in text
    assert 0 < film_levels(sim) < contrast(sim) / 100 * 255


def test_a_fainter_deposit_is_drawn_fainter_at_the_usual_window(sim: XRaySimulator) -> None:
    levels, contrasts = [], []
    for density in (1.0, 0.6, 0.3, 0.1, 0.05):
        sim.density_g_cm3.value = density
        levels.append(film_levels(sim))
        contrasts.append(contrast(sim))
    assert levels == sorted(levels, reverse=True)
    assert levels[0] > levels[-1]
    assert contrasts == sorted(contrasts, reverse=True)
    assert len(set(contrasts)) == 5
    assert sim.settings.window is None


def test_the_window_slider_sets_the_window_and_the_button_brings_back_the_usual(
    sim: XRaySimulator,
) -> None:
    sim.density_g_cm3.value = 0.05
    usual, faint, physical = sim.window.value, film_levels(sim), contrast(sim)
    sim.window.value = (0.8, 1.8)
    assert sim.settings.window == (0.8, 1.8)
    assert "set by you" in sim.readout.value
    assert "shown with a window set by hand" in alt_text(sim)
    assert film_levels(sim) > faint  # a narrower window makes a faint deposit stand out
    assert contrast(sim) == physical  # the physics does not depend on the display
    assert repr(sim).endswith("grid=False, window=(0.8, 1.8))")
    sim.kvp.value = 70
    assert sim.settings.window == (0.8, 1.8)  # a window set by hand stays put
    sim.usual_window.click()
    assert sim.settings.window is None
    assert sim.window.value != usual  # the usual window of 70 kVp, not of 60
    sim.kvp.value = 60
    assert sim.window.value == usual
    assert film_levels(sim) == faint


def test_the_usual_window_follows_kvp_and_a_new_site_brings_it_back(sim: XRaySimulator) -> None:
    at_60 = sim.window.value
    sim.kvp.value = 90
    assert sim.window.value != at_60
    assert sim.settings.window is None
    sim.window.value = (0.5, 2.0)
    sim.site.value = "hip"
    assert sim.settings.window is None
    assert "the usual one for the hip at 80 kVp" in sim.readout.value


def test_a_window_echoed_back_rounded_to_the_step_is_not_taken_for_a_choice(
    sim: XRaySimulator,
) -> None:
    low, high = sim.window.value
    sim.window.value = (round(low / 0.05) * 0.05, round(high / 0.05) * 0.05)
    assert sim.settings.window is None


def window_in_readout(sim: XRaySimulator) -> tuple[float, float]:
    match = re.search(r"Window: (\S+) \(black\) to (\S+) \(white\)", sim.readout.value)
    assert match, sim.readout.value
    low, high = (float(n.replace("\N{MINUS SIGN}", "-")) for n in match.groups())
    return low, high


def test_the_readout_gives_the_window_as_its_slider_label_does() -> None:
    # In lesson 05 (512 pixels, the elbow's usual settings) the window is -0.22 to 3.06, which
    # the slider's label, on its 0.05 step, shows as -0.20 to 3.05 (as in
    # docs/screenshot-xray-simulator.png); the readout says the same.
    sim = XRaySimulator()
    low, high = sim.window.value
    assert (round(low, 2), round(high, 2)) == (-0.22, 3.06)
    assert "Window: \N{MINUS SIGN}0.20 (black) to 3.05 (white)" in sim.readout.value
    for change in (
        {"kvp": 95.0},
        {"site": "hip", "kvp": 80.0, "grid": True},
        {"window": (0.83, 1.8)},
    ):
        sim.set(**change)
        shown = window_in_readout(sim)
        for said, used in zip(shown, sim.window.value, strict=True):
            assert abs(said - used) <= 0.025 + 1e-9
            assert abs(said / 0.05 - round(said / 0.05)) < 1e-9  # on the slider's step
    assert window_in_readout(sim) == (0.85, 1.8)
