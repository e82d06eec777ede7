"""Words for documents that speak for their authors."""

from ingest.lexicon.words import word_set

# Documents whose author is named where the document was first mentioned ("the report").
DOCUMENT_NOUNS = word_set("report statement letter study survey declaration resolution")

OWNED_DOCUMENTS = word_set("""statement statements letter message report article website post tweet
    column editorial book resolution declaration study survey findings release""")

# Verbs of writing: "As X wrote, ..." quotes a writer inside a speech, not a speaker there.
WRITING_VERBS = word_set("wrote writes penned pens")

# Texts that "say" or "state" their words ("the decree states", "the letter reads"): quoted
# material, not a speaker at the event.
QUOTED_TEXTS = word_set("""decree decrees law laws letter book poem poems article constitution
    charter treaty statute verse verses scripture memoir essay manifesto column editorial""")

# Places a statement is issued or made away from the event: "told reporters", "in a
# statement", "wrote on X" (each line is a phrase).
ELSEWHERE_PHRASES = (
    "later told reporters",
    "told reporters after",
    "told reporters afterwards",
    "told reporters outside",
    "later told journalists",
    "told journalists after",
    "told the press after",
    "in a statement",
    "in a written statement",
    "in a press release",
    "in a post",
    "on its website",
    "on his website",
    "on her website",
    "on their website",
    "on social media",
    "on twitter",
    "on x",
    "on facebook",
    "on telegram",
)
