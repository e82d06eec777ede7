"""An editor's review in real Chromium: log in, open the queue, re-attribute with the keyboard,
see the history; axe-core on the queue, an item and the public corrections page."""

import time

import pytest

from archive.models import ReviewStatus, Statement
from tests.editorial.conftest import PASSWORD, make_editor
from tests.factories import make_source, make_speaker, make_statement


@pytest.fixture
def review_data(transactional_db, tmp_path):
    make_editor(tmp_path, "editor")
    ana = make_speaker(name="Ana Lindqvist", aliases=("Mayor Lindqvist",))
    peter = make_speaker(name="Peter Okafor")
    source = make_source(
        text=(
            "The forum opened in the old hall. Mayor Lindqvist spoke first. "
            "“We will not raise the price of water this year,” she said. Okafor answered. "
            "“The reserves are empty,” Okafor said. The meeting closed late."
        )
    )
    wrong = make_statement(
        text="We will not raise the price of water this year,",
        speaker=peter,
        source=source,
        confidence=0.2,
        rule="pronoun",
    )
    make_statement(
        text="The reserves are empty,", speaker=peter, source=source, confidence=0.9, rule="said"
    )
    for n in range(12):
        make_statement(text=f"Routine statement number {n} for the queue.", confidence=0.5)
    return {"ana": ana, "peter": peter, "wrong": wrong}


def log_in(page, base):
    page.goto(base + "/admin/login/?next=/review/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/review/")


def test_editor_reattributes_with_the_keyboard_and_sees_the_history(
    live_server, page, review_data, screenshot
):
    log_in(page, live_server.url)
    screenshot(page, "review-queue")
    page.keyboard.press("j")  # focus the first (least confident) statement
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/review/{review_data['wrong'].pk}/")
    assert page.locator("mark.review-quote").inner_text().startswith("We will not raise")
    screenshot(page, "review-item")
    page.keyboard.press("a")  # focus the re-attribute box
    page.keyboard.type("Lindq")
    # A selector wait, not wait_for_function: the CSP forbids the eval that one would need.
    page.wait_for_selector("#speaker-options option", state="attached")
    option = page.eval_on_selector("#speaker-options option", "o => o.value")
    assert option.startswith("Ana Lindqvist [")
    page.keyboard.press("Control+A")
    page.keyboard.type(option)
    page.keyboard.press("Enter")  # submits the re-attribute form; the next item opens
    page.wait_for_url(lambda url: f"/review/{review_data['wrong'].pk}/" not in url)
    assert "now attributed to Ana Lindqvist" in page.inner_text(".messagelist")
    wrong = Statement.objects.get(pk=review_data["wrong"].pk)
    assert wrong.speaker == review_data["ana"]

    page.goto(f"{live_server.url}/review/{wrong.pk}/")
    history = page.inner_text(".review-history")
    assert "Speaker corrected" in history and "editor" in history
    screenshot(page, "review-history")


def test_verifying_with_one_key_per_statement(live_server, page, review_data):
    log_in(page, live_server.url)
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url("**/review/*/")
    started = time.monotonic()
    for _ in range(10):
        current = page.url
        page.keyboard.press("v")
        page.wait_for_url(lambda url, current=current: url != current)
    seconds = time.monotonic() - started
    assert Statement.objects.filter(review_status=ReviewStatus.VERIFIED).count() == 10
    print(f"10 statements verified with 10 key presses in {seconds:.1f} s")


@pytest.mark.parametrize("name", ["queue", "item", "changes"])
def test_review_pages_have_no_axe_violations(live_server, page, review_data, screenshot, name):
    from axe_playwright_python.sync_playwright import Axe

    log_in(page, live_server.url)
    wrong = review_data["wrong"]
    if name == "changes":
        page.goto(f"{live_server.url}/review/{wrong.pk}/")
        page.fill("#event", "")
        page.click("#form-event button")
        page.goto(f"{live_server.url}/review/{wrong.pk}/")
        page.fill("#new_speaker", "Someone Else")
        page.click("#form-reattribute button")
    url = {"queue": "/review/", "item": f"/review/{wrong.pk}/", "changes": "/changes/"}[name]
    page.goto(live_server.url + url)
    if name == "changes":
        assert "Speaker corrected" in page.inner_text("main")
        screenshot(page, "changes")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page)
        assert results.violations_count == 0, f"{name} at {width}px:\n{results.generate_report()}"
