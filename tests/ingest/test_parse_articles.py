"""Posts, headlines and site chrome."""

from datetime import date
from pathlib import Path

import pytest

from ingest.articles import is_chrome_line, is_subheading, split_posts
from ingest.parse import parse_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


def test_headline_printed_twice_is_the_title():
    text = "Big news today\n\nBig news today\n\nThe body starts here.\n"
    (post,) = split_posts(text)
    assert post.title == "Big news today"


def test_share_line_splits_posts():
    text = "First post\n\nFirst post\n\nBody one.\n\nPlease follow and like us:\nSecond\n\nSecond\n\nBody.\n"
    assert [p.title for p in split_posts(text)] == ["First post", "Second"]


def test_tag_list_and_byline_are_chrome():
    assert is_chrome_line("Iran,Human Rights,Elections,Protests")
    assert is_chrome_line("Staff Writer")


def test_statement_text_is_exactly_the_source_slice():
    text = "Title\n\nTitle\n\nAnn Lee said: “It works.” Bob Ray noted that it was late.\n"
    doc = parse_document(text)
    assert doc.statements
    assert all(text[s.start : s.end] == s.text for s in doc.statements)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="sample pages not available")
def test_every_sample_page_parses_with_exact_offsets():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc = parse_document(text)
        assert doc.articles
        assert all(text[s.start : s.end] == s.text for s in doc.statements)
        keys = {s.key for s in doc.speakers}
        assert all(s.speaker_key in keys for s in doc.statements if s.speaker_key)


def test_share_line_with_targets_is_chrome_not_a_post():
    text = (
        "First post\n\nFirst post\n\nBody one.\n\nPlease follow and like us:\n\n"
        "Share this: Facebook | X | Email\n\nContinue Reading\n\nSecond\n\nSecond\n\nBody two.\n"
    )
    assert [p.title for p in split_posts(text)] == ["First post", "Second"]


def test_horizontal_rule_separates_two_stories():
    text = "Storm closes harbour road\n\nThe road shut at noon.\n\n---\n\nFerry resumes service\n\nIt sailed at six.\n"
    assert [p.title for p in split_posts(text)] == [
        "Storm closes harbour road",
        "Ferry resumes service",
    ]


def test_navigation_bar_and_byline_are_chrome():
    assert is_chrome_line("Home | About us | Campaigns | Donate")
    assert is_chrome_line("NEWS > LOCAL > POLITICS")
    assert is_chrome_line("By Jan Novak, Prague correspondent")
    assert is_chrome_line("Staff report")
    assert not is_chrome_line("Analysis · 3 May 2021 · Data desk")


def test_masthead_date_line_and_section_label_are_not_the_headline():
    text = (
        "NORTHFIELD DAILY NEWS\nMonday 3 May 2021\n\nTransport Policy\n\n"
        "Council approves new tram line after long debate\n\nThe vote was close.\n"
    )
    (post,) = split_posts(text)
    assert post.title == "Council approves new tram line after long debate"


def test_please_share_line_ends_a_post():
    text = (
        "First story headline\n\nA sentence about the first story.\n\n"
        "Please share: Mail | Chat | Print\n\n"
        "Second story headline\n\nA sentence about the second story.\n"
    )
    assert [p.title for p in split_posts(text)] == [
        "First story headline",
        "Second story headline",
    ]


def test_site_header_search_box_and_space_separated_menu_are_not_the_headline():
    text = (
        "Searching for your content...\n"
        "No results found. Please try again.\n\n"
        "THE VALLEY COURIER\nNews for the valley since 1950\n\n"
        "Home   Sport   Weather   Letters\n\n"
        "Bridge reopens after repairs\nBridge reopens after repairs\n\n"
        "The bridge reopened on Monday after six weeks of repairs.\n"
    )
    (post,) = split_posts(text)
    assert post.title == "Bridge reopens after repairs"
    assert "since 1950" not in text[post.body[0][0] : post.body[-1][1]]


def test_short_label_between_two_copies_of_a_headline_is_not_the_headline():
    text = (
        "Ministers agree new limits for river fishing\n\nRiver Board\n\n"
        "Ministers agree new limits for river fishing\n\n"
        "The board's ministers agreed new limits on Monday.\n"
    )
    assert split_posts(text)[0].title == "Ministers agree new limits for river fishing"


def test_related_links_with_no_body_are_not_posts():
    text = (
        "Main story headline\n\nThe main story has a sentence.\n\nContinue Reading\n\n"
        "Another headline linked below\nContinue Reading\n"
    )
    assert [p.title for p in split_posts(text)] == ["Main story headline"]


def test_subheading_naming_an_event_gives_its_section_its_own_event():
    text = (
        "Delegates in Bern\n\n"
        "23 September 2019 | News\n\n"
        "The council debated the report on Tuesday 17 September in Bern.\n\n"
        "Side event: “Open Doors”\n\n"
        "The side event on Friday heard from families.\n\n"
        "“We want answers,” said Lea Moser.\n"
    )
    doc = parse_document(text)
    dates = {e.key: e.start_date for e in doc.events}
    (statement,) = [s for s in doc.statements if s.kind == "direct"]
    assert dates[statement.event_key] == date(2019, 9, 20)


def test_show_name_repeated_in_the_metadata_line_is_not_the_headline():
    text = (
        "Morning Show\n\n"
        "“Rents must come down”: Mayor Lind on housing, trams and the budget\n\n"
        "Posted Oct. 23, 2018 · Morning Show · 11 min listen\n\n"
        "The mayor came into the studio on Monday to talk about housing.\n"
    )
    (post,) = split_posts(text)
    assert post.title.startswith("“Rents must come down”: Mayor Lind")


def test_section_name_listed_in_the_menu_is_not_the_headline():
    text = (
        "Shows\nBreakfast Hour\nCity Talk\nNight Shift\n\n"
        "City Talk\n\n"
        "Mayor Lind on housing, trams and the budget for next year\n\n"
        "The mayor came into the studio on Monday to talk about housing.\n"
    )
    (post,) = split_posts(text)
    assert post.title == "Mayor Lind on housing, trams and the budget for next year"


def test_listen_to_the_full_interview_line_is_not_a_section_event():
    text = (
        "Mayor Lind on rents and trams\n\n"
        "Posted 23 October 2018 | Radio\n\n"
        "The mayor was interviewed on Monday about rents, trams and the budget.\n\n"
        "Listen to the full interview (broadcast Monday, 22 October 2018)\n\n"
        "She said the protest outside the hall on Saturday was peaceful and would stay so.\n"
    )
    doc = parse_document(text)
    assert [e.start_date for e in doc.events] == [date(2018, 10, 22)]


def test_link_to_the_post_media_is_not_a_subheading():
    assert is_subheading("Island practice")
    assert not is_subheading("Listen to the full interview")
    assert not is_subheading("Watch the video of the debate")


@pytest.mark.parametrize(
    "line",
    ["Reading Time : 3 min", "4 min read", "Editor in Chief Jane Roe", "Supervisor Ali Demir"],
)
def test_reading_time_and_masthead_credits_are_chrome(line):
    assert is_chrome_line(line)


def test_breadcrumb_run_into_the_headline_is_not_the_title():
    text = (
        "HomeNEWSCITYBridge reopens after two years\n\nBridge reopens after two years\n\n"
        "The old bridge reopened on Monday after two years of repairs, the city said.\n"
    )
    (post,) = split_posts(text)
    assert post.title == "Bridge reopens after two years"


def test_a_line_running_on_into_the_next_is_not_the_title():
    text = (
        "The mayor of the town, Ana Roe, handed the prize to the two founders of the choir and\n"
        "their families during a ceremony held on Sunday in the old hall.\n"
    )
    (post,) = split_posts(text)
    assert post.title == ""


def test_date_label_in_front_of_the_headline_is_cut_from_the_title():
    text = (
        " date 2019-03-04 Harbour strike ends after a week\n"
        "Published Monday, March 4, 2019\n"
        "Dock workers ended their strike on Monday after the port agreed to new shifts.\n"
    )
    (post,) = split_posts(text)
    assert post.title == "Harbour strike ends after a week"
    assert text[post.title_span[0] : post.title_span[1]] == post.title
