"""Words about places and peoples: demonyms and compass directions."""

from ingest.lexicon.words import word_set

NATIONALITIES = word_set("""iranian italian british canadian belgian french american colombian columbian norwegian
    palestinian algerian swiss greek german spanish albanian syrian iraqi scottish english
    irish welsh dutch swedish danish finnish polish romanian austrian australian indian
    pakistani israeli saudi egyptian turkish russian chinese japanese korean mexican brazilian
    argentine argentinian european arab lebanese jordanian moroccan tunisian afghan kurdish
    portuguese czech slovak hungarian bulgarian croatian serbian ukrainian lithuanian latvian
    estonian icelandic luxembourgish maltese cypriot slovenian moldovan georgian armenian
    belarusian belarussian venezuelan cuban chilean peruvian bolivian ecuadorian uruguayan
    paraguayan nicaraguan honduran guatemalan salvadoran panamanian haitian dominican
    jamaican nigerian kenyan ethiopian eritrean somali sudanese congolese ghanaian
    senegalese malian cameroonian ugandan rwandan burundian tanzanian zimbabwean zambian
    angolan mozambican libyan yemeni omani emirati qatari kuwaiti bahraini azerbaijani
    kazakh uzbek turkmen tajik kyrgyz mongolian tibetan uyghur uighur burmese myanmar thai
    vietnamese cambodian laotian malaysian indonesian filipino singaporean taiwanese
    bangladeshi nepali nepalese lankan maldivian bhutanese macedonian bosnian
    montenegrin kosovar zealander baluch balochi ahwazi rohingya""")

DIRECTIONS = word_set("north south east west northern southern eastern western central")
