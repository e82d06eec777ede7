"""Cutting a source's text around its statement passages (pure) and rendering it escaped."""

from types import SimpleNamespace

from archive.passages import Anchor, Op, Span, render_source, segment


def shape(tokens) -> list:
    """Tokens as short tuples: ("t", text), ("<", key, first), (">", key, last), ("@", key)."""
    out = []
    for token in tokens:
        if token.op is Op.TEXT:
            out.append(("t", token.text))
        elif token.op is Op.OPEN:
            out.append(("<", token.span.key, token.first))
        elif token.op is Op.CLOSE:
            out.append((">", token.span.key, token.last))
        else:
            out.append(("@", token.anchor.key))
    return out


def rebuild(tokens) -> str:
    return "".join(t.text for t in tokens if t.op is Op.TEXT)


def is_well_nested(tokens) -> bool:
    stack = []
    for token in tokens:
        if token.op is Op.OPEN:
            stack.append(token.span)
        elif token.op is Op.CLOSE and (not stack or stack.pop() != token.span):
            return False
    return not stack


def test_text_without_spans_is_one_text_token():
    assert shape(segment("Hello.", [])) == [("t", "Hello.")]


def test_empty_text_gives_no_tokens():
    assert segment("", [Span(0, 3, 1)]) == []


def test_one_span_is_marked_exactly():
    tokens = segment("He said: yes.", [Span(9, 12, 1)])
    assert shape(tokens) == [
        ("t", "He said: "),
        ("<", 1, True),
        ("t", "yes"),
        (">", 1, True),
        ("t", "."),
    ]


def test_span_inside_another_nests():
    tokens = segment("abcdefgh", [Span(2, 4, 2), Span(0, 8, 1)])
    assert shape(tokens) == [
        ("<", 1, True),
        ("t", "ab"),
        ("<", 2, True),
        ("t", "cd"),
        (">", 2, True),
        ("t", "efgh"),
        (">", 1, True),
    ]


def test_equal_ranges_nest_in_key_order():
    tokens = segment("abc", [Span(0, 3, 7), Span(0, 3, 5)])
    assert shape(tokens) == [
        ("<", 5, True),
        ("<", 7, True),
        ("t", "abc"),
        (">", 7, True),
        (">", 5, True),
    ]


def test_crossing_spans_split_the_inner_one_cleanly():
    # A = [0, 6), B = [3, 9): B is closed where A ends and continues after it.
    tokens = segment("aaabbbccc", [Span(0, 6, 1), Span(3, 9, 2)])
    assert shape(tokens) == [
        ("<", 1, True),
        ("t", "aaa"),
        ("<", 2, True),
        ("t", "bbb"),
        (">", 2, False),
        (">", 1, True),
        ("<", 2, False),
        ("t", "ccc"),
        (">", 2, True),
    ]
    assert is_well_nested(tokens)


def test_adjacent_spans_do_not_nest():
    tokens = segment("aabb", [Span(0, 2, 1), Span(2, 4, 2)])
    assert shape(tokens) == [
        ("<", 1, True),
        ("t", "aa"),
        (">", 1, True),
        ("<", 2, True),
        ("t", "bb"),
        (">", 2, True),
    ]


def test_many_overlaps_keep_text_and_nesting():
    text = "The quick brown fox jumps over the lazy dog."
    spans = [Span(0, 19, 1), Span(4, 25, 2), Span(10, 30, 3), Span(16, 44, 4), Span(4, 9, 5)]
    tokens = segment(text, spans)
    assert rebuild(tokens) == text
    assert is_well_nested(tokens)
    firsts = [t.span.key for t in tokens if t.op is Op.OPEN and t.first]
    lasts = [t.span.key for t in tokens if t.op is Op.CLOSE and t.last]
    assert sorted(firsts) == sorted(lasts) == [1, 2, 3, 4, 5]


def test_spans_outside_the_text_are_left_out():
    tokens = segment("abc", [Span(1, 9, 1), Span(2, 2, 2), Span(-1, 1, 3)])
    assert shape(tokens) == [("t", "abc")]


def test_anchors_sit_between_closing_and_opening_spans():
    tokens = segment("aabb", [Span(0, 2, 1), Span(2, 4, 2)], [Anchor(2, 9), Anchor(0, 8)])
    assert shape(tokens) == [
        ("@", 8),
        ("<", 1, True),
        ("t", "aa"),
        (">", 1, True),
        ("@", 9),
        ("<", 2, True),
        ("t", "bb"),
        (">", 2, True),
    ]


def occurrence(pk, start, end, kind="direct", status="unreviewed"):
    speaker = SimpleNamespace(name="A <b>Speaker</b>")
    statement = SimpleNamespace(pk=pk * 10, kind=kind, review_status=status, speaker=speaker)
    return SimpleNamespace(pk=pk, start=start, end=end, statement=statement)


def test_render_escapes_text_and_marks_passages():
    text = "<p>Intro</p> “Yes & no” end"
    start = text.index("Yes")
    rendered = render_source(
        text,
        [occurrence(1, start, start + len("Yes & no"))],
        [SimpleNamespace(pk=4, start=0)],
    )
    html = str(rendered.html)
    assert html.startswith('<span class="post-anchor" id="post-4"></span>&lt;p&gt;Intro&lt;/p&gt;')
    assert '<mark class="passage passage--direct" id="occurrence-1">Yes &amp; no</mark>' in html
    assert 'href="/statements/10/"' in html
    assert "A &lt;b&gt;Speaker&lt;/b&gt;" in html  # the speaker's name is escaped too
    assert rendered.split == []


def test_render_split_passage_marks_its_continuation():
    rendered = render_source(
        "aaabbbccc", [occurrence(1, 0, 6), occurrence(2, 3, 9, kind="indirect")]
    )
    html = str(rendered.html)
    assert html.count('id="occurrence-2"') == 1
    assert 'class="passage passage--indirect passage--continued passage-part-2"' in html
    assert rendered.split == [2]


def test_render_marks_rejected_statements():
    html = str(render_source("abc", [occurrence(1, 0, 3, status="rejected")]).html)
    assert "passage--rejected" in html
