"""Word lists and regular expressions the extraction stages share (no Django)."""

import re

PAIRS = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›", '"': '"', "‚": "‘"}
CLOSERS = {"”", "»", "’", "›", '"'}

SPEECH_VERBS = (
    "said|says|say|told|tells|tell|added|adds|adding|noted|notes|noting|stressed|stresses|"
    "stressing|explained|explains|explaining|reported|reports|reporting|wrote|writes|"
    "reads|read|asked|asks|insisted|insists|warned|warns|continued|continues|argued|argues|"
    "stated|states|announced|announces|declared|pointed out|points out|claimed|claims|"
    "urged|urges|replied|replies|recalled|recalls|acknowledged|acknowledges|admitted|"
    "admits|vowed|vows|called|calls|described|describes|suggested|suggests|"
    "confirmed|confirms|cautioned|cautions|remarked|remarks|complained|complains|"
    "commented|comments|observed|observes|emphasized|emphasised|emphasizes|emphasises|"
    "underlined|underscored|predicted|predicts|estimated|estimates|telling|saying|"
    "concluded|concludes|responded|responds|answered|answers|conceded|concedes|"
    "quipped|joked|tweeted|posted|wrote|asserted|asserts|agreed|agrees|exclaimed|exclaims|"
    "fumed|fumes|demurred|confessed|confesses|mocked|mocks|scoffed|scoffs|retorted|retorts|"
    "shouted|shouts|yelled|yells|chanted|chants|cried|whispered|muttered|mused|muses|quips|"
    "jokes|boasted|boasts|bragged|brags|lamented|laments|countered|counters|shot back|"
    "fired back|wondered|wonders|recounted|recounts|testified|testifies|tweets|texted|"
    "interjected|protested|pleaded|grumbled|deadpanned|gushed|charged|alleged|alleges|"
    "contended|contends|maintained|maintains|proclaimed|proclaims|pledged|promised|"
    "reiterated|reiterates|repeated|echoed|echoes|inquired|demanded|reasoned|"
    "summed up|went on|chimed in|offered|speculated|surmised|put it|puts it|beamed|riffed|"
    "snapped|reacted|assured|crowed|cracked|sniped|observed|wrote back|cut in|interrupted|"
    "calling|urging|arguing|insisting|warning|describing|claiming|asking|writing|tweeting|"
    "declaring|suggesting|stating|recalling|joking|replying|responding|promising|vowing|"
    "declares|opined|opines|screamed|shouts|roared|chanting|shouting|yelling|"
    "quip|write|insist|warn|argue|explain|conclude|exhorted|barked|"
    "sniffed|scolded|snarled|thundered|intoned|wrote in|elaborated|elaborates|questioned|"
    "pressed|marveled|marvelled|mused|groused|griped|gloated|hissed|stated in"
)
# Verbs that introduce a fragment as the speaker's own words (partials); not those that
# also take a plan or a deed ("agreed to form an “operations room”").
_NOT_PARTIAL = set(
    "declared agreed agrees offered promised pledged charged demanded maintained maintains "
    "repeated echoed echoes went on".split(" ")
) | {"went on"}
PARTIAL_VERBS = re.compile(
    r"\b(?:" + "|".join(v for v in SPEECH_VERBS.split("|") if v not in _NOT_PARTIAL) + r")\b",
    re.IGNORECASE,
)
# Verbs that judge or report someone's words, so a short fragment after them is quoted
# speech, not a scare quote: "accused Sanders of a “flip-flop”", "decried the “rigged” system".
FRAGMENT_VERBS = re.compile(
    r"\b(?:accus|decr|chid|prais|slamm?|blast|hail|critici[sz]|condemn|dismiss|denounc|"
    r"label|brand|ridicul|derid|lambast|tout|pledg|vow|defend|reject|blam|thank|urg|"
    r"characteri[sz]|liken|deem|term|promis|applaud|credit|fault|cheer|chant|shout|"
    r"mock|attack|insist|argu|conced|admit|warn|tweet|call|describ)"
    r"(?:e|es|ed|d|s|ing|ied|ies|y)?\b",
    re.IGNORECASE,
)
# Calling someone something in quotation marks quotes the caller: called him “Little Marco”.
CALLED_SOMEONE = re.compile(
    r"\b(?:call|calls|called|calling|labell?ed|labels|branded|brands|dubbing)\s+"
    r"(?:him|her|them|it|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)\s+(?:(?:a|an|the)\s+)?$"
)
NAMING_CUES = re.compile(
    r"(?:\bwhat\s+(?:\w+\s+){1,3}(?:call|calls|called|dubbed)|\bknown\s+as|\bdescribed\s+as\s+the|"
    r"\bso-called|\bnicknamed|\bdubbed|\btitled|\bentitled|"
    # a possessive, not "it's" or "that's"
    r"(?<!\bit)(?<!\bthat)(?<!\bhe)(?<!\bshe)(?<!\bthere)(?<!\bwhat)(?<!\bwho)['’]s)\s*$",
    re.IGNORECASE,
)
TITLE_CUES = re.compile(
    r"\b(?:headlined|headline|titled|entitled|dubbed|so-called|nicknamed|book|film|"
    r"song|programme|program|show|operation|named|movie|documentary|album|podcast|series|"
    r"episode|play|novel|column|tour|slogan|hashtag|website|anthem|musical|memoir)[\s,]*$",
    re.IGNORECASE,
)
ABBREVIATIONS = (
    "Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Capt|Sgt|Sen|Rep|Gov|Prof|St|Jr|Sr|No|Jan|Feb|Mar|Apr|"
    "Brig|Adm|Cmdr|Cdr|Cpl|Pvt|Supt|Insp|Det|Rev|Hon|Amb|Atty|Lieut|Gens|Reps|Sens|Fr|Mt|Ft|"
    "Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\\.S|U\\.N|U\\.K|E\\.U|vs|etc|Inc|Co|Corp|Ltd"
)
UNNAMED_HEADS = re.compile(
    r"^(?:a|an|one|two|three|four|five|several|some|many|other|senior|military|"
    r"government|security|diplomatic|western|iraqi|u\.s\.|us|officials?|sources?|"
    r"members?|mps|lawmakers|people|residents|witnesses|analysts|experts|aides?|"
    r"the sources|the officials|the official|a source|critics|observers|diplomats|activists|"
    r"protesters|doctors|police|soldiers|officers|commanders|leaders|politicians|deputies|"
    r"legislators|insiders|aid workers|workers|families|rights groups|supporters|opponents|"
    r"villagers|locals|survivors|fighters|militants|judges|colleagues|relatives|"
    # a crowd counted: "Hundreds of demonstrators", "about 50 protesters"
    r"hundreds|thousands|dozens|scores|(?:about|around|nearly|roughly|more\s+than|at\s+least)"
    r"\s+\d[\d,]*)\b",
    re.IGNORECASE,
)
OUTLET_NOUNS = r"newspaper|daily|weekly|news agency|agency|website|broadcaster|channel|magazine"
OUTLET_WORDS = {
    "newspaper",
    "daily",
    "weekly",
    "paper",
    "agency",
    "website",
    "broadcaster",
    "channel",
    "magazine",
    "journal",
    "outlet",
    "network",
}
OUTLET_NAMES = re.compile(
    r"\b(?:Journal|Times|Post|News|Press|Guardian|Telegraph|Herald|Tribune|Gazette|Observer|"
    r"Independent|BBC|CNN|Reuters|AFP|AP|Agency|Monitor|Eye|Kommersant|Izvestia|Daily)\b"
)
ORG_NOUNS = OUTLET_WORDS | {
    "ministry",
    "government",
    "army",
    "committee",
    "council",
    "organization",
    "organisation",
    "group",
    "party",
    "coalition",
    "alliance",
    "office",
    "department",
    "militia",
    "movement",
    "company",
    "embassy",
    "commission",
    "programme",
    "program",
    "agency",
    "statement",
    "kremlin",
    "pentagon",
    "military",
    "police",
    "bank",
    "fund",
    "court",
    "parliament",
}
PRONOUNS = {"he", "she", "they", "it", "his", "her", "we"}
ORG_WORDS = re.compile(
    r"\b(?:Journal|Times|Post|Reuters|Insider|Agency|News|Press|Ministry|Council|Committee|"
    r"Corps|Brigade|Brigades|Party|Coalition|Alliance|Government|government|Nations|Union|"
    r"Force|Forces|Hezbollah|Haq|Badr|Organization|Organisation|Office|Department|"
    r"Parliament|Assembly|Kremlin|Pentagon|Commission|Army|Militia|Movement|Front|"
    r"Guardian|Telegraph|Herald|Tribune|Gazette|Observer|Independent|BBC|CNN|AFP|AP|"
    r"TASS|RIA|WSJ|Bloomberg|Xinhua|Sputnik|Interfax|Al Jazeera|Institute|Bank|Company|"
    r"Group|Association|Federation|State Department|White House|Reuters|Post)\b"
)
NOT_NAME_WORDS = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Yes",
    "No",
    "It",
    "He",
    "She",
    "They",
    "We",
    "This",
    "That",
    "Those",
    "These",
    "Iraq",
    "Iraqi",
    "Iraqis",
    "Russia",
    "Russian",
    "Russians",
    "Syria",
    "Syrian",
    "Iran",
    "Iranian",
    "Baghdad",
    "Moscow",
    "Washington",
    "America",
    "American",
    "Americans",
    "US",
    "U.S.",
    "Islamic",
    "State",
    "Shiite",
    "Shi'ite",
    "Sunni",
    "Kurdish",
    "Daesh",
    "ISIS",
    "ISIL",
    "IS",
    "Middle",
    "East",
    "October",
    "November",
    "September",
    "Tuesday",
    "Monday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Meanwhile",
    "However",
    "According",
    "Prime",
    "Minister",
    "President",
    "Mr.",
    "Dr.",
    "General",
    "Gen.",
    "Chairman",
    "MP",
    "Federation",
    "Council",
    "Foreign",
    "Defence",
    "Defense",
    "Western",
    "Eastern",
    "Afghanistan",
    "Jordan",
    "Kurdistan",
    "Anbar",
    "Basra",
    "Ramadi",
    "Khalis",
    "Diyala",
    "Baiji",
    "Lebanon",
    "Egypt",
    "Facebook",
    "Twitter",
    "God",
    "Mideast",
    "Arab",
    "Gulf",
    "Security",
    "Joint",
    "Chiefs",
    "Staff",
    "Cold",
    "War",
    "UN",
    "High",
    "Commissioner",
    "Human",
    "Rights",
    "Head",
    "Deputy",
    "Speaker",
    "Parliament",
    "Ayatollah",
    "Tehran",
    "Alawite",
    "Peshmerga",
    "Kurds",
    "Army",
    "Air",
    "Force",
    "Brigade",
    "Corps",
    "United",
    "States",
    "Nations",
    "Kingdom",
    "Union",
    "European",
    "Republic",
}
# Words capitalised only because they open a sentence ("For Kawa Mustafa, the vote …").
NOT_NAME_WORDS |= set(
    "For With To From After Before When While As If Like Unlike Among Of By Under Over Since "
    "Until Despite Although Though Because Once Not Only Even Still So Then Now Here There His "
    "Her Their Its Our My Your Some Many Most All Both Each Every Nor Or Yet What Who Why How "
    "Where Asked Speaking Writing Instead Also Thus Indeed Later Earlier Last Next Outside "
    "Inside Across Around Within Without Through During Several Neither Whether Any Few Besides "
    "Dr Mr Mrs Ms Prof".split()
)
PERSON_NOUNS = {
    "councillor",
    "councilor",
    "councilman",
    "councilwoman",
    "strategist",
    "pollster",
    "consultant",
    "writer",
    "author",
    "novelist",
    "poet",
    "journalist",
    "activist",
    "mother",
    "father",
    "resident",
    "farmer",
    "student",
    "teacher",
    "doctor",
    "lawyer",
    "judge",
    "businessman",
    "imam",
    "sheikh",
    "fighter",
    "soldier",
    "expert",
    "economist",
    "researcher",
    "professor",
    "witness",
    "survivor",
    "secretary",
    "politician",
    "premier",
    "militant",
    "veteran",
    "prosecutor",
    "senator",
    "congressman",
    "representative",
    "negotiator",
    "host",
    "pm",
    "minister",
    "president",
    "lawmaker",
    "mp",
    "parliamentarian",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "head",
    "chairman",
    "leader",
    "mayor",
    "analyst",
    "aide",
    "commander",
    "envoy",
    "ambassador",
    "cleric",
    "director",
    "chief",
    "governor",
    "deputy",
    "man",
    "woman",
    "colonel",
    "officer",
    "diplomat",
    "speaker",
    "member",
    "adviser",
    "advisor",
    "coach",
    "manager",
    "captain",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "player",
    "athlete",
    "scientist",
    "ecologist",
    "biologist",
    "physician",
    "surgeon",
    "nurse",
    "executive",
    "founder",
    "investor",
    "banker",
    "attorney",
    "defendant",
    "pharmacist",
    "engineer",
    "historian",
    "scholar",
    "candidate",
    "chancellor",
    "commissioner",
}
# Capitalised job titles that stand before a name: "Chief Financial Officer Maja Eklund-Strand".
# Words that are also common given names (Dean, Earl) are left out.
ROLE_WORDS = set(
    "Minister Secretary Leader Officer Executive Director Chairman Chairwoman Chair Speaker "
    "President Vice Deputy Acting Former Assistant Attorney General Governor Mayor Judge "
    "Prosecutor Coach Manager Captain Professor Prof Doctor Dr Senator Sen Representative Rep "
    "Congressman Congresswoman Lt Col Maj Brig Gen Sgt Capt Cmdr Adm Lieutenant Colonel Major "
    "Brigadier Sergeant Admiral Commander Commissioner Ambassador Envoy Chancellor Premier "
    "Spokesman Spokeswoman Spokesperson Chief Founder Sheikh Ayatollah Imam Cleric Emir King "
    "Queen Crown Prince Princess Sultan Pope Bishop Cardinal Rev Mr Mrs Ms Sir Dame Lord Lady "
    "Majority Minority Whip Economist Analyst Striker Midfielder Defender Goalkeeper Councillor "
    "Councilor Councilman Councilwoman Alderman Alderwoman Strategist Pollster Consultant "
    "Fisherman Voter Delegate Supporter Blogger Pastor Rabbi Priest Businesswoman Advocate "
    "Correspondent Democrat Republican Justice Anchor Reporter Columnist Editor Commentator "
    "Producer".split()
) | {noun.capitalize() for noun in PERSON_NOUNS if noun not in {"man", "woman", "head", "pm"}}
TITLE_WORDS = (
    r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Brig|Capt|Sgt|Cmdr|Rep|Sen|Gov|Rev)\.?(?=\s)|"
    r"General|Sheikh|Prime Minister|President|Professor|Doctor|Representative|"
    r"Foreign Minister|Defence Minister|Defense Minister|Minister|MP|Senator|Sen\.|Rep\.|"
    r"Chairman|Ayatollah|Cleric|Commander|Colonel|Lieutenant|Major|Captain|Sergeant|"
    r"Defense Secretary|Defence Secretary|Secretary of State|Secretary|Ambassador|Governor|"
    r"Gov\.|Judge|Imam|Grand Ayatollah|Speaker|Parliament Speaker|Vice President|Senator|"
    r"Congressman|Congresswoman|Lt\. Gen\.|Maj\. Gen\.|Brig\. Gen\.|Adm\.|Admiral)"
)
# Latin capitals and small letters with diacritics, so "Sjöberg" and "Tomás" are one word.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ"
LOWER = "a-zß-öø-ÿā-ž"
NAME_TOKEN = (
    rf"(?:(?:Ma?c|De|La|O’|O')?[{UPPER}][{LOWER}]+(?:[-’'][{UPPER}{LOWER}]+)*"
    rf"|[Aa]l-[{UPPER}][{LOWER}]+|[Aa]l|[A-Z]\.)"
)
# Particles inside a name: "Ursula von der Leyen", "Tomás Ó Briain", "Mohammed bin Salman".
NAME_PARTICLE = r"(?:von|van|der|den|de|da|di|du|del|della|dos|das|bin|ibn|bint|ter|Ó|Ní)"
NAME_RE = re.compile(
    rf"\b{NAME_TOKEN}(?:[ \t\u00a0]+(?:{NAME_PARTICLE}[ \t\u00a0]+){{0,2}}{NAME_TOKEN}){{1,6}}"
)

# Whom a source spoke to: "told the newspaper", "told a news conference", "told state TV".
AUDIENCES = (
    rf"{OUTLET_NOUNS}|paper|station|network|outlet|radio|television|TV|media|conference|"
    r"briefing|rally|meeting|committee|hearing|summit|audience|crowd|forum|parliament|"
    r"assembly|court|jury|panel|council|senate|house|analysts|investors|supporters|students"
)
# A source phrase before its speech verb: anything up to a quotation mark.
SOURCE = r"(?P<src>[^“”«»\"]{1,160}?)"
DOCUMENTS = r"statement|report|note|letter|filing|release|article|story|study|announcement"

# Places, so that a speaker is never "New Hampshire" or "Atlantic City": the US states and
# some cities and countries news names often (words already in NOT_NAME_WORDS aside).
PLACES = set(
    """Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|
    Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|
    Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|
    New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|
    Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|
    Vermont|Virginia|West Virginia|Wisconsin|Wyoming|Puerto Rico|Atlantic City|Mexico City|
    New York City|Los Angeles|San Francisco|San Diego|Las Vegas|Chicago|Boston|Philadelphia|
    Cleveland|Detroit|Miami|Orlando|Houston|Dallas|Denver|Seattle|Phoenix|Atlanta|
    Capitol Hill|Wall Street|Britain|England|Scotland|France|Germany|Italy|Spain|China|Japan|
    Mexico|Canada|Israel|Turkey|Ukraine|Libya|Benghazi|Cuba|India|Pakistan|Europe|Asia|
    Africa|London|Paris|Berlin|Beijing|Brussels|Ankara|Kabul|Havana|Jerusalem|Manila|
    Tokyo""".replace("\n", "")
    .replace("    ", "")
    .split("|")
)

# "ERBIL, Iraq — ", "NEW YORK (AP) - " at the head of a paragraph.
DATELINE = re.compile(
    r"^[A-Z][A-Z/]{2,}(?:,?\s+[A-Z][\w.]+){0,2}(?:\s+\d{1,2})?(?:\s+\([\w ]+\))?\s*[—–-]+\s*"
)

# Given names common in English-language news, by the pronoun the article will use; so "she"
# is not read as the man named last. A name not listed stays unknown until the text says.
FEMALE_NAMES = set(
    """Abby Abigail Alexandra Alice Alicia Alison Allison Amanda Amber Amy Ana Andrea Angela
    Angie Ann Anna Anne Annie Ashley Barbara Becky Betsy Betty Beverly Brenda Brittany Caitlin
    Carla Carly Carol Caroline Carolyn Catherine Cathy Cecile Charlotte Cheryl Christina Christine
    Cindy Claire Claudia Connie Courtney Crystal Cynthia Dana Danielle Debbie Deborah Debra Denise
    Diana Diane Donna Doris Dorothy Elaine Eleanor Elena Elisabeth Elizabeth Ellen Emily Emma
    Erica Erin Eva Evelyn Fatima Fiona Frances Gabrielle Gail Gloria Grace Hannah Heather Heidi
    Helen Hillary Holly Huma Irene Isabel Jackie Jacqueline Jane Janet Janice Jean Jeanne Jennifer
    Jenny Jessica Jill Joan Joanna Joanne Jodi Josephine Joy Joyce Judith Judy Julia Julie
    Karen Kate Katherine Kathleen Kathryn Kathy Katie Katrina Kay Kayla Kelly Kellyanne Kim
    Kimberly Kirsten Kristen Kristin Laura Lauren Laurie Leah Leslie Linda Lisa Liz Lois Loretta
    Lori Lorraine Louise Lucy Lynn Madeleine Maggie Mara Margaret Maria Marie Marilyn Marsha Martha
    Mary Maryam Megan Megyn Melania Melanie Melissa Michele Michelle Mindy Miriam Molly Monica
    Nancy Naomi Natalie Nicole Nikki Nina Nora Olivia Pam Pamela Patricia Patty Paula Peggy Penny
    Phyllis Rachel Rebecca Renee Rita Roberta Robin Rosa Rose Ruth Sally Samantha Sandra Sara
    Sarah Sharon Sheila Shirley Sonia Stephanie Sue Susan Suzanne Sylvia Tammy Tara Teresa Theresa
    Tiffany Tina Tracy Valerie Vanessa Veronica Victoria Virginia Wanda Wendy Yasmin Yvonne
    Zainab Zeynep Amal Aisha Layla Leila Nadia Noor Rania Samira Sana Huda Lina""".split()
)
MALE_NAMES = set(
    """Aaron Abdul Adam Ahmad Ahmed Alan Albert Alex Alexander Ali Allen Andrew Andy Anthony Ari
    Arthur Barack Ben Benjamin Bernie Bill Billy Bob Bobby Brad Bradley Brandon Brian Bruce Bryan
    Carl Carlos Charles Charlie Chris Christian Christopher Chuck Clarence Craig Dan Daniel Danny
    Darrell David Dennis Dick Don Donald Doug Douglas Ed Eddie Edward Eric Ernest Eugene Frank
    Fred Gary Gene George Gerald Glenn Greg Gregory Harold Harry Hassan Henry Howard Hugh Hussein
    Ian Ibrahim Jack Jacob Jake James Jamal Jared Jason Jeb Jeff Jeffrey Jeremy Jerry Jesse Jim
    Jimmy Joe Joel John Johnny Jon Jonathan Jordan Jorge Jose Joseph Josh Joshua Juan Justin
    Karl Keith Ken Kenneth Kevin Khalid Kyle Larry Lawrence Lee Leon Lindsey Louis Luis Luke
    Marco Mark Martin Matt Matthew Michael Mike Mitch Mitt Mohammed Muhammad Mustafa Nathan Neil
    Newt Nicholas Nick Omar Oscar Patrick Paul Peter Phil Philip Ralph Rand Randy Ray Raymond Reince
    Richard Rick Rob Robert Robby Roger Ron Ronald Roy Rudy Russell Ryan Salim Sam Samuel Scott
    Sean Sergio Steve Steven Ted Terry Thomas Tim Timothy Todd Tom Tony Travis Troy Vincent
    Walter Wayne William Willie Yusuf Zach Haider Hamid Hakim Jalal Karim Kareem Majid Mahmoud
    Masoud Moqtada Nouri Qasim Saad Tariq Adel Falah Ammar""".split()
)

# More heads of descriptions that name a source ("the billionaire", "the editorial board").
PERSON_NOUNS |= {
    "mogul",
    "billionaire",
    "nominee",
    "rival",
    "opponent",
    "critic",
    "supporter",
    "protester",
    "voter",
    "delegate",
    "heckler",
    "source",
    "staffer",
    "worker",
    "employee",
    "friend",
    "neighbor",
    "neighbour",
    "neurosurgeon",
    "contender",
    "frontrunner",
    "front-runner",
    "actor",
    "actress",
    "singer",
    "comedian",
    "anchor",
    "reporter",
    "columnist",
    "editor",
    "blogger",
    "pastor",
    "priest",
    "rabbi",
    "bishop",
    "pope",
    "businesswoman",
    "entrepreneur",
}
ORG_NOUNS |= {
    "board",
    "panel",
    "publication",
    "administration",
    "foundation",
    "institute",
    "union",
    "university",
    "caucus",
    "senate",
    "house",
    "campaign",
    "firm",
    "station",
    "tabloid",
}

ASIDE_PART = re.compile(
    r"(?:however|meanwhile|though|too|also|instead|therefore|in turn|in fact|for example|"
    r"for instance|of course|in particular|for their part|for his part|for her part|"
    r"as well|in response|in a statement|at the time|at times|later|again|once again|"
    r"[a-z]+ing|who|which|whose|whom|where|when)\b",
)


# A sentence adverb before the subject: "Additionally, Clinton said", "Still, he wrote"
OPENER = re.compile(
    r"[A-Z][a-z]+ly|However|Meanwhile|Still|Instead|Later|Earlier|Then|Now|Yet|Also|Moreover|"
    r"Nevertheless|Nonetheless|Indeed|Sure|Often|Wait|Again|Today|Yesterday|Here|There|Thus|"
    r"Otherwise|Afterward|Afterwards|Overall|First|Second|Third|Last|Next"
)

# Phrases that name when, where or at what event, not who.
NOT_A_SOURCE = re.compile(
    r"^(?:in|on|at|during|since|after|before|about|from|with|for|to|into|of|by|over|under|"
    r"while|when|as|if|because|although|meeting|speaking|asked)\b(?!\s+\d)"
    r"|\b(?:hours?|days?|weeks?|months?|years?|minutes?|moments?)\s+(?:earlier|later|ago|before|after)$"
    r"|^(?:last|this|next|early|late)\s+(?:week|month|year|night|morning|evening|spring|summer|"
    r"fall|autumn|winter)\b"
    r"|\b(?:meeting|rally|debate|convention|conference|hearing|summit|event|ceremony|"
    r"breakfast|dinner|luncheon|session|vote|election|primary|caucus|caucuses)$"
    # a day that opens a time or place phrase: "Tuesday at Baldwin College in Berea"
    r"|^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?:at|in|on|night|"
    r"morning|evening|afternoon)\b",
    re.IGNORECASE,
)
