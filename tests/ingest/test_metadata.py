"""A page's own statements about itself: URL, site, author and publication date."""

from datetime import date

import pytest

from ingest.metadata import page_metadata, page_url


@pytest.mark.parametrize(
    "text, url",
    [
        (
            "Headline\n\nBody text.\n\nSource: https://news.example.org/a/b.html\n",
            "https://news.example.org/a/b.html",
        ),
        ("Canonical URL: https://example.com/post?id=4.\nBody", "https://example.com/post?id=4"),
        (
            "https://www.example.net/story\n\nHeadline\n\nBody text here.",
            "https://www.example.net/story",
        ),
        ("Originally published at https://blog.example.org/x\n", "https://blog.example.org/x"),
    ],
)
def test_the_page_address_comes_from_the_lines_that_state_it(text, url):
    assert page_url(text) == url


def test_a_link_in_the_running_text_is_not_the_page_address():
    body = "\n".join(f"Paragraph {n} of the story." for n in range(30))
    text = body + "\nSee https://example.org/other for more.\n" + body
    assert page_url(text) == ""


def test_site_is_the_host_unless_the_page_names_its_publisher():
    assert page_metadata("Source: https://www.example.org/a\n").site == "example.org"
    text = "Publisher: The Riverside Ledger\nSource: https://www.example.org/a\n"
    assert page_metadata(text).site == "The Riverside Ledger"


def test_posted_on_line_gives_the_publication_date_and_author():
    meta = page_metadata("Headline\nPosted on 3 March 2021 by Ana Ruiz\n\nBody.")
    assert meta.published == date(2021, 3, 3)
    assert meta.author == "Ana Ruiz"


def test_a_byline_names_the_author():
    assert (
        page_metadata("Headline\n\nBy Jonas Ekberg, staff writer\n\nBody.").author == "Jonas Ekberg"
    )


def test_a_sentence_starting_with_by_is_not_a_byline():
    assert page_metadata("Headline\n\nBy contrast the council waited.\n").author == ""


def test_a_page_that_states_nothing_has_empty_metadata():
    meta = page_metadata("Just a headline\n\nAnd a paragraph of text.")
    assert (meta.url, meta.site, meta.author, meta.published) == ("", "", "", None)


def test_a_blog_category_after_the_byline_is_not_part_of_the_author():
    meta = page_metadata("Headline\nPosted on June 2, 2022 by Ana Ruiz in Council Watch\n\nBody.")
    assert meta.author == "Ana Ruiz"
    assert meta.published == date(2022, 6, 2)
