"""The one helper the word lists are written with."""


def word_set(value: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``value`` (keeps word lists readable)."""
    return frozenset(value.split())
