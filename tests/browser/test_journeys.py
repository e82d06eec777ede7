"""A visitor's way through the archive in a real browser, and axe-core on every page type."""

import re
from datetime import date

import pytest

from archive.models import Article, Occurrence
from tests.factories import make_event, make_source, make_speaker, make_statement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The :target colour of a passage (--target-bg in static/css/archive.css).
TARGET_BG = "rgb(255, 201, 77)"

SOURCE_TEXT = (
    "Summit on the 1988 massacre\n\n"
    "Jane Doe, a lawyer, said: “We demand justice for the victims and their families.”\n\n"
    "John Roe said that justice had been denied for three decades.\n\n"
    "Jane Doe added: “The world must not forget.”\n"
)


@pytest.fixture
def archive_data():
    """A small archive made in the (empty) test database, committed for the live server."""
    jane = make_speaker(name="Jane Doe", aliases=("J. Doe",), description="Lawyer")
    john = make_speaker(name="John Roe")
    summit = make_event(
        name="Summit on the 1988 massacre",
        kind="conference",
        start_date=date(2020, 7, 19),
        location="Paris",
    )
    rally = make_event(name="Rally for freedom", kind="rally", start_date=date(2019, 5, 2))
    source = make_source(text=SOURCE_TEXT, title="Summit report", file_name="summit.txt")
    Article.objects.create(
        source=source,
        position=0,
        title="Summit on the 1988 massacre",
        start=0,
        end=len(SOURCE_TEXT),
        published=date(2020, 7, 20),
        event=summit,
    )
    direct = make_statement(
        text="We demand justice for the victims and their families.",
        speaker=jane,
        event=summit,
        source=source,
        date=date(2020, 7, 19),
    )
    direct.occurrences.update(role="a lawyer")
    reported = make_statement(
        text="justice had been denied for three decades",
        speaker=john,
        event=summit,
        source=source,
        kind="indirect",
        date=date(2020, 7, 19),
    )
    make_statement(
        text="The world must not forget.",
        speaker=jane,
        event=summit,
        source=source,
        date=date(2020, 7, 19),
    )
    make_statement(
        text="Freedom is not given, it is won.", speaker=john, event=rally, date=date(2019, 5, 2)
    )
    make_event(name="A meeting nobody dated", start_date=None)
    return {
        "jane": jane,
        "john": john,
        "summit": summit,
        "source": source,
        "direct": direct,
        "reported": reported,
    }


def test_search_narrow_open_and_land_on_the_highlighted_passage(
    live_server, page, archive_data, screenshot
):
    page.goto(live_server.url + "/")
    page.get_by_label("Search the statements").fill("justice")
    page.get_by_label("Search the statements").press("Enter")
    page.wait_for_url(re.compile(r"/statements/\?q=justice"))
    results = page.locator(".statement-results")
    assert "We demand" in results.inner_text()
    assert "denied for three decades" in results.inner_text()

    # Narrow to direct quotes with the search page's filter.
    page.get_by_role("link", name=re.compile(r"^Direct quote")).first.click()
    page.wait_for_url(re.compile(r"kind=direct"))
    assert "q=justice" in page.url
    assert "We demand" in results.inner_text()
    assert "denied for three decades" not in results.inner_text()
    screenshot(page, "journey-search-narrowed")

    # Open the statement, then its passage in the source.
    page.get_by_role("link", name=re.compile(r"^Statement \d+ by Jane Doe")).first.click()
    page.wait_for_url(re.compile(r"/statements/\d+/$"))
    assert "We demand justice for the victims" in page.locator("main").inner_text()
    page.get_by_role("link", name=re.compile(r"^View in source")).first.click()

    occurrence = Occurrence.objects.get(statement=archive_data["direct"])
    page.wait_for_url(re.compile(rf"/sources/\d+/#occurrence-{occurrence.pk}$"))
    target = page.locator(f"#occurrence-{occurrence.pk}")
    assert page.evaluate("document.querySelector(':target')?.id") == f"occurrence-{occurrence.pk}"
    assert target.inner_text() == occurrence.passage
    assert target.is_visible()
    box = target.bounding_box()
    assert box and 0 <= box["y"] < 900 and box["height"] > 0  # scrolled into view
    page.wait_for_timeout(1300)  # let the highlight's flash finish
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") == TARGET_BG
    screenshot(page, "journey-source-target")


def test_a_split_passage_lights_up_whole_when_targeted(live_server, page):
    text = "Alpha beta gamma delta epsilon zeta."
    source = make_source(text=text)
    make_statement(text="Alpha beta gamma delta", source=source)
    second = make_statement(text="gamma delta epsilon zeta", source=source)
    occurrence = second.occurrences.get()
    page.goto(f"{live_server.url}{occurrence.get_absolute_url()}")
    page.wait_for_timeout(1300)
    pieces = page.locator(f"#occurrence-{occurrence.pk}, .passage-part-{occurrence.pk}")
    assert pieces.count() == 2
    colours = pieces.evaluate_all("els => els.map(el => getComputedStyle(el).backgroundColor)")
    assert colours == [TARGET_BG, TARGET_BG]


def test_skip_link_is_the_first_stop_and_visible_on_focus(live_server, page, archive_data):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


PAGE_TYPES = {
    "home": lambda d: "/",
    "statement-list": lambda d: "/statements/?q=justice",
    "statement-detail": lambda d: d["direct"].get_absolute_url(),
    "speaker-list": lambda d: "/speakers/",
    "speaker-search": lambda d: "/speakers/?q=jane+do",
    "speaker-detail": lambda d: d["jane"].get_absolute_url(),
    "event-list": lambda d: "/events/",
    "event-list-filtered": lambda d: "/events/?year=2020&kind=conference",
    "event-detail": lambda d: d["summit"].get_absolute_url(),
    "source-list": lambda d: "/sources/",
    "source-detail": lambda d: d["source"].get_absolute_url(),
    "statement-detail-reported": lambda d: d["reported"].get_absolute_url(),
    "events-undated": lambda d: "/events/?year=undated",
    "not-found": lambda d: "/speakers/nobody/",
}


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_has_no_axe_violations(live_server, page, archive_data, screenshot, name):
    from axe_playwright_python.sync_playwright import Axe

    response = page.goto(live_server.url + PAGE_TYPES[name](archive_data))
    assert response.status == (404 if name == "not-found" else 200)
    screenshot(page, f"page-{name}")
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        results = Axe().run(page)
        assert results.violations_count == 0, f"{name} at {width}px:\n{results.generate_report()}"
