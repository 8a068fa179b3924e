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
