"""The X-ray simulator in Chromium through Voila: a keyboard slider move redraws the radiograph."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import open_lesson, screenshot
from tests.conftest import VoilaServer

STEM = "05-reading-the-radiograph"


def test_a_slider_moved_with_the_keyboard_changes_the_image(
    page: Page, voila_server: VoilaServer
) -> None:
    open_lesson(page, voila_server.lesson_url(STEM))
    simulator = page.locator(".tc-xray").first
    image = simulator.locator("img.tc-xray-image")
    expect(image).to_be_visible()
    expect(simulator.locator(".tc-contrast")).to_have_text(re.compile(r"\d+\.\d %"))
    before_src = image.get_attribute("src")
    before_contrast = simulator.locator(".tc-contrast").inner_text()
    density = simulator.locator(".widget-slider", has_text="Calcium density")
    density.locator(".noUi-handle").focus()
    for _ in range(6):
        page.keyboard.press("ArrowRight")  # +0.05 g/cm³ each: a denser deposit
    expect(image).not_to_have_attribute("src", before_src)
    expect(simulator.locator(".tc-contrast")).not_to_have_text(before_contrast)
    assert float(simulator.locator(".tc-contrast").inner_text().split()[0]) > float(
        before_contrast.split()[0]
    )
    assert page.js_errors == []  # type: ignore[attr-defined]
    simulator.scroll_into_view_if_needed()
    screenshot(page, STEM)


def test_refused_values_never_show_a_traceback(page: Page, voila_server: VoilaServer) -> None:
    open_lesson(page, voila_server.lesson_url(STEM))
    expect(page.locator("img.tc-xray-image").first).to_be_visible()
    expect(page.get_by_text(re.compile("Traceback|There was an error"))).to_have_count(0)


def test_the_controls_are_named_and_the_radiograph_is_described(
    page: Page, voila_server: VoilaServer
) -> None:
    open_lesson(page, voila_server.lesson_url(STEM))
    simulator = page.locator(".tc-xray").first
    image = simulator.locator("img.tc-xray-image")
    named = simulator.get_by_role("img", name=re.compile("^Simulated frontal radiograph"))
    expect(named).to_be_visible()  # the alt text is the image's accessible name
    expect(image).to_have_attribute("alt", re.compile(r"elbow: tumoral calcinosis, 45 mm, 1 g/cm³"))

    # Each slider is named by its label and speaks the value its readout shows, even the
    # log-scaled mAs slider, whose handle otherwise says the exponent.
    density = simulator.get_by_role("slider", name="Calcium density (g/cm³)")
    expect(density).to_have_attribute("aria-valuetext", "1.00")
    mas = simulator.get_by_role("slider", name="Tube current-time (mAs)")
    expect(mas).to_have_attribute("aria-valuetext", "5.0")
    expect(simulator.get_by_role("textbox", name="Tube current-time (mAs)")).to_have_text("5.0")
    density.focus()
    page.keyboard.press("ArrowRight")
    expect(density).to_have_attribute("aria-valuetext", "1.05")
    expect(image).to_have_attribute("alt", re.compile(r"1\.05 g/cm³"))
    readout = simulator.get_by_role("textbox", name="Calcium density (g/cm³)")
    readout.focus()  # a value can be typed too
    page.keyboard.press("Control+A")
    page.keyboard.type("1.5")
    page.keyboard.press("Enter")
    expect(density).to_have_attribute("aria-valuetext", "1.50")
    expect(image).to_have_attribute("alt", re.compile(r"1\.5 g/cm³"))

    # The view's buttons are a named group that says which is chosen, and the keyboard works it.
    view = simulator.get_by_role("group", name="View")
    horizontal = view.get_by_role("button", name="horizontal beam")
    expect(horizontal).to_have_attribute("aria-pressed", "false")
    horizontal.focus()
    page.keyboard.press("Enter")
    expect(horizontal).to_have_attribute("aria-pressed", "true")
    expect(view.get_by_role("button", name="frontal")).to_have_attribute("aria-pressed", "false")
    expect(image).to_have_attribute(
        "alt", re.compile("^Simulated horizontal beam radiograph of the elbow")
    )
    assert page.js_errors == []  # type: ignore[attr-defined]
    screenshot(page, f"{STEM}-accessible")
