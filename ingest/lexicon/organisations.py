"""Words that name organisations, groups, missions and events."""

from ingest.lexicon.words import word_set

ORG_WORDS = word_set("""international department ministry council committee organization organisation
    observatory secretariat academy hospital museum
    association party union nations office commission court agency times post telegraph
    guardian news press daily watch foundation institute center centre network radio
    television tv bbc cnn reuters amnesty parliament congress senate government league
    alliance coalition federation society group bank fund university college church
    campaign movement forum company corporation inc ltd journal magazine newspaper
    gazette herald tribune observer independent network coalition holdings group trust
    authority board agency panel caucus chamber embassy consulate""")

GROUP_NOUNS = word_set("""mps meps lawmakers legislators parliamentarians senators laureates protesters
    demonstrators activists experts speakers participants members delegates dignitaries
    officials ministers leaders representatives politicians scholars jurists lawyers
    mayors supporters students families survivors witnesses signatories""")
# Plural nouns that, with nothing naming them ("Speakers called for", "the protesters"),
# name nobody in particular: such statements have no speaker.
GENERIC_GROUPS = GROUP_NOUNS & word_set("""speakers participants protesters demonstrators
    activists delegates supporters students families survivors witnesses members officials
    experts leaders representatives""")

# Lower-case nouns that refer back to an organisation named earlier ("the coalition said").
ORG_ANAPHORS = word_set("""coalition network union commission council committee company firm
    ministry government party organisation organization association federation agency
    alliance campaign charity foundation institute panel board authority operator society
    university observatory secretariat""")

# A mission abroad is named by its city: "the Norvic Embassy in Ottawa".
POSTING_WORDS = word_set("embassy consulate consulate-general mission delegation legation")

# Nouns that name an event or a happening; a capitalised run holding one names no person
# ("Free Expression Summit", "Harvest Rally", "Spring Massacre Commemoration").
EVENT_WORDS = word_set("""summit conference rally gathering forum session meeting congress convention
    symposium seminar webinar festival ceremony vigil march protest campaign massacre war
    revolution uprising election elections anniversary day week prize award awards""")
