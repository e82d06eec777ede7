"""Small words: never names, never the content of a title."""

from ingest.lexicon.words import word_set

# Capitalised words that start sentences or name places/things, never people.
STOP_WORDS = word_set("""the a an in on at for by to from with and but or as it its this that these those he she
    they we i you his her their our my your also finally then however meanwhile moreover
    yes no not when while after before during since until if although because so thus
    there here what who why how where which today yesterday tomorrow last next
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    western eastern northern southern west east north south middle africa asia europe
    america according dear fellow ladies gentlemen q a said says""")

SMALL_WORDS = word_set("a an and as at but by for from in of on or the to with be it its")
