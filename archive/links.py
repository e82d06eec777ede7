"""Record URLs, reversed once per (script prefix, record) and remembered.

``reverse()`` walks the URL patterns on every call; the largest pages link a few hundred
records (an event page: its speakers, posts and passages), and the reversals cost more than
the page's SQL. A record's URL depends only on the URL patterns, the script prefix and its
key, so it is remembered (a bounded LRU cache per process).
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse


@lru_cache(maxsize=100_000)
def _reversed(prefix: str, name: str, key) -> str:
    return reverse(name, args=[key])


def record_url(name: str, key) -> str:
    """``reverse(name, args=[key])``, remembered."""
    return _reversed(get_script_prefix(), name, key)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    """Tests that swap the URL patterns get fresh URLs (as ``reverse``'s own caches do)."""
    if setting == "ROOT_URLCONF":
        _reversed.cache_clear()
