"""Words for documents that speak for their authors."""

from ingest.lexicon.words import word_set

# Documents whose author is named where the document was first mentioned ("the report").
DOCUMENT_NOUNS = word_set("report statement letter study survey declaration resolution")

OWNED_DOCUMENTS = word_set("""statement statements letter message report article website post tweet
    column editorial book resolution declaration study survey findings release""")
