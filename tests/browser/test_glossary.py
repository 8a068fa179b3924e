"""Glossary links in Chromium: a link to a term of lesson 00 scrolls to it once the glossary is
rendered (Voila renders outputs after the page loads) and marks it, and a lesson link keeps its
#term- fragment when the learner's name is carried to it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import open_lesson
from tests.conftest import ARTIFACTS, ROOT, TEST_LEARNER, VoilaServer, running_voila

GLOSSARY = "00-start-here"
#: Only lesson 00 is opened, with a pool of one: the server starts faster.
POOLS = (
    '--VoilaKernelManager.kernel_pools_config={"default": {"pool_size": 0}, '
    f'"{GLOSSARY}.ipynb": {{"pool_size": 1}}}}'
)


@pytest.fixture(scope="module")
def server() -> Iterator[VoilaServer]:
    log = ARTIFACTS / "voila-glossary.log"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with running_voila(ROOT, log, POOLS) as url:
        yield VoilaServer(url=url, log=log)


def test_a_term_link_scrolls_to_the_term_once_it_is_rendered(
    page: Page, server: VoilaServer
) -> None:
    page.goto(server.lesson_url(GLOSSARY) + "#term-trp", wait_until="commit", timeout=180_000)
    term = page.locator("#term-trp")
    expect(term).to_have_class("tc-fragment-target", timeout=120_000)
    expect(term).to_be_in_viewport()
    expect(term).not_to_have_class("tc-fragment-target", timeout=10_000)  # marked for a moment
    assert page.js_errors == []  # type: ignore[attr-defined]


def test_a_lesson_link_keeps_its_term_when_the_learner_is_carried(
    page: Page, server: VoilaServer
) -> None:
    open_lesson(page, server.lesson_url(GLOSSARY))
    # A link as tools/link_glossary.py writes it, added the way a rendered output adds one.
    page.evaluate(
        """() => { const a = document.createElement("a");
        a.id = "tc-test-term-link"; a.href = "00-start-here.ipynb#term-hftc";
        a.textContent = "HFTC";
        document.querySelector("#rendered_cells").prepend(a); }"""
    )
    link = page.locator("#tc-test-term-link")
    expect(link).to_have_attribute("href", f"00-start-here.ipynb?learner={TEST_LEARNER}#term-hftc")
    link.click()
    expect(page.locator("#term-hftc")).to_have_class("tc-fragment-target", timeout=120_000)
    expect(page.locator("#term-hftc")).to_be_in_viewport()
    assert page.url.endswith(f"?learner={TEST_LEARNER}#term-hftc")
    assert page.js_errors == []  # type: ignore[attr-defined]
