"""What a search page shows of its filterset: the facets with a link for each option, the
active filters as chips, and the form's errors as sentences.

``SearchDisplay`` is mixed into ``archive.filters.StatementFilter``; it reads the filterset's
form, filters, GET data and ``summary()``, and changes none of them.
"""

from django.utils.functional import cached_property

from archive import search
from archive.facets import UNDATED
from archive.models import EventKind, ReviewStatus, StatementKind


def _years(rows: list[dict]) -> list[dict]:
    """Year facet rows newest year first, the undated ones last, labelled for the page."""
    dated = sorted(
        (r for r in rows if r["value"] != UNDATED), key=lambda r: r["value"], reverse=True
    )
    undated = [r for r in rows if r["value"] == UNDATED]
    return [
        {**r, "label": "Undated" if r["value"] == UNDATED else r["value"]} for r in dated + undated
    ]


class SearchDisplay:
    def facets(self) -> list[search.Facet]:
        """The facets of the current search, each option linking to the search with it."""
        summary = self.summary()
        rows = summary.facets
        estimated = getattr(summary, "estimated_facets", set())
        data = self.form.cleaned_data
        selected_speakers = {s.slug for s in data.get("speaker") or ()}
        event, source = data.get("event"), data.get("source")
        built = [
            self._facet("speaker", rows["speaker"], selected_speakers, multiple=True),
            self._facet("event", rows["event"], {event.slug} if event else set()),
            self._facet(
                "event_kind",
                self._labelled(rows["event_kind"], EventKind),
                {data.get("event_kind")},
            ),
            self._facet("source", rows["source"], {str(source.pk)} if source else set()),
            self._facet("year", _years(rows["year"]), {data.get("year")}),
            self._facet("kind", self._labelled(rows["kind"], StatementKind), {data.get("kind")}),
            self._facet(
                "status",
                self._labelled(
                    [
                        r
                        for r in rows["status"]
                        if self.editor or r["value"] != ReviewStatus.REJECTED
                    ],
                    ReviewStatus,
                ),
                {data.get("status")},
            ),
        ]
        return [
            search.Facet(f.name, f.label, f.options, estimated=f.name in estimated) for f in built
        ]

    def chips(self) -> list[search.Chip]:
        """The active filters, each with a link that drops just that one."""
        data = self.form.cleaned_data
        chips = []
        for name, filter_ in self.filters.items():
            value = data.get(name)
            if name == "q" or value in (None, "", []):
                continue
            if name == "speaker":
                for speaker in value:
                    chips.append(
                        search.Chip(
                            name,
                            filter_.label,
                            speaker.name,
                            search.without(self.data, name, speaker.slug),
                        )
                    )
                continue
            if name in ("date_from", "date_to"):
                shown = self.data.get(name, "")
            elif name == "year" and value == UNDATED:
                shown = "Undated"
            elif hasattr(value, "isoformat"):
                shown = value.isoformat()
            elif isinstance(value, str):  # a choice: show its label, not its code
                shown = dict(self.form.fields[name].choices).get(value, value)
            else:
                shown = str(value)
            chips.append(search.Chip(name, filter_.label, shown, search.without(self.data, name)))
        return chips

    def error_messages(self) -> list[str]:
        """The form's errors as sentences that name the parameter at fault."""
        messages = []
        for name, errors in self.form.errors.items():
            field = self.form.fields.get(name)
            prefix = f"{field.label}: " if field and field.label else ""
            given = ", ".join(self.data.getlist(name)).replace("\x00", "") if field else ""
            given = given if len(given) <= 60 else given[:59] + "…"
            for error in errors:
                shown = f" (you gave “{given}”)" if given and given not in error else ""
                messages.append(f"{prefix}{error}{shown}")
        return messages

    def _facet(self, name: str, rows, selected: set, *, multiple: bool = False) -> search.Facet:
        toggled = self._toggler
        options = [
            search.FacetOption(
                value=row["value"],
                label=row["label"],
                count=row["count"],
                selected=row["value"] in selected,
                query_string=toggled(name, row["value"], multiple=multiple),
            )
            for row in rows
        ]
        return search.Facet(name, self.filters[name].label, options)

    @cached_property
    def _toggler(self) -> search.Toggler:
        return search.Toggler(self.data)

    @staticmethod
    def _labelled(rows, choices) -> list[dict]:
        labels = dict(choices.choices)
        rows = [{**row, "label": labels.get(row["value"], row["value"])} for row in rows]
        return sorted(rows, key=lambda row: row["value"]) if choices is not EventKind else rows
