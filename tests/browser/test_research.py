# ruff: noqa: F811  (archive_data is the shared fixture imported below)
"""Phone filters one tap away, and the citation copy buttons, in a real Chromium."""

import re

import pytest

from tests.browser.test_journeys import archive_data  # noqa: F401  (the shared fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_on_a_phone_the_filters_are_one_tap_away_above_the_results(
    live_server,
    page,
    archive_data,
    screenshot,
):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/statements/?q=justice")
    summary = page.locator(".filters-disclosure__summary")
    results = page.locator("#results-heading")
    # Above the results, within the first screen, closed until tapped.
    assert summary.bounding_box()["y"] < results.bounding_box()["y"]
    assert summary.bounding_box()["y"] < 600  # within the first screen, with room to spare
    speaker_option = page.locator(".search-facets").get_by_role(
        "link", name=re.compile(r"^Jane Doe")
    )
    assert not speaker_option.first.is_visible()
    summary.click()
    assert speaker_option.first.is_visible()
    screenshot(page, "phone-filters-open")
    speaker_option.first.click()
    page.wait_for_url(re.compile(r"speaker=jane-doe"))
    assert "(1 active)" in page.locator(".filters-disclosure__summary").inner_text()


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(
    live_server,
    page,
    archive_data,
):
    page.goto(live_server.url + "/statements/?q=justice")
    assert page.get_by_role("link", name=re.compile(r"^Jane Doe")).first.is_visible()
    facets = page.locator(".search-facets").bounding_box()
    results = page.locator(".search-results").bounding_box()
    assert facets["x"] > results["x"]


def test_copy_button_copies_the_citation(live_server, browser, archive_data, screenshot):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    try:
        page.goto(live_server.url + archive_data["direct"].get_absolute_url())
        button = page.get_by_role("button", name="Copy text citation")
        button.click()
        status = page.locator(".copy-status").first
        status.wait_for()
        page.wait_for_function("document.querySelector('.copy-status').textContent.length > 0")
        assert status.inner_text() == "Copied text citation."
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith("Doe, Jane") or "Jane Doe." in copied
        assert archive_data["direct"].get_absolute_url() in copied
        assert "review status" in copied
        # BibTeX, RIS and CSL-JSON have their own buttons.
        labels = page.eval_on_selector_all(".copy-button", "els => els.map(e => e.textContent)")
        assert labels == ["Copy text citation", "Copy BibTeX", "Copy RIS", "Copy CSL-JSON"]
        screenshot(page, "statement-copy")
    finally:
        context.close()


def test_without_javascript_the_citation_stays_selectable_text(
    live_server,
    browser,
    archive_data,
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + archive_data["direct"].get_absolute_url())
        assert page.get_by_role("button", name=re.compile("^Copy")).count() == 0
        assert "review status" in page.locator("pre.citation").first.inner_text()
    finally:
        context.close()
