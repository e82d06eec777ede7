"""A small bar chart of statements over time, drawn server-side as inline SVG.

``statements_per_month`` reads the counts; ``build_timeline`` (pure) lays out the bars: one
per month when the statements span up to ``MAX_MONTH_BARS`` months, else one per year, with
empty periods kept so that gaps show.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

# Beyond this many months the chart switches to one bar per year.
MAX_MONTH_BARS = 36

# Drawing units of the SVG viewBox; the chart scales to the width of its column.
WIDTH = 600
HEIGHT = 120
GAP = 2
MAX_BAR_WIDTH = 40  # a few periods give a few bars, not a solid block


@dataclass(frozen=True)
class Bar:
    label: str  # "March 2021" or "2021"
    period: str  # machine-readable: "2021-03" or "2021"
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Timeline:
    unit: str  # "month" or "year"
    bars: list[Bar]
    total: int
    max_count: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def first(self) -> Bar:
        return self.bars[0]

    @property
    def last(self) -> Bar:
        return self.bars[-1]

    @property
    def span(self) -> str:
        """When the statements were made, for the chart's caption: "from X to Y" or "in X"."""
        used = [bar for bar in self.bars if bar.count]
        if used[0] is used[-1]:
            return f"in {used[0].label}"
        return f"from {used[0].label} to {used[-1].label}"

    @property
    def busiest(self) -> Bar:
        return max(self.bars, key=lambda bar: bar.count)


def statements_per_month(statements: QuerySet) -> dict[date, int]:
    """Dated statements of ``statements`` counted per month (first day of the month)."""
    rows = (
        statements.filter(date__isnull=False)
        .annotate(month=TruncMonth("date"))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"))
    )
    return {row["month"]: row["count"] for row in rows}


def build_timeline(per_month: dict[date, int]) -> Timeline | None:
    """Bars for the months (or years) from the first to the last with statements; None if none."""
    counts = {month.replace(day=1): n for month, n in per_month.items() if n > 0}
    if not counts:
        return None
    first, last = min(counts), max(counts)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months < 12:
        # Under a year: show the whole calendar year(s), so one month is not one wide block.
        first, last = first.replace(month=1), last.replace(month=12)
        months = (last.year - first.year) * 12 + 12
    if months <= MAX_MONTH_BARS:
        periods = []
        year, month = first.year, first.month
        for _ in range(months):
            when = date(year, month, 1)
            periods.append((when.strftime("%B %Y"), when.strftime("%Y-%m"), counts.get(when, 0)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        unit = "month"
    else:
        per_year: dict[int, int] = {}
        for when, n in counts.items():
            per_year[when.year] = per_year.get(when.year, 0) + n
        periods = [
            (str(year), str(year), per_year.get(year, 0))
            for year in range(first.year, last.year + 1)
        ]
        unit = "year"

    max_count = max(n for _, _, n in periods)
    slot = WIDTH / len(periods)
    bar_width = max(min(slot - GAP, MAX_BAR_WIDTH), 1)
    bars = []
    for i, (label, period, n) in enumerate(periods):
        # Keep a sliver for non-empty periods so a single statement is still visible.
        height = round(HEIGHT * n / max_count, 2) if n else 0
        if n and height < 2:
            height = 2
        bars.append(
            Bar(
                label=label,
                period=period,
                count=n,
                x=round(i * slot + (slot - bar_width) / 2, 2),
                y=round(HEIGHT - height, 2),
                width=round(bar_width, 2),
                height=height,
            )
        )
    return Timeline(unit=unit, bars=bars, total=sum(counts.values()), max_count=max_count)
