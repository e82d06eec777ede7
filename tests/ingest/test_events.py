"""Unit tests for ingest.events: post dates, event detection and event matching."""

from datetime import date

import pytest

from ingest.event_names import location_in
from ingest.events import (
    EVENT_KINDS,
    article_date,
    detect_event,
    event_kind,
    section_event,
)
from ingest.identity import merge_events, same_event
from ingest.other_events import paragraph_events
from ingest.parse import parse_document
from ingest.types import ParsedEvent


def _event(**kw) -> ParsedEvent:
    defaults = {"key": "e1", "name": "Spring Forum on Water", "kind": "conference"}
    return ParsedEvent(**{**defaults, **kw})


def test_wire_dateline_gives_article_date():
    body = "LYON, Mar. 3, 2016 /ExampleWire/ -- Farmers met in Lyon to discuss prices."
    assert article_date(title="Farmers meet", body=body) == date(2016, 3, 3)


def test_place_and_dash_dateline_gives_article_date():
    body = "Chile, May 2, 2019—The committee held a seminar on mining safety in Santiago."
    assert article_date(title="", body=body) == date(2019, 5, 2)


def test_posted_on_line_gives_article_date():
    body = "Posted on 12 April 2018\n\nThe club held its annual general assembly."
    assert article_date(title="Club news", body=body) == date(2018, 4, 12)


def test_date_line_stuck_to_year_at_post_end_gives_article_date():
    body = "A seminar was held today in Lille about river pollution.\n\nCity desk\n\n2016March 9\n"
    assert article_date(title="Seminar in Lille", body=body) == date(2016, 3, 9)


def test_date_inside_a_sentence_is_not_the_article_date():
    body = "Volunteers recalled the flood of 4 June 2001 in a long discussion of the past."
    assert article_date(title="Memories", body=body) is None


def test_event_date_from_on_phrase_in_lead():
    body = "On Tuesday, 8 May 2018, growers held a conference in Dijon about frost damage."
    event = detect_event(title="Growers gather", body=body, published=None, key="e1")
    assert event.start_date == date(2018, 5, 8)
    assert event.kind == "conference"
    assert event.location == "Dijon"


def test_date_without_year_takes_year_from_post():
    body = "On June 14, a rally was held in Porto by dock workers demanding higher wages."
    event = detect_event(title="Dock workers", body=body, published=date(2015, 6, 16), key="e1")
    assert event.start_date == date(2015, 6, 14)
    assert event.kind == "rally"


def test_date_without_year_takes_year_from_context_date():
    body = "On June 14, a rally was held in Porto by dock workers demanding higher wages."
    event = detect_event(
        title="Dock workers", body=body, published=None, key="e1", context_date=date(2015, 7, 1)
    )
    assert event.start_date == date(2015, 6, 14)


def test_held_today_uses_post_date():
    body = "An exhibition of old maps was held today at the Town Hall of Ghent, drawing crowds."
    event = detect_event(title="Maps on show", body=body, published=date(2012, 3, 1), key="e1")
    assert event.start_date == date(2012, 3, 1)
    assert event.kind == "exhibition"


def test_bare_weekday_counts_back_from_post_date():
    body = "Ministers took part in a panel on Thursday at the Palais des Congrès in Liège."
    # 2019-05-04 is a Saturday, so "on Thursday" is 2019-05-02.
    event = detect_event(title="", body=body, published=date(2019, 5, 4), key="e1")
    assert event.start_date == date(2019, 5, 2)
    assert event.kind == "panel"


def test_post_date_is_fallback_when_event_has_no_date():
    body = "The summit brought together mayors from twelve countries to talk about housing."
    event = detect_event(title="Mayors summit", body=body, published=date(2014, 9, 9), key="e1")
    assert event.start_date == date(2014, 9, 9)


def test_old_background_date_is_not_the_event_date():
    body = (
        "Farmers held a conference in Arles to remember the drought of 12 July 1976.\n\n"
        "They asked for new rules on water use in the whole region."
    )
    event = detect_event(title="Farmers", body=body, published=date(2016, 5, 5), key="e1")
    assert event.start_date == date(2016, 5, 5)


def test_kind_comes_from_headline_cue_first():
    body = "Artists and officials attended the opening, with a short conference afterwards."
    event = detect_event(title="Photo exhibition opens", body=body, published=None, key="e1")
    assert event.kind == "exhibition"


def test_early_day_motion_is_parliamentary_motion():
    body = "Several MPs have signed an early day motion calling for better rail services."
    event = detect_event(title="MPs back rail motion", body=body, published=None, key="e1")
    assert event.kind == "parliamentary-motion"


def test_un_session_needs_a_un_body():
    body = (
        "The rapporteur addressed the 40th session of the UN General Assembly in New York "
        "on October 3, presenting her report."
    )
    event = detect_event(
        title="Rapporteur speaks",
        body=body,
        published=None,
        key="e1",
        context_date=date(2018, 12, 1),
    )
    assert event.kind == "un-session"
    assert event.start_date == date(2018, 10, 3)
    assert event.location == "New York"


def test_opinion_piece_reports_no_event():
    body = (
        "Prices keep rising and many families struggle to pay their rent every month.\n\n"
        "Governments should act now rather than wait for another difficult winter to come."
    )
    assert detect_event(title="Opinion: Rents", body=body, published=None, key="e1") is None


def test_question_and_answer_post_is_an_interview():
    body = "Q: Why did you leave?\nA: I wanted to.\nQ: Will you return?\nA: Maybe next year."
    event = detect_event(title="Analysis: a departure", body=body, published=None, key="e1")
    assert event.kind == "interview"


def test_every_detected_kind_is_known():
    body = "The minister visited Tartu on May 3, 2017 and met local students at the university."
    event = detect_event(title="", body=body, published=None, key="e9")
    assert event.kind in EVENT_KINDS
    assert event.key == "e9"


def test_same_event_with_one_day_apart_and_similar_names():
    a = _event(start_date=date(2020, 5, 1), location="Tallinn")
    b = _event(name="Spring Forum on Water 2020", start_date=date(2020, 5, 2))
    assert same_event(a, b)


def test_different_events_on_the_same_day_do_not_match():
    a = _event(start_date=date(2020, 5, 1), location="Tallinn")
    b = _event(
        name="Dockers rally for wages", kind="rally", start_date=date(2020, 5, 1), location="Porto"
    )
    assert not same_event(a, b)


def test_dates_far_apart_do_not_match():
    a = _event(start_date=date(2020, 5, 1))
    b = _event(start_date=date(2021, 5, 1))
    assert not same_event(a, b)


def test_undated_event_matches_dated_one_with_very_similar_name():
    assert same_event(_event(), _event(start_date=date(2020, 5, 1)))


def test_merge_keeps_earlier_date_and_fuller_location():
    a = _event(start_date=date(2020, 5, 2))
    b = _event(start_date=date(2020, 5, 1), location="Tallinn, Estonia")
    merged = merge_events(a, b)
    assert (merged.start_date, merged.location) == (date(2020, 5, 1), "Tallinn, Estonia")


def test_council_motion_in_headline_is_a_parliamentary_motion():
    event = detect_event(
        title="Council backs tram motion after long debate",
        body="The city council voted on Thursday night to back the tram line.",
        published=date(2022, 6, 10),
        key="e1",
    )
    assert event.kind == "parliamentary-motion"
    assert event.start_date == date(2022, 6, 9)


def test_session_of_an_international_commission_is_a_un_session():
    event = detect_event(
        title="Commission opens session",
        body="The International Commission on River Safety opened its 9th session in Oslo on Tuesday.",
        published=date(2019, 9, 11),
        key="e1",
    )
    assert event.kind == "un-session"
    assert event.start_date == date(2019, 9, 10)


def test_awards_evening_is_an_event():
    event = detect_event(
        title="Volunteers honoured",
        body=(
            "Twenty volunteers were thanked at an awards evening held in the town hall "
            "on Wednesday, May 18."
        ),
        published=date(2022, 5, 20),
        key="e1",
    )
    assert event.kind == "other"
    assert event.start_date == date(2022, 5, 18)


def test_preview_post_dates_the_coming_event():
    event = detect_event(
        title="Tram motion heads to full council next week",
        body="A motion on the tram will go before the full council on Thursday, June 9.",
        published=date(2022, 6, 2),
        key="e1",
    )
    assert event.start_date == date(2022, 6, 9)


def test_place_and_date_alone_on_a_line_is_a_dateline():
    body = "Geneva, 2 March 2021\n\nThe forum opened with delegates from forty countries."
    assert article_date(title="Forum opens", body=body) == date(2021, 3, 2)


def test_date_item_of_a_metadata_line_is_the_article_date():
    body = "Posted by News Desk | Mar. 6, 2018 | Health, Policy\n\nNurses met in Oslo."
    assert article_date(title="", body=body) == date(2018, 3, 6)
    body = "06.03.2018 · 40 min · Hosted by Ann Lee\n\nWe talk about nursing."
    assert article_date(title="", body=body) == date(2018, 3, 6)


def test_weekday_range_counts_back_from_post_date():
    body = (
        "Posted on 4 December 2017\n\n"
        "Nurses gathered in Tromso from Thursday to Saturday for their annual conference."
    )
    event = detect_event(title="", body=body, published=date(2017, 12, 4), key="e1")
    assert (event.start_date, event.end_date) == (date(2017, 11, 30), date(2017, 12, 2))


def test_date_at_end_of_two_day_meeting_is_its_last_day():
    body = (
        "Ministers on Friday, 6 May 2022 agreed new quotas at the end of a two-day meeting in Riga."
    )
    event = detect_event(title="", body=body, published=date(2022, 5, 9), key="e1")
    assert (event.start_date, event.end_date) == (date(2022, 5, 5), date(2022, 5, 6))


def test_debate_by_mps_is_a_parliamentary_event_dated_by_yesterday():
    body = "A petition on bus fares was debated by MPs yesterday afternoon."
    event = detect_event(
        title="MPs debate bus fare petition", body=body, published=date(2022, 5, 4), key="e1"
    )
    assert event.kind == "parliamentary-motion" and event.start_date == date(2022, 5, 3)


def test_report_of_a_day_inside_an_event_matches_that_event():
    meeting = _event(
        name="Quota talks in Riga", start_date=date(2022, 5, 5), end_date=date(2022, 5, 6)
    )
    later = _event(name="Quota talks end in Riga", start_date=date(2022, 5, 6))
    assert same_event(meeting, later)


def test_date_before_by_author_and_categories_is_the_article_date():
    body = "21/10/2018 by Jane Roe — News, Community\n\nPeople gathered in the square on Saturday."
    assert article_date(title="", body=body) == date(2018, 10, 21)
    event = detect_event(
        title="Tenants rally in the square", body=body, published=date(2018, 10, 21), key="e1"
    )
    assert event.start_date == date(2018, 10, 20)


def test_date_before_a_sentence_with_by_is_not_a_byline():
    body = "12/10/2018 by the council, which voted on rents.\n\nNothing else."
    assert article_date(title="", body=body) is None


def test_testimony_before_a_committee_is_an_event():
    body = (
        "Our writer Jan Roe testified on Thursday before the Committee on Housing of the "
        "Regional Assembly in Lund.\n\nShe told members about rents."
    )
    event = detect_event(
        title="Jan takes our story to the Assembly",
        body=body,
        published=date(2018, 10, 19),
        key="e1",
    )
    assert event.kind == "other"
    assert event.start_date == date(2018, 10, 18)


def test_public_hearing_of_a_committee_is_an_event():
    body = "The public hearing of the housing committee heard from six tenants about rents."
    event = detect_event(title="Tenants speak up", body=body, published=None, key="e1")
    assert event is not None and event.kind == "other"


def test_section_of_the_post_event_kind_needs_a_named_heading():
    body = "The interview on Saturday covered rents."
    assert (
        section_event(
            heading="More from the interview",
            body=body,
            published=date(2018, 10, 23),
            key="e1.2",
            post_kind="interview",
        )
        is None
    )
    named = section_event(
        heading="Side event: “Open Doors”",
        body="The side event on Friday heard from families.",
        published=date(2019, 9, 23),
        key="e1.2",
        post_kind="panel",
    )
    assert named is not None and named.start_date == date(2019, 9, 20)


def test_date_in_a_section_heading_dates_the_section():
    event = section_event(
        heading="Panel (Friday, 20 September 2019)",
        body="On Saturday the delegates went home.",
        published=date(2019, 9, 23),
        key="e1.2",
    )
    assert event.start_date == date(2019, 9, 20)


def test_in_conversation_section_the_morning_after_is_a_dated_interview():
    found = section_event(
        heading="In conversation: Karl Brenn",
        body="The Herald spoke to the painter the morning after the opening.\n\nQ: “Why?”",
        published=date(2017, 8, 17),
        key="e1.5",
        post_kind="exhibition",
        post_date=date(2017, 8, 17),
    )
    assert found is not None
    assert found.kind == "interview"
    assert found.start_date == date(2017, 8, 18)


def test_dateline_beats_a_date_line_above_the_headline():
    # the line above the headline is the page's header (or crawl) date, not the post's
    body = (
        "Tuesday, March 3, 2026\n\n"
        "Growers discuss frost\n\n"
        "Lyon, October 9, 2015—Growers took part in a conference on Thursday held in Lyon "
        "about frost damage to the vineyards."
    )
    assert article_date(title="Growers discuss frost", body=body) == date(2015, 10, 9)
    event = detect_event(
        title="Growers discuss frost", body=body, published=date(2015, 10, 9), key="e1"
    )
    assert event.start_date == date(2015, 10, 8)  # the Thursday before Friday 9 October


def test_date_label_before_a_dateline_gives_the_post_date():
    body = " date 2021-05-15 OSLO — Thousands of nurses rallied in the capital on Saturday."
    published = article_date(title="", body=body)
    assert published == date(2021, 5, 15)
    event = detect_event(title="", body=body, published=published, key="e1")
    assert event.start_date == date(2021, 5, 15)


def test_dateline_without_year_is_not_the_event_date():
    body = (
        "Lyon, June 30 (Example Wire) – Hundreds of farmers rallied this Saturday, February 6,"
        " in the old town to demand fair milk prices.\n\n"
        "Lyon, February 6, 2021, photo by a staff photographer"
    )
    event = detect_event(
        title="", body=body, published=None, key="e1", context_date=date(2021, 2, 6)
    )
    assert event.start_date == date(2021, 2, 6)


def test_an_event_named_with_its_year_gives_the_year_of_a_date_without_one():
    body = (
        "Hundreds of engineers met in Oslo this weekend to talk about clean water.\n\n"
        "The June 4 summit, held near the harbour, was the largest so far. Its organisers "
        "presented a plan at the 2019 Nordic Water Summit."
    )
    event = detect_event(title="", body=body, published=None, key="e1")
    assert event.start_date == date(2019, 6, 4)


def test_an_anniversary_gives_the_year_and_the_weekday_confirms_the_day():
    body = (
        "Her speech came on Tuesday, as this 8 May marks the third anniversary of the "
        "disputed referendum in the province.\n\n"
        "“We have not forgotten,” she said at a rally of several thousand people held in the "
        "square, where she has lived since the 2015 referendum."
    )
    event = detect_event(title="", body=body, published=None, key="e1")
    assert event.start_date == date(2018, 5, 8)  # 2015 + 3; 8 May 2018 was a Tuesday


def test_wire_style_bare_weekday_counts_back_from_post_date():
    body = (
        "GENEVA -- An independent expert said the country had refused her every visit.\n\n"
        "The country's envoy answered her report to the council Wednesday by asking for a "
        "new expert."
    )
    # 2018-06-29 is a Friday, so "Wednesday" is 2018-06-27
    event = detect_event(title="", body=body, published=date(2018, 6, 29), key="e1")
    assert event.start_date == date(2018, 6, 27)


def test_telling_a_un_council_is_a_un_session():
    body = "An independent expert has told the Human Rights Council that access was refused."
    assert event_kind(title="Expert regrets refusal", body=body) == "un-session"


def test_telling_a_radio_station_is_an_interview():
    body = "“We will not give up,” the opposition leader told the national radio on Monday."
    assert event_kind(title="", body=body) == "interview"


def test_telling_reporters_is_not_an_interview():
    body = "“We will not give up,” the opposition leader told reporters on Monday at noon."
    assert event_kind(title="", body=body) != "interview"


def test_press_conference_is_of_kind_other():
    body = "Speaking at a press conference held in the capital, the party leader said no."
    assert event_kind(title="Leader rules out coalition", body=body) == "other"


def test_a_motion_passed_by_a_un_council_is_a_un_session():
    body = "The UN Human Rights Council has passed a motion to set up an inquiry into abuses."
    assert event_kind(title="", body=body) == "un-session"


def test_press_conference_is_named_by_its_cue_words():
    body = "Speaking at a press conference held in the capital, the party leader said no."
    event = detect_event(title="", body=body, published=date(2020, 3, 2), key="e1")
    assert event.name.startswith("Press conference")


def test_event_name_is_never_a_clause_with_a_date():
    body = "Hundreds of demonstrators gathered this Saturday, May 8, at the Quay in Brest."
    event = detect_event(title="", body=body, published=date(2021, 5, 10), key="e1")
    assert event.start_date == date(2021, 5, 8)
    assert not any(ch.isdigit() for ch in event.name)


def _paragraph_events(paragraphs, post_event, published):
    return paragraph_events(
        paragraphs=paragraphs, post_event=post_event, published=published, key="e1"
    )


def test_a_quote_given_at_an_earlier_conference_gets_that_event():
    rally = _event(kind="rally", name="Harbour rally", start_date=date(2016, 3, 12))
    paragraphs = [
        "Thousands of dock workers rallied in Brest on Saturday against the closures.",
        "At a conference in Lyon on 3 March 2016, the union leader had said: “We will not "
        "give up the port.”",
    ]
    found = _paragraph_events(paragraphs, rally, date(2016, 3, 13))
    assert list(found) == [1]
    assert found[1].kind == "conference"
    assert found[1].start_date == date(2016, 3, 3)
    assert found[1].key == "e1.p1"


def test_a_paragraph_about_the_post_event_day_keeps_the_post_event():
    rally = _event(kind="rally", name="Harbour rally", start_date=date(2016, 3, 12))
    paragraphs = ["At the rally on 12 March, the union leader said: “We stay.”"]
    assert _paragraph_events(paragraphs, rally, date(2016, 3, 13)) == {}


def test_a_meeting_still_to_come_is_not_another_event():
    hearing = _event(kind="other", name="Hearing", start_date=date(2018, 10, 18))
    paragraphs = ["The chair said the committee would vote at its meeting on 6 November."]
    assert _paragraph_events(paragraphs, hearing, date(2018, 10, 19)) == {}


def test_parse_document_gives_the_earlier_event_to_the_quote_made_there():
    text = (
        "Dock workers rally in Brest\n\n"
        "Dock workers rally in Brest\n\n"
        "Posted on 13 March 2016\n\n"
        "Thousands of dock workers held a rally in Brest on Saturday against the closures.\n\n"
        "At a conference in Lyon on 3 March 2016, Marie Delorme said: “We will not give up "
        "the port.”\n"
    )
    document = parse_document(text)
    (quote,) = [s for s in document.statements if s.text.startswith("We will not")]
    events = {e.key: e for e in document.events}
    assert events[quote.event_key].start_date == date(2016, 3, 3)
    assert events[document.articles[0].event_key].start_date == date(2016, 3, 12)


def test_a_dated_opening_report_beats_a_much_later_date_above_the_post():
    body = (
        "Wednesday, 4 June 2025\n\n"
        "On September 20, 2019, lawyers held a conference at the town hall of Dijon on the "
        "prison closures."
    )
    published = article_date(title="Lawyers meet", body=body)
    event = detect_event(title="Lawyers meet", body=body, published=published, key="e1")
    assert event.start_date == date(2019, 9, 20)


@pytest.mark.parametrize(
    "sentence",
    ["On 12 March 2020 the minister took part in talks.", "In March 2019, talks were held."],
)
def test_the_month_of_march_is_not_a_rally(sentence):
    assert event_kind(title="", body=sentence) != "rally"


@pytest.mark.parametrize("title", ["Solidarity March 2019", "Thousands join the Harbour March"])
def test_a_named_march_is_a_rally(title):
    assert event_kind(title=title, body="") == "rally"


def test_place_and_date_in_brackets_is_a_dateline():
    body = "GENEVA (12 March 2024) – Speaking at the session of the Council, the envoy said no."
    assert article_date(title="", body=body) == date(2024, 3, 12)


def test_a_dated_caption_dates_the_event_and_the_date_line_the_post():
    text = (
        "Port Town\n"
        "12 Apr 2016 | Tue 09:15\n"
        "April 11, 2016: Harbour union press conference\n"
        "April 11, 2016: Harbour union press conference\n"
        "Union news\n\n"
        "The harbour union said on its website that the strike would go on, and its leader "
        "Ana Roe repeated it to the press.\n"
    )
    document = parse_document(text)
    (article,) = document.articles
    assert article.published == date(2016, 4, 12)
    (event,) = document.events
    assert (event.kind, event.start_date) == ("other", date(2016, 4, 11))


@pytest.mark.parametrize(
    ("body", "name"),
    [
        (
            "“We go on,” the opposition leader told the state radio in Tallinn on Friday.",
            "Interview in Tallinn",
        ),
        (
            "The prize was handed over during a ceremony held on Tuesday in Strasbourg.",
            "Ceremony in Strasbourg",
        ),
        ("Hundreds of demonstrators rallied on Sunday in Porto.", "Rally in Porto"),
    ],
)
def test_event_names_are_names_not_clauses(body, name):
    event = detect_event(title="", body=body, published=date(2022, 5, 9), key="e1")
    assert event.name == name


def test_a_photo_credit_run_into_a_caption_is_not_part_of_the_place():
    sentence = "The leader speaks at an event on May 1, 2020 in Porto, Port.Ana Roe / Agency"
    assert location_in(sentence) == "Porto, Port."


def test_on_monday_counts_back_from_a_dateline_without_year():
    body = (
        "SKOPJE, Aug. 27 (Example Wire) - The opposition leader told a news conference on "
        "Monday that he would not resign after the defeat."
    )
    event = detect_event(
        title="", body=body, published=None, key="e1", context_date=date(2020, 8, 1)
    )
    # 27 August 2020 was a Thursday; the Monday before it was the 24th
    assert (event.kind, event.start_date) == ("other", date(2020, 8, 24))


def test_a_proper_event_name_in_the_lead_names_the_event():
    body = (
        "Hundreds of engineers met near the harbour this weekend at the Nordic Convention "
        "for Clean Water and Open Rivers.\n\n"
        "The June 4 conference, held in the old customs hall of Bergen, closed with a vote."
    )
    event = detect_event(title="", body=body, published=date(2019, 6, 6), key="e1")
    assert event.name.startswith("Nordic Convention for Clean Water and Open Rivers")
    assert event.start_date == date(2019, 6, 4)
