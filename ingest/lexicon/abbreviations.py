"""Abbreviations after which a full stop does not end a sentence."""

from ingest.lexicon.words import word_set

# Abbreviations after which a full stop does not end a sentence (compared lower-cased).
ABBREVIATIONS = word_set("""mr mrs ms dr prof sen rep gov gen col lt st jr sr hon rev mt ft vs etc no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.n u.k e.u e.g i.e a.m p.m
    approx dept est inc ltd co corp""")
