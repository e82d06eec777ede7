"""Words about people: titles, roles, post-nominal letters, name particles."""

from ingest.lexicon.words import word_set

# Honorifics and post-nominals that are never part of a canonical name.
TITLES = word_set("""mr mrs ms miss mx dr prof professor sir dame lord lady baroness baron madam madame mme
    senator sen rep representative congressman congresswoman mp mep qc kc hon honorable
    honourable ambassador president judge justice pastor rev reverend gov governor general gen
    ayatollah imam sheikh mullah cleric minister mayor chancellor former ex late
    cllr councillor councilor alderman alderwoman""")

# Capitalised words that describe a role, an office or an institution, not a person's name.
ROLE_WORDS = word_set("""former ex vice deputy acting president president-elect prime minister foreign interior
    secretary state ambassador senator senators congressman congresswoman representative
    judge chief justice director chair chairman chairwoman co-chair head mayor lawyer attorney
    barrister solicitor professor prof speaker spokesman spokeswoman spokesperson leader
    member members councillor councilor governor pastor commissioner rapporteur special
    general expert independent chancellor founder activist author journalist writer editor
    reporter lord lady baroness baron sir dame dr mr mrs ms miss madam madame mme renowned
    distinguished political prisoner treasury homeland security defense defence affairs
    assistant military supreme ayatollah imam sheikh cleric conservative human rights civil
    liberty office commission council committee parliament congress senate house commons
    department ministry court association organization organisation party union nations
    united states republic government international global national federal public liaison
    white european world bar centre center institute foundation league
    opposition intelligence assembly experts moderator host anchor officer official officials
    delegation envoy consul mp mep mps meps qc kc hon honorable honourable rev reverend
    gov gen sen rep auditor prosecutor attorney-general secretary-general high representative
    emeritus dean rector captain colonel major lieutenant sergeant admiral marshal pope king
    queen prince princess emir sultan cardinal bishop rabbi father mother sister brother
    chief-justice ceo cfo founder cllr alderman alderwoman delegate""")

HONORIFICS = word_set("mr mrs ms miss mx dr madam madame mme the a an")

POST_NOMINALS = word_set("qc kc mp mep obe cbe mbe kbe phd jr sr esq")

PARTICLES = word_set("de da del della di du van von der den la le of for bin ibn al el")
