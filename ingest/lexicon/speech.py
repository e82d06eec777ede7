"""Verbs of speech: what makes a sentence reported speech."""

from ingest.lexicon.words import word_set

REPORTING_VERBS = word_set("""
say said says saying tell told tells telling add added adds adding state stated states stating
write wrote writes writing declare declared declares argue argued argues arguing stress stressed
stresses emphasize emphasized emphasizes emphasise emphasised emphasises emphasizing
emphasising urge urged urges urging demand demanded demands call called calls calling note noted
notes recall recalled recalls remind reminded reminds point pointed points highlight
highlighted highlights warn warned warns insist insisted insists ask asked asks announce
announced announces condemn condemned condemns criticize criticized criticizes criticise
criticised criticises praise praised praises describe described describes question questioned
recommend recommended recommends encourage encouraged encourages denounce denounced denounces
reiterate reiterated reiterates express expressed expresses recount recounted recounts
conclude concluded concludes detail detailed details hail hailed hails regret regretted
regrets speak spoke speaks refer referred refers continue continued continues remark remarked
remarks observe observed acknowledge acknowledged admit admitted affirm affirmed assert
asserted claim claimed claims confirm confirmed entreat entreated suggest suggested suggests
propose proposed welcome welcomed pledge pledged endorse endorsed voice voiced explain explained
explains reads read decreed decree declares noted believes believed believe thinks thought
told testified testify complain complained appeal appealed reaffirm reaffirmed underline
underlined underscored underscore lament lamented deplore deplored accuse accused accuses
reject rejected rejects dismissed dismiss estimate estimates estimated echoed echo reported
reports report revealed reveal reveals disclosed mention mentioned mentions predicted predict
written urging outlined outlines thanked advise advised advises
vowed vow vows promised promise promises cautioned caution challenged challenges challenge
reply replied replies replying answer answered answers
concede conceded concedes retort retorted retorts decry decried decries slam slammed slams
lambast lambasted blast blasted maintain maintained maintains contend contended contends
allege alleged alleges assure assured assures spotlight spotlighted spotlights insisting warning stressing
""")

# "X spoke for an hour, saying that ...": a participle after the main clause that reports
# what the sentence's subject said (followed by "that", "the need", "for" or a colon)
PARTICIPIAL_REPORTS = word_set("""
saying adding reiterating stressing warning noting emphasizing emphasising insisting arguing
explaining declaring underlining underscoring recalling calling appealing stating
""")
# "..., pledging to work with ...": a participle of promise, followed by "to"
PARTICIPIAL_PROMISES = word_set("""
pledging vowing promising
""")

# "(Applause.)", "[laughter]": a transcript's stage directions, never the speaker's words
STAGE_DIRECTIONS = word_set("""
applause laughter laughs cheers cheering booing boos crosstalk inaudible interruption
interruptions
""")
