"""The speaker timeline: bars per month, or per year over long spans."""

from datetime import date

from archive.timeline import HEIGHT, MAX_MONTH_BARS, WIDTH, build_timeline


def test_no_dated_statements_gives_no_timeline():
    assert build_timeline({}) is None
    assert build_timeline({date(2020, 1, 1): 0}) is None


def test_short_span_has_one_bar_per_month_of_its_whole_year_with_gaps_kept():
    timeline = build_timeline({date(2020, 1, 1): 2, date(2020, 4, 1): 4})
    assert timeline.unit == "month"
    assert [bar.period for bar in timeline.bars][:4] == ["2020-01", "2020-02", "2020-03", "2020-04"]
    assert len(timeline.bars) == 12
    assert [bar.count for bar in timeline.bars] == [2, 0, 0, 4] + [0] * 8
    assert timeline.total == 6
    assert timeline.first.label == "January 2020"
    assert timeline.busiest.label == "April 2020"
    assert timeline.span == "from January 2020 to April 2020"
    tallest = timeline.bars[3]
    assert tallest.height == HEIGHT and tallest.y == 0
    assert timeline.bars[0].height == HEIGHT / 2
    assert timeline.bars[1].height == 0


def test_month_runs_over_the_year_end():
    timeline = build_timeline({date(2019, 11, 1): 1, date(2020, 12, 1): 1})
    assert len(timeline.bars) == 14
    assert [bar.period for bar in timeline.bars][1:3] == ["2019-12", "2020-01"]


def test_a_single_month_shows_its_year_with_a_narrow_bar():
    timeline = build_timeline({date(2020, 7, 1): 3})
    assert len(timeline.bars) == 12
    assert timeline.first.label == "January 2020" and timeline.last.label == "December 2020"
    assert timeline.span == "in July 2020"
    july = timeline.bars[6]
    assert july.count == 3 and july.width <= 40


def test_long_span_has_one_bar_per_year():
    timeline = build_timeline({date(2001, 5, 1): 1, date(2001, 6, 1): 2, date(2010, 1, 1): 1})
    assert timeline.unit == "year"
    assert len(timeline.bars) == 10
    assert timeline.bars[0].count == 3 and timeline.bars[0].label == "2001"
    assert timeline.bars[-1].count == 1


def test_bars_fit_the_drawing_and_small_counts_stay_visible():
    counts = {date(2000 + i // 12, i % 12 + 1, 1): (100 if i == 0 else 1) for i in range(36)}
    timeline = build_timeline(counts)
    assert len(timeline.bars) == MAX_MONTH_BARS
    assert all(bar.height >= 2 for bar in timeline.bars)
    last = timeline.bars[-1]
    assert last.x + last.width <= WIDTH
