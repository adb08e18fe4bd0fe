"""Rule-based decomposition of one sentence into atomic claims, and who the sentence cites.

    >>> d = decompose("Russia, which has worked with NASA on the ISS for decades, is reluctant.")
    >>> [p.text for p in d.parts]
    ['Russia has worked with NASA on the ISS for decades', 'Russia is reluctant.']

Conservative by design: a split happens only where the pattern is unambiguous enough, and every
part must still have a subject and a verb; otherwise the sentence stays whole. Each part keeps
the pieces of the sentence its words come from (offsets relative to the sentence); a part is
`rewritten` when its text is not one exact slice of the sentence (words joined from several
places, or a verb such as "is" / "This was" inserted).

What is split: coordinated main clauses (", and ...", ", but ...", "; ...", comma splices,
also the long-subject ones of machine translation: "..., the cost of the repairs reached 90
million euros", "..., then 400 workers lost their jobs"), verb phrases sharing a subject
("welcomed the move but said ..."), fronted "after / before / although / because / when" clauses,
non-restrictive relative clauses (", which ...", ", who ...", ", whose ...", ", where ...",
"NASA that has been ..."), appositives ("Dr. Alicia Moreno, an epidemiologist at ..., said",
"Volta Cells, founded in 2016, ...", 'NASA's "Gateway Project", a lunar station ...', ages
anywhere: "driver Tom Ekberg, 52,"), event appositives (", its third increase this year",
with "its" named when only the subject can own it), result clauses (", creating 2,300 jobs"),
locative reduced relatives ("the ILRS orbiting the moon") and ", as <clause>" (not inside
reported speech); fronted participles ("Born in 1938 in Kiruna, she ..."), ", when ..." after a
year, object relatives ("The design, which she never patented, ..."), a clause after a colon,
and a figure called a record (", a record." keeps its clause: "X rose 4%, a record").
What is not: lists, "including ..." tails, numeric qualifiers ("up from 9 in 2019", ", a
fifth of them for key workers", ", most of them donated by ..."), conditionals, purpose
clauses, prepositional asides.

A clause may open with a phrase and no comma, as translated text often does ("From the
port of Aktau 300 tonnes of grain were shipped"): its subject is the noun phrase before the verb.

Attribution: a frame "X said (in a statement / on Tuesday / that / :)" or "According to X,"
before the content, or a tail ", X said." / ", according to X." / '"...," said X.' / ", it
was reported by X." after it, gives the source words; the caller resolves them against the
article (see verifier.extract).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# ----------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}"
    r"|(?:Dr|Mr|Mrs|Ms|St|Prof|Gen|Sen|Rep|Gov|Jr|Sr|Inc|Corp|Ltd|Co|No|Mt|Jan|Feb|Mar|Apr|Jun"
    r"|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|approx)\.(?=\s|$)"
    r"|[$€£¥]?\d+(?:[.,:]\d+)*(?:%|°C|°F)?"
    r"|[^\W\d_](?:[\w'’-]*\w)?"
    r"|[^\w\s]"
)


@dataclass(frozen=True)
class Tok:
    text: str
    start: int  # -1 for a word inserted by a rewrite
    end: int
    idx: int  # position in the sentence, -1 when inserted
    depth: int = 0  # inside quotes or brackets

    @property
    def low(self) -> str:
        return self.text.lower()


def tokenize(sentence: str) -> list[Tok]:
    toks: list[Tok] = []
    depth = 0
    straight_open = False
    for m in _TOKEN.finditer(sentence):
        t = m.group()
        d = depth
        if t in ("(", "[", "“", "‘"):
            depth += 1
        elif t in (")", "]", "”") or (t == "’" and depth > 0):
            depth = max(0, depth - 1)
            d = depth
        elif t == '"':
            if straight_open:
                depth = max(0, depth - 1)
                d = depth
            else:
                depth += 1
            straight_open = not straight_open
        toks.append(Tok(t, m.start(), m.end(), len(toks), d))
    return toks


def _ins(word: str) -> Tok:
    return Tok(word, -1, -1, -1, 0)


# ----------------------------------------------------------------------------- lexicon

def _wordlist(text: str) -> list[str]:
    return text.split()


AUX = frozenset(_wordlist("""is are was were be been being am has have had do does did will would
    can cannot could shall should may might must"""))
SPEECH = frozenset(_wordlist("""said says say told tells stated announced announces added adds noted
    notes explained explains confirmed confirms reported reports claimed claims warned warns
    insisted insists argued argues wrote writes tweeted declared declares estimated estimates
    stressed stresses emphasized emphasised acknowledged revealed disclosed predicted predicts
    cautioned informed ruled concluded complained complains complain forecasts forecast"""))
_VERBS = frozenset(_wordlist("""signed signs launched launches landed lands reached reaches rose
    rises fell falls jumped jumps climbed climbs climb dropped drops increased increases
    decreased decreases cut cuts raised raises approved approves voted votes expected expects
    found finds showed shows built builds made makes sent sends held holds took takes gave gives
    got gets became becomes began begins left leaves led leads met meets paid pays put puts ran
    runs saw sees set sets spent spends won wins lost loses bought buys sold sells brought
    brings came comes went goes kept keeps lived lives orbits orbited circles circled weighs
    weighed cost costs opened opens closed closes killed kills died dies confirmed traced traces
    treated treats allocated allocates dispatched suspended released releases unveiled unveils
    published publishes proposed proposes welcomed welcomes called calls criticised criticized
    criticises criticizes beat beats operates operated occupies occupied produces produced
    invests invested creates created requires required emphasizes aims aimed seeks sought
    supports supported includes included remains remained continues continued turned turns tried
    tries worked works intends intended plans planned agreed agrees refused refuses denied
    denies urged urges believed believes considered considers joined joins returned returns flew
    flies lifted slipped slips arrived arrives connected connects chairs chaired needs needed
    offers offered hits hit tops topped surged surges soared soars plunged plunges slid slides
    grew grows shrank shrinks doubled doubles tripled triples exceeded exceeds broke breaks
    struck strikes fired fires blocked blocks banned bans passed passes failed fails ended ends
    started starts stopped stops moved moves reduced reduces added lacks lacked owns owned holds
    employs employed hosts hosted houses housed contains contained covers covered carries
    carried serves served faces faced allows allowed helps helped shows wants wanted means meant
    knows knew thinks thought feels felt seems seemed appears appeared looks looked keeps stands
    stood sits sat lies lay rules ruled governs governed led represents represented controls
    controlled accounts accounted totals totalled totaled amounted amounts marks marked follows
    followed precedes preceded replaced replaces expanded expands delivered delivers supplied
    supplies provided provides committed commits submitted submits asked asks told believes
    believed discharged discharges attended attends teaches taught studies studied heads headed
    manages managed trained trains earned earns used spoke speaks"""))
_BASE_VERBS = frozenset(_wordlist("""take make get give go come see know show expect remain continue
    face need want use hold keep include require lie live employ own spend pay believe think
    feel seem appear represent support provide offer serve cover contain host orbit circle weigh
    cost operate produce account say tell agree refuse deny argue claim warn insist estimate
    plan intend become begin rise fall grow shrink exceed reach lack win lose sit stand"""))
VERBS = _VERBS | SPEECH | _BASE_VERBS
# "declared a state of emergency", "announced a plan": these introduce a clause only with "that"
_NEEDS_THAT = frozenset(_wordlist("""announced announces declared declares confirmed confirms
    reported reports estimated estimates revealed disclosed acknowledged stated informed ruled
    concluded predicted predicts complained complains complain forecasts forecast"""))
_NOT_ED = frozenset(_wordlist("""red bed need hundred speed seed feed shed united based limited
    related detailed advanced skilled indeed embed sacred naked wicked ragged rugged beloved"""))
_PARTICIPLES = frozenset(_wordlist("""founded born built made known led run held set taken given
    written signed begun chosen drawn grown shown seen sold paid won lost sent spent kept left
    brought bought caught taught found hit cut put shut launched created formed established
    based located headquartered owned operated published released approved elected appointed
    named completed opened designed developed produced introduced named scheduled"""))
DETS = frozenset(_wordlist("""the a an this that these those its his her their our my your each
    every some any no another"""))
PRONOUNS = frozenset(["it", "they", "he", "she", "we", "there", "this", "i", "you"])
_ARTICLE_LIKE = DETS - {"that", "this", "these", "those", "some", "any"}
_CONJ = frozenset({"and", "but", "so", "yet", "however", "meanwhile", "also", "or"})
_FRONT = frozenset(_wordlist("""in on at by for from like unlike despite after before during since
    until as with without under over so last this next earlier later meanwhile however still now
    today yesterday according following amid among along across through throughout within beyond
    besides instead also then thus nevertheless nonetheless far by but and apart aside"""))
_SUBORD = {"after": "after", "before": "before", "although": "although", "though": "though",
           "because": "because", "while": "while", "whereas": "whereas", "when": "when",
           "once": "when"}
_MOD_START = frozenset(_wordlist("""in on at during for via through to earlier later late last this
    next yesterday today recently also again previously separately publicly privately repeatedly
    monday tuesday wednesday thursday friday saturday sunday tonight"""))
_ING_STOP = frozenset(_wordlist("""including according following regarding concerning excluding
    involving citing saying adding noting during pending notwithstanding amounting totalling
    totaling compared starting beginning ending depending ranging varying"""))
_ING_RESULT = frozenset(_wordlist("ending starting beginning"))
_LOCATIVE_ING = frozenset(_wordlist("""orbiting circling housing hosting containing carrying
    weighing costing measuring covering spanning connecting linking serving employing bordering
    overlooking located"""))
_SUPERLATIVE = frozenset(_wordlist("""first second third fourth fifth sixth seventh eighth ninth
    tenth last only most least best worst biggest largest highest lowest fastest slowest latest
    longest shortest strongest weakest deepest oldest newest earliest record"""))
_EVENT_NOUNS = frozenset(_wordlist("""step move decision sign blow boost setback milestone
    development shift change increase drop rise fall gain loss deal victory defeat jump slump
    surge turnaround reversal breakthrough"""))
_EST_EXCLUDE = frozenset(_wordlist("""interest forest request protest guest harvest contest honest
    modest suggest west rest test nest chest quest arrest invest manifest digest"""))
_EVALUATIVE_REL = re.compile(r"^(?:is|was|are|were)\s+(?:considered|seen|regarded|deemed|thought"
                             r"|viewed)\b|^(?:means|meant|made|makes)\b")
_ADVERB = re.compile(r"^(?:[a-z]+ly|already|also|still|now|then|later|recently|just|again|"
                     r"further|even|not|never|only|often|soon|once|earlier)$")


def is_finite(toks: list[Tok], i: int) -> bool:
    """Is toks[i] (probably) a finite verb or auxiliary?"""
    if i < 0 or i >= len(toks):
        return False
    t = toks[i]
    w = t.text
    if not w[:1].isalpha() or w[:1].isupper():
        return False
    lw = w.lower()
    prev = toks[i - 1].low if i > 0 else ""
    if lw in AUX:
        return not (lw == "may" and w[:1].isupper())
    if lw in _BASE_VERBS:
        # "they take", "the moons orbit", "all of them take" -- but not "in orbit", "to take",
        # "international support", "the cost"
        if i > 1 and prev in ("still", "also", "now", "often", "never", "usually", "already"):
            return is_finite(toks[: i - 1] + toks[i:], i - 1)  # "her parents still grow"
        prev_raw = toks[i - 1].text if i > 0 else ""
        if lw == "cost" and i + 1 < len(toks) and toks[i + 1].text[:1] in "$£€" and \
                prev not in _ARTICLE_LIKE and prev not in ("to", "and", "or", "but") and \
                prev.isalpha():
            return True  # "the bridge cost £9m": a price follows only the verb
        return prev in ("they", "we", "you", "i", "them", "who", "that", "which", "people",
                        "children", "men", "women") or (
            prev.endswith("s") and not prev.endswith(("'s", "’s", "ss")) and len(prev) > 3
            and prev not in _FRONT_PREP) or (prev_raw[:1].isupper() and prev not in DETS
                                                and not prev.endswith(("'s", "’s")))
    if lw in VERBS:
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if lw.endswith("s") and (prev in _COUNT_WORDS or (
                prev[:1].isdigit() and not re.fullmatch(r"(?:1[89]|20)\d\d", prev))) and \
                not (i > 1 and toks[i - 2].text[:1].isupper()) and \
                (not nxt[:1].isalnum() or nxt in ("and", "or")):
            # "with 18 stops, and", "two cuts.": what is counted ends its phrase; not "Line 1
            # opens", "people over 65 doubles to"
            return False
        return prev not in _ARTICLE_LIKE and prev != "to"  # "the cut", "to cut"
    if prev in ("we", "they", "i") and (i < 2 or not toks[i - 2].text[:1].isalnum() or (
            prev != "they" and _after_fronted_phrase(toks, i - 1))) and \
            lw.isalpha() and lw not in _FRONT and lw not in _NOT_AFTER_PRONOUN and \
            not _ADVERB.match(lw):
        return True  # '"We apologise ...': a verb the lexicon lacks, after its subject
    if prev in ("it", "he", "she") and lw.endswith("s") and len(lw) > 3 and lw.isalpha() and \
            not lw.endswith(("ss", "us", "is")) and _after_fronted_phrase(toks, i - 1):
        return True  # "in a hard winter it powers 400 homes": after a fronted phrase
    if lw.endswith("ed") and len(lw) > 4 and lw not in _NOT_ED:
        if "-" in lw and prev in ("and", "or"):
            return False  # "small and medium-sized farms": an adjective
        if "-" in lw and (prev[:1].isdigit() or prev in _COUNT_WORDS):
            return False  # "cut 400 office-based jobs": a count's adjective, no verb
        return prev not in _ARTICLE_LIKE and prev not in _FRONT_PREP and prev != "to"
    if lw.endswith("s") and len(lw) > 4 and not lw.endswith(("ss", "us", "is", "'s", "’s")):
        return _third_person_verb(toks, i)
    return False


def _after_fronted_phrase(toks: list[Tok], p: int) -> bool:
    """Does the pronoun at toks[p] follow a fronted phrase with no verb in it ("in a hard
    winter we", "last summer it"), opening the sentence or a clause after a comma?"""
    j = p - 1
    while j >= 0 and toks[j].text[:1].isalnum() and toks[j].low not in ("and", "but", "or"):
        if toks[j].low in AUX or toks[j].low in VERBS:
            return False
        j -= 1
    first = toks[j + 1].low if j + 1 < p else ""
    return p - (j + 1) >= 2 and (first in _FRONT_PREP or first in _INVERTING_PREP or first in (
        "last", "next", "every", "each", "this", "that"))


_NOT_AFTER_PRONOUN = frozenset(_wordlist("""all both each alone too themselves ourselves
    myself who which that and or but"""))
_A_TIME = frozenset(_wordlist("year month week day decade hour minute time quarter"))


def _third_person_verb(toks: list[Tok], i: int) -> bool:
    """A word in -s the lexicon does not know, between a noun and a determiner or number:
    "Malaria kills an estimated 600,000 people" (but not "food prices a year ago",
    "gave investors the chance", "two weeks the ...")."""
    if i == 0 or i + 1 >= len(toks):
        return False
    prev, nxt = toks[i - 1], toks[i + 1]
    if not (nxt.low in ("a", "an", "the", "its", "their", "his", "her") or nxt.text[:1].isdigit()
            or nxt.text[:1] in "$€£" or (
                nxt.low in _AMOUNT_LEADS and prev.text[:1].isupper() and i + 2 < len(toks)
                and (toks[i + 2].low in ("of", "all", "half") or toks[i + 2].text[:1].isdigit()))):
        return False  # a name, a word in -s, then "almost all of", "most of", "nearly 40"
    if nxt.low in ("a", "an") and i + 2 < len(toks) and toks[i + 2].low in _A_TIME:
        return False
    p = prev.low
    if prev.text.isdigit() and i > 1 and toks[i - 2].text[:1].isupper():
        return True  # "Route 9 links the port ...": a name with its number, then the verb
    return bool(prev.text[:1].isalpha()) and p not in DETS and p not in _FRONT_PREP and (
        p not in AUX and p not in VERBS and not p.endswith("ed") and p not in _COUNT_WORDS
        and p not in ("to", "and", "or", "but", "of", "than", "as"))


_FRONT_PREP = frozenset(_wordlist("""in on at by for from with without under over despite of into
    onto"""))
# words that open an amount after a verb ("Europe imports almost all of ...", "most of its gas")
_AMOUNT_LEADS = frozenset(_wordlist("almost nearly most about around half all some"))


def _verb_group_starts(toks: list[Tok], lo: int, hi: int) -> list[int]:
    out = []
    for k in range(lo, hi):
        if is_finite(toks, k) and not (k > lo and is_finite(toks, k - 1)) and not (
                k > lo + 1 and _ADVERB.match(toks[k - 1].low) and is_finite(toks, k - 2)):
            out.append(k)
    return out


# Sentence adverbs that only frame what follows when a comma comes after them ("Recall, in
# 2019 ...", a machine-translation habit; "Moreover, ...")
_DISCOURSE = frozenset(_wordlist("""recall remember note notably moreover furthermore
    additionally besides incidentally importantly reportedly apparently indeed overall
    altogether likewise similarly"""))


def _skip_lead(toks: list[Tok], i: int = 0) -> int:
    while i < len(toks) and (toks[i].low in _CONJ or toks[i].text in (",", ";", ":") or (
            toks[i].low in _DISCOURSE and i + 1 < len(toks) and toks[i + 1].text in (",", ":"))):
        i += 1
    # "Let us remind, in 2021 ...": translated "Recall, ..." in two more words
    if i + 3 < len(toks) and toks[i].low == "let" and toks[i + 1].low == "us" and \
            toks[i + 2].low in _DISCOURSE | {"remind"} and toks[i + 3].text == ",":
        i = _skip_lead(toks, i + 4)
    return i


_LEAD_COUNTS = frozenset(_wordlist("""a an one two three four five six seven eight nine ten
    eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty
    forty fifty several few many some"""))
_TIME_UNITS = frozenset(_wordlist("""minute minutes hour hours day days week weeks month months
    year years decade decades century centuries"""))


def _contact_relative(toks: list[Tok], x: int, lo: int = 0) -> bool:
    """toks[x] is the verb of a relative without "that" inside a noun phrase opened at lo:
    "the chain she founded", "the firm their father ran"."""
    return x >= lo + 2 and toks[lo].low in ("the", "a", "an") and \
        toks[x - 1].low in ("she", "he", "they", "we", "i", "you") and \
        (x + 1 >= len(toks) or toks[x + 1].text in (",", ".", ";") or
         toks[x + 1].low in ("in", "at", "on", "with", "after", "before", "last"))


def _after_time_lead(toks: list[Tok], i: int, hi: int) -> int:
    """Past "Ten years later," / "Two days ago," / "A decade on," before the subject."""
    if i + 3 < hi and (toks[i].low in _LEAD_COUNTS or toks[i].text.isdigit()) and \
            toks[i + 1].low in _TIME_UNITS and \
            toks[i + 2].low in ("later", "earlier", "ago", "on", "before") and \
            toks[i + 3].text == ",":
        return i + 4
    return i


def subject_verb(toks: list[Tok], lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """(subject start, first finite verb) of the clause toks[lo:hi], or None if not a clause."""
    hi = len(toks) if hi is None else hi
    i = _skip_lead(toks, lo)
    if i >= hi:
        return None
    if toks[i].low in _FRONT or toks[i].low in _SUBORD:
        for k in range(i, min(hi, i + 14)):
            if toks[k].text == "," and toks[k].depth == 0:
                i = k + 1
                break
            if is_finite(toks, k):
                break
    i = _skip_lead(toks, i)
    i = _after_time_lead(toks, i, hi)
    # Opening quotes before the subject do not count.
    while i < hi and toks[i].text in ('"', "“", "‘", "'"):
        i += 1
    k = i
    while k < min(hi, i + 40):
        t = toks[k]
        if t.text in (",", ";", ":") and t.depth == 0 and k > i:
            # "The station, under study by Russia and China, is ...": skip the aside.
            if t.text != ",":
                return None
            close = next((c for c in range(k + 1, min(hi, k + 16))
                          if toks[c].text == "," and toks[c].depth == 0), None)
            if close is None:
                return None
            v = close + 1
            if v < hi and _ADVERB.match(toks[v].low) and is_finite(toks, v + 1):
                v += 1
            # (an aside may open with a participle: ", launched in September,")
            participle = k + 2 < close and toks[k + 2].low in _FRONT_PREP and (
                toks[k + 1].low in _PARTICIPLES or toks[k + 1].low.endswith("ed"))
            if v < hi and is_finite(toks, v) and not any(
                    is_finite(toks, x) and not _contact_relative(toks, x, k + 1)
                    for x in range(k + 1 + participle, close)):
                return i, v
            return None
        if is_finite(toks, k):
            if k == i or toks[k - 1].low in ("and", "or", "but"):
                return None
            if toks[i].low == "to" and not (toks[i + 1].low in DETS or _is_name(
                    toks[i + 1], toks) or toks[i + 1].text[:1].isdigit()):
                return None  # "To build the station, ...": a purpose, no subject
            if toks[i].low in _FRONT_PREP or toks[i].low in _INVERTING_PREP or \
                    toks[i].low == "to":
                inner = _subject_after_phrase(toks, i, k)
                if inner is not None:
                    return inner, k
                if toks[i].low in _FRONT_PREP or toks[i].low == "to":
                    return None
                # "Among the victims are two firefighters": the subject follows the verb
            return i, k
        k += 1
    return None


# Prepositions that open a fronted phrase before the subject in translated word order
# ("Among the injured there are ...", "Near the border a bus ...")
_INVERTING_PREP = frozenset(_wordlist("among near around across along through during after"))
_QUANTIFIERS = frozenset(_wordlist("""many most some several few all both more less fewer over
    nearly almost about around"""))


# Quantifiers that open a noun phrase even right after a number ("40 more" does not)
_OPENING_QUANTIFIERS = frozenset(_wordlist("both all many most some several few"))


def _subject_after_phrase(toks: list[Tok], lo: int, verb: int) -> int | None:
    """Start of the subject when a phrase opens the clause without a comma: "On Saturday on
    the border a bus overturned", "From the port 300 tonnes of grain were shipped". The subject
    is the noun phrase before the verb that opens with a determiner, number, quantifier or
    pronoun not governed by a preposition ("of 40 meters" is not a subject); coordinated
    noun phrases ("80 firefighters and 20 engines") are taken together."""
    start = None
    j = verb - 1
    while j > lo and _ADVERB.match(toks[j].low):
        j -= 1
    while j > lo:
        t = toks[j]
        opens = (t.low in DETS - {"that", "no"} or t.text[:1].isdigit() or t.low in _COUNT_WORDS
                 or t.low in _QUANTIFIERS or t.low in ("there", "it", "they", "he", "she", "we"))
        prev = toks[j - 1]
        inside = prev.low in DETS or prev.low in _QUANTIFIERS or prev.low in _COUNT_WORDS or (
            prev.text[:1].isdigit() and t.low not in DETS  # "in 2016 the plant": a start
            and t.low not in _OPENING_QUANTIFIERS)  # "in 2020 both shops"
        if opens and not (prev.low in _FRONT_PREP or prev.low in _INVERTING_PREP or prev.low in (
                "to", "of", "than") or inside):
            start = j
            if prev.low not in ("and", "or"):
                break
        j -= 1
    if start is None and verb - lo >= 3 and toks[lo + 1].low in ("them", "it", "these", "those") \
            and toks[lo + 2].text.isalpha() and toks[lo + 2].text.islower():
        return lo + 2  # "for them service apartments are provided": a bare noun after it
    if start is None or not any(toks[x].text[:1].isalpha() for x in range(lo, start)):
        return None
    return start


def is_clause(toks: list[Tok], lo: int = 0, hi: int | None = None) -> bool:
    return subject_verb(toks, lo, hi) is not None


def _words(toks: list[Tok]) -> int:
    return sum(1 for t in toks if t.text[:1].isalnum() or t.text[:1] in "$€£¥")


def _is_name(t: Tok, toks: list[Tok]) -> bool:
    """A capitalised word that is not just the first word of the sentence."""
    return bool(t.text[:1].isupper() and t.idx != _first_word_idx(toks))


def _first_word_idx(toks: list[Tok]) -> int:
    for t in toks:
        if t.text[:1].isalnum():
            return t.idx
    return -1


# ----------------------------------------------------------------------------- results

@dataclass
class Part:
    """One atomic claim from a sentence; `pieces` are (start, end) offsets in the sentence."""

    text: str
    pieces: list[tuple[int, int]]
    rewritten: bool
    kind: str = "sentence"
    order: tuple[int, ...] = ()
    attributed: bool = True  # False for a fact about the cited source itself


@dataclass
class Decomposition:
    parts: list[Part]
    source: str | None = None  # the words naming who is cited
    source_span: tuple[int, int] | None = None
    frame: str | None = None  # "prefix" ("X said: ...") or "tail" ("..., X said.")
    content_start: int = 0
    statement: bool = False  # "X said in a statement"
    notes: list[str] = field(default_factory=list)


# ----------------------------------------------------------------------------- rendering

_NO_SPACE_BEFORE = re.compile(r"\s+([,.;:!?%)\]”’])")
_NO_SPACE_AFTER = re.compile(r"([(\[“‘])\s+")
_EDGE_DROP = frozenset({",", ";", ":", "and", "but", "while", "whereas", "yet", "—", "–", "-"})


def _trim(view: list[Tok]) -> list[Tok]:
    lo, hi = 0, len(view)
    while lo < hi and (view[lo].low in _EDGE_DROP or view[lo].text in (",", ";", ":") or (
            view[lo].low in _DISCOURSE and lo + 1 < hi and view[lo + 1].text == ":")):
        lo += 1  # "But remember: the grant is paid ...": the claim starts after the colon
    while hi > lo and (view[hi - 1].low in _EDGE_DROP or view[hi - 1].text in (",", ";", ":",
                                                                                "—", "–")):
        hi -= 1
    # A quote cut off by a split: '"The harvest is the worst' reads better without its mark
    marks = [x for x in range(lo, hi) if view[x].text in ('"', "“", "”")]
    if len(marks) == 1 and marks[0] == lo and view[lo].text != "”":
        lo += 1
    elif len(marks) == 1 and marks[0] == hi - 1 and view[hi - 1].text != "“":
        hi -= 1
    return view[lo:hi]


def render(view: list[Tok], sentence: str) -> Part:
    view = _trim(view)
    runs: list[tuple[int, int] | str] = []
    pieces: list[tuple[int, int]] = []
    prev: Tok | None = None
    for t in view:
        if t.idx < 0:
            runs.append(t.text)
            prev = None
            continue
        if prev is not None and t.idx == prev.idx + 1 and isinstance(runs[-1], tuple):
            runs[-1] = (runs[-1][0], t.end)
        else:
            runs.append((t.start, t.end))
        prev = t
    for r in runs:
        if isinstance(r, tuple):
            pieces.append(r)
    if len(runs) == 1 and isinstance(runs[0], tuple):
        s, e = runs[0]
        return Part(sentence[s:e], pieces, False, order=tuple(t.idx for t in view))
    text = " ".join(sentence[r[0] : r[1]] if isinstance(r, tuple) else r for r in runs)
    text = re.sub(r" ('s?)(?= |$)", r"\1", text)  # an inserted possessive joins its noun
    text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))
    text = re.sub(r"\s+", " ", text).strip()
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return Part(text, pieces, True, order=tuple(t.idx for t in view if t.idx >= 0))


# ----------------------------------------------------------------------------- attribution

_TAIL_SEP = frozenset({",", "”", '"', "’", "'"})


def _np_like(toks: list[Tok], max_len: int = 12) -> bool:
    if not toks or len(toks) > max_len:
        return False
    if any(is_finite(toks, k) for k in range(len(toks))):
        return False
    return not any(t.text in (",", ";", ":") and t.depth == 0 for t in toks)


# Verbs that close a sentence with its source: ', the charity calculated in March.'
_TAIL_VERBS = SPEECH | frozenset(_wordlist("""calculated calculates found finds showed shows
    suggested suggests counted counts complained complains show find suggest"""))


def _comma_after_doing(toks: list[Tok]) -> int | None:
    """Where ", after reporting ..." / ", before going ..." starts: a phrase of time that
    follows a source's words ("..., the bank said on Monday, after reporting a loss")."""
    return next((x for x in range(len(toks) - 2) if toks[x].text == "," and toks[x].depth == 0
                 and toks[x + 1].low in ("after", "before") and toks[x + 2].low.endswith("ing")),
                None)


def _passive_source(rest: list[Tok]) -> list[Tok] | None:
    """'it was reported by X', 'as reported by X', 'as stated by X': the words of X."""
    k = 0
    if rest and rest[0].low == "as":
        k = 1
    # machine translation: ', as it was informed from the ministry.' keeps the "it" after "as"
    if len(rest) > k + 1 and rest[k].low in ("it", "this") and rest[k + 1].low in (
            "was", "is", "has", "had"):
        k += 2 + (len(rest) > k + 2 and rest[k + 2].low == "been")
    elif k == 0:
        return None
    if k >= len(rest) or rest[k].low not in _PASSIVE_SPEECH:
        return None
    by = k + 1
    # ', it was informed today by X.': a time word may stand between the verb and its source
    while by < len(rest) and by <= k + 2 and rest[by].low in _PASSIVE_WHEN:
        by += 1
    if by + 1 < len(rest) and rest[by].low == "by":
        return rest[by + 1 :]
    if by + 1 < len(rest) and rest[by].low in ("in", "at", "from") and \
            any(t.low in _REPORTING_BODIES for t in rest[by + 1 :]):
        # machine translation: ', it was reported in the city administration.', ', as it was
        # informed from the department.' (the office that gave the news, not a place)
        return rest[by + 1 :]
    return None


# heads of the bodies an impersonal "it was reported in ..." names as its source
_REPORTING_BODIES = frozenset(_wordlist("""administration ministry department office service
    council committee agency municipality prefecture mayoralty akimat inspectorate company
    chamber"""))


# the whole a share is taken from: "..., of this sum 60 percent is provided from ..."
_WHOLE_NOUNS = frozenset(("sum", "amount", "total", "number", "money", "figure", "budget"))
# "informed" only names a source in the passive ("it was informed by the city"); actively it
# has an object ("she informed the board")
_PASSIVE_SPEECH = SPEECH | frozenset(("informed", "confirmed", "communicated", "published"))
_PASSIVE_WHEN = frozenset(("today", "yesterday", "earlier", "tonight", "officially", "also",
                           "this", "morning", "afternoon", "evening", "on", "monday", "tuesday",
                           "wednesday", "thursday", "friday", "saturday", "sunday"))


def strip_tail(view: list[Tok]) -> tuple[list[Tok], list[Tok], list[Tok]] | None:
    """Split '<content>, the agency said on Tuesday.' into (content, source, tail)."""
    n = len(view)
    end = n
    while end > 0 and view[end - 1].text in (".", "!", "”", '"', "’", "'"):
        end -= 1
    for k in range(1, end - 1):
        if view[k].text not in _TAIL_SEP:
            continue
        if view[k].depth > 0 and view[k].text == ",":
            continue
        j = k
        while j < end and view[j].text in _TAIL_SEP:
            j += 1
        if j >= end or j == k:
            continue
        if view[k].text != "," and view[k - 1].text != "," and view[k].text not in ("”", '"'):
            continue
        rest = view[j:end]
        src: list[Tok] | None = None
        passive = _passive_source(rest)
        if passive is not None:
            src = passive  # ', it was reported by the ministry.', ', as reported by X.'
            if not _np_like(src, 14):
                continue
        elif rest[0].low == "according" and len(rest) > 2 and rest[1].low == "to":
            src = rest[2:]
            if not _np_like(src, 14):
                continue
        elif rest[0].low in SPEECH and len(rest) >= 2:
            src = rest[1:]  # ', said chief executive Karin Lund.'
            comma = next((x for x, t in enumerate(src) if t.text == "," and t.depth == 0), None)
            if comma is not None and comma + 1 < len(src) and (src[comma + 1].low in (
                    "a", "an", "the", "its", "his", "her", "who", "whose") or all(
                    t.text[:1].isupper() or t.text == "." for t in src[:comma])):
                # ', said Dr. Priya Natarajan, an astronomer at ...', ', said Dr. Lena Vos,
                # Agrimark's chief economist.'
                src = src[:comma]
            if not _np_like(src, 10) or not any(t.text[:1].isupper() for t in src):
                continue
        else:
            v = next((x for x in range(len(rest)) if rest[x].low in _TAIL_VERBS), None)
            if v is None or v == 0 or v > 10:
                continue
            src = rest[:v]
            after = rest[v + 1 :]
            cut = _comma_after_doing(after)
            if cut is not None:
                # ', the bank said on Monday, after reporting a loss.': the phrase of time
                # after the source is no part of it
                after = after[:cut]
            if src[0].low in _FRONT_PREP or (after and after[0].low == "by"):
                continue  # ', with headaches reported by 12% of ...': no one speaks
            if src[0].text[:1].isdigit() or src[0].low in _COUNT_WORDS:
                continue  # ', 120 beds added': a count is no source
            # ', Aalund said in a video posted on its website.': a participle in the
            # phrase of occasion is no second verb
            occasion = bool(after) and after[0].low in _FRONT_PREP
            if not _np_like(src, 10) or len(after) > (10 if occasion else 7) or any(
                    is_finite(after, x) and not (occasion and after[x].low.endswith("ed"))
                    for x in range(len(after))):
                continue
            if src[0].low in PRONOUNS - {"it", "this", "there"} or src[0].low in ("it",):
                pass
        content = view[:k]
        if view[k].text in ("”", '"', "’", "'") and content and content[-1].text == ",":
            content = content[:-1]
        body = [t for t in content if t.text not in ('"', "“", "”", "‘", "’")]
        # a whole quotation before ', said X' is what X said, however it is built ('"For
        # people who ..., this is a real change," said X')
        quoted = bool(content) and content[0].text in ('"', "“") and view[k].text in ('"', "”")
        if not (is_clause(body) or (quoted and any(is_finite(body, x) for x in range(len(body))))
                ) or _words(body) < 3:
            continue
        return content, src, view[k:]
    return None


# "It should be noted that", "It is reported that", "It was announced that": a frame with no
# source (machine translation of impersonal passives)
_EXPLETIVE_VERBS = frozenset(_wordlist("""noted informed reported known said stated announced
    learned learnt understood added reminded emphasized emphasised recalled mentioned"""))


def _expletive_frame(view: list[Tok]) -> int | None:
    """Index after 'It <aux> ... <noted> that' at the start of view, or None."""
    i = _skip_lead(view)
    if i + 3 >= len(view) or view[i].low != "it" or view[i + 1].low not in AUX:
        return None
    for k in range(i + 2, min(len(view) - 1, i + 6)):
        if view[k].low in _EXPLETIVE_VERBS and view[k + 1].low == "that":
            rest = view[k + 2 :]
            return k + 2 if is_clause(rest) or _clause_after_phrase(rest) else None
        if view[k].low not in AUX and not _ADVERB.match(view[k].low):
            return None
    return None


def _clause_after_phrase(view: list[Tok]) -> bool:
    """"in two districts, A and B, the harvest is late": a fronted phrase with an aside in
    commas, then the clause."""
    if not view or view[0].low not in _FRONT_PREP:
        return False
    commas = [k for k in range(1, min(len(view), 25)) if view[k].text == "," and _depth0(view, k)]
    return any(not any(is_finite(view, x) for x in range(k)) and is_clause(view[k + 1 :])
               for k in commas)


# where words were said, not who said them: "as it was noted in the interview"
_OCCASIONS = frozenset(_wordlist("""interview interviews meeting meetings ceremony speech
    statement statements briefing conference hearing letter post report remarks address"""))


def _as_frame(view: list[Tok], i0: int) -> tuple[list[Tok], list[Tok], list[Tok], bool] | None:
    """'As the mayor said, ...' / 'As it was noted at the ceremony by the mayor X, ...': the
    source opens the sentence and its words follow the comma."""
    n = len(view)
    comma = next((k for k in range(i0 + 2, min(n, i0 + 26)) if view[k].text == "," and
                  _depth0(view, k)), None)
    if comma is None:
        return None
    head = view[i0 + 1 : comma]
    content = view[comma + 1 :]
    speech = [x for x, t in enumerate(head) if t.low in SPEECH or t.low == "pointed"]
    if len(head) > 2 and head[0].low in _EXPLETIVE_VERBS and head[1].low in ("in", "by", "at") \
            and is_clause(content):
        # "As noted in the regional administration, ...", "As reported by the ministry, ...":
        # a translated impersonal passive; the office after the preposition speaks
        src = head[2:]
        if _np_like(src, 14) and src[0].low not in PRONOUNS:
            return view[: comma + 1], src, content, False
        return None
    # "As noted the director of the plant X, ...": translated word order, the verb before its
    # subject (a determiner or a name must follow, so "As noted above, ..." stays); its content
    # is often translated inverted too ("in May at the plant will be opened ..."), so a finite
    # verb anywhere in it will do
    verb_first = bool(speech) and speech[0] == 0 and len(head) > 1 and (
        head[1].low in DETS or head[1].text[:1].isupper())
    if not speech or not (is_clause(content) or (verb_first and any(
            is_finite(content, x) for x in range(len(content))))):
        return None
    if head[0].low in ("it", "was", "has", "had", "is") and head[speech[0] - 1].low in (
            "was", "been", "is"):
        # "As it was noted (at the ceremony) by the mayor X": the source follows "by"
        by = next((x for x in range(len(head) - 1, speech[0], -1) if head[x].low == "by"), None)
        src = head[by + 1 :] if by is not None else []
        if by is None and speech[0] + 2 < len(head) and head[speech[0] + 1].low == "in" and \
                head[-1].low not in _OCCASIONS:
            # "As it was explained in the ministry, ...": translated; the office speaks (not
            # "in the interview", an occasion)
            src = head[speech[0] + 2 :]
    elif verb_first:
        src = head[1:]
    else:
        src = head[: speech[0]]  # "As the mayor said"
    if not src or not _np_like(src, 14) or src[0].low in PRONOUNS - {"he", "she", "they"}:
        return None
    return view[: comma + 1], src, content, False


def split_frame(view: list[Tok]) -> tuple[list[Tok], list[Tok], list[Tok], bool] | None:
    """Split 'X said in a statement: <content>' into (frame, source, content, statement)."""
    i0 = _skip_lead(view)
    n = len(view)
    if i0 + 2 < n and view[i0].low == "according" and view[i0 + 1].low == "to":
        for k in range(i0 + 2, min(n, i0 + 18)):
            if view[k].text == "," and view[k].depth == 0:
                src = view[i0 + 2 : k]
                content = view[k + 1 :]
                if _np_like(src, 14) and is_clause(content):
                    return view[: k + 1], src, content, False
                return None
        return None
    if i0 + 3 < n and view[i0].low == "as":
        return _as_frame(view, i0)
    verb = None
    src_end = None
    for k in range(i0, min(n, i0 + 20)):
        t = view[k]
        if t.depth > 0:
            continue
        if t.low in SPEECH and t.text[:1].islower():
            verb = k
            break
        if t.low in ("has", "have", "had") and k > i0:
            # "Experts have warned that ...", "Officials have long said ..."
            v = k + 1 + (k + 2 < n and (bool(_ADVERB.match(view[k + 1].low))
                                        or view[k + 1].low == "long"))
            if v < n and view[v].low in SPEECH:
                src_end, verb = k, v
                break
        if t.text in (",", ";", ":") or is_finite(view, k):
            return None
    if verb is None or verb == i0:
        return None
    src = view[i0 : src_end if src_end is not None else verb]
    while len(src) > 1 and (_ADVERB.match(src[-1].low) or src[-1].low in ("here", "there",
                                                                          "locally")) \
            and src[-1].text[:1].islower():
        src = src[:-1]  # "The agency also informed that ...", "Officials here say ..."
    if not _np_like(src, 16) or src[0].low in ("to", "as", "if", "when") or (
            src[0].low == "it" and len(src) > 1):
        return None
    j = verb + 1
    statement = False
    if view[verb].low in ("told", "tells", "informed") and j < n and view[j].low != "that":
        if view[j].low in DETS:  # "told the committee ...", not "informed that ..."
            j += 1
            while j < n and view[j].text[:1].isalpha() and view[j].low not in ("that",) and (
                    view[j].low not in PRONOUNS) and j - verb <= 4 and not is_finite(view, j) \
                    and not (view[j].low in DETS and view[j - 1].low not in DETS):
                j += 1  # "told the court his client ...": the next determiner opens the content
        elif view[j].text[:1].isalpha() and view[j].low not in ("that", "to"):
            j += 1  # "informed reporters"; "informed to journalists" is read below
    introduced = False
    while j < n:
        t = view[j]
        if t.text == ":":
            j += 1
            introduced = True
            break
        if t.low == "that":
            j += 1
            introduced = True
            break
        if t.text == ",":
            j += 1
            continue
        if t.low in _MOD_START and not (t.low in ("this", "last", "next") and j + 1 < n
                                        and view[j + 1].low in ("is", "was")):
            j += 1
            consumed = 0
            while j < n and consumed < 4:
                u = view[j]
                if u.low in ("that", ":", ",") or u.low in PRONOUNS or is_finite(view, j):
                    break
                if u.low in DETS and consumed >= 1 and view[j - 1].low not in DETS:
                    break
                if u.text[:1].isupper() and consumed >= 1 and view[j - 1].text[:1].isupper():
                    break
                if u.low == "statement":
                    statement = True
                j += 1
                consumed += 1
            continue
        break
    content = view[j:]
    if view[verb].low in _NEEDS_THAT and not introduced:
        return None
    body = [t for t in content if t.text not in ('"', "“", "”")]
    if not is_clause(body) or _words(body) < 3:
        return None
    return view[:j], src, content, statement


# ----------------------------------------------------------------------------- clause splits

def _np_before(view: list[Tok], k: int, names_only: bool = False,
               common: bool = False) -> list[Tok] | None:
    """The noun phrase ending right before view[k] ("the planned bike lane on Harbour Road")."""
    j = k - 1
    while j >= 0 and view[j].text in (",",):
        j -= 1
    end = j + 1
    taken = 0
    start = None
    while j >= 0 and taken < 12:
        t = view[j]
        lw = t.low
        if lw in DETS and lw not in ("that", "this", "no", "each", "every", "some", "any"):
            start = j
            break
        if t.text in ('"', "“", "”", ")", "(") or t.text[:1].isupper() or (
                t.text[:1].isdigit() or lw.endswith(("'s", "’s"))):
            start = j
        elif names_only:
            break
        elif lw in ("of", "on", "in", "for", "at") and start is not None:
            before = view[j - 1] if j > 0 else None
            if before is not None and (before.text[:1].isdigit() or before.low in _MONTHS or
                                       before.low in _PARTICIPLES or before.idx < 0):
                break  # "born on 3 May 1938 in Kiruna, a town": the noun phrase is Kiruna
        elif t.text[:1].isalpha() and not is_finite(view, j) and lw not in _FRONT and (
                lw not in ("to", "and", "or", "as", "such", "than", "called", "named")) and not (
                lw.endswith("ing") and len(lw) > 5 and not (
                    start is not None and j > 0 and (view[j - 1].low in DETS or
                                                     view[j - 1].low in _FRONT_PREP))):
            start = j  # ("the fee for parking permits": "parking" is part of the noun)
        else:
            break
        j -= 1
        taken += 1
    if start is None:
        return None
    np = view[start:end]
    while np and np[0].low in ("of", "on", "in", "for", "at"):
        np = np[1:]
    first = _first_word_idx(view)
    if not common and not any(t.text[:1].isupper() and t.idx != first for t in np):
        return None  # only a common noun: which thing "which" refers to is unclear
    if common and (not np or np[-1].low in PRONOUNS or not (np[-1].text[:1].isalpha() or (
            len(np) > 1 and np[-1].text.isdigit() and np[-2].text[:1].isupper()))):
        return None  # (but "Line 1", "Terminal 2": a name with its number)
    return np


def _third_person(ing: str) -> str:
    stem = ing[:-3]
    irregular = {"orbit": "orbits", "hous": "houses", "serv": "serves", "creat": "creates",
                 "us": "uses", "mak": "makes", "produc": "produces", "hav": "has",
                 "circl": "circles", "measur": "measures", "tak": "takes", "giv": "gives",
                 "mov": "moves", "leav": "leaves", "locat": "is located", "reduc": "reduces",
                 "rais": "raises", "forc": "forces", "caus": "causes", "continu": "continues"}
    if ing.lower() == "located":
        return "is located"
    if stem in irregular:
        return irregular[stem]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]
    elif len(stem) > 2 and stem[-1] == stem[-2]:
        pass  # "killing" -> "kill"
    elif re.search(r"[^aeiou][lv]$|[cg]$|[^aeiou][aeiou][ktzmd]$|^[^aeiou]*[aeiou]r$"
                   r"|[^aeiou][ai]r$|uir$", stem) and not stem.endswith(("ing", "ng")):
        stem += "e"  # "blaming" -> "blames", "providing" -> "provides", "sharing" -> "shares"
    if stem.endswith(("s", "sh", "ch", "x", "z", "o")):
        return stem + "es"
    if re.search(r"[^aeiou]y$", stem):
        return stem[:-1] + "ies"
    return stem + "s"


def _plural(subj: list[Tok]) -> bool:
    """Is the head of a subject a plural common noun ("Flood waters from the river")? Names
    ending in -s ("Harlow Motors") count as one."""
    cut = next((x for x, t in enumerate(subj) if x > 0 and t.low in _FRONT_PREP), len(subj))
    head = subj[cut - 1] if cut else None
    if head is None or head.idx < 0 or not head.text.isalpha() or head.text[:1].isupper():
        return False
    if head.low in ("people", "children", "men", "women", "police"):
        return True
    return head.low.endswith("s") and not head.low.endswith(("ss", "us", "is"))


def _plural_form(verb: str) -> str:
    """'cuts' -> 'cut', 'reaches' -> 'reach', 'carries' -> 'carry', 'is located' -> 'are ...'."""
    first, _, rest = verb.partition(" ")
    if first in ("is", "has"):
        return {"is": "are", "has": "have"}[first] + (f" {rest}" if rest else "")
    if first.endswith("ies"):
        return first[:-3] + "y"
    if re.search(r"(?:ss|sh|ch|x|z|o)es$", first):
        return first[:-2]
    return first[:-1] if first.endswith("s") else first


def _valid(*views: list[Tok]) -> bool:
    for v in views:
        v = _trim(v)
        if _words(v) < 3:
            return False
        if not any(is_finite(v, k) or v[k].idx < 0 for k in range(len(v))) and not (
                v[0].low == "there" and v[1].low in _EXISTENTIAL):  # "there remain ..."
            return False
    return True


def _depth0(view: list[Tok], k: int) -> bool:
    """Is view[k] outside any quote or bracket the view itself is not wholly inside?"""
    return view[k].depth == _base_depth(view)


def _base_depth(view: list[Tok]) -> int:
    # The words of 'X said: "A, it is B."' are all inside the quote: its commas split there
    depths = [t.depth for t in view if t.idx >= 0 and t.text[:1].isalnum()]
    return min(depths) if depths else 0


_WH = frozenset(_wordlist("whether how why what if where when who which that"))


def subject_modifier(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'S, which/who VP, V ...' / 'S, an NP, V ...' / 'S, founded in 2016, V ...'."""
    i0 = _skip_lead(view)
    n = len(view)
    lead = _after_time_lead(view, i0, n)
    if lead > i0:  # "Ten years later, Norvik, the firm she founded, runs ...": the time stays
        res = subject_modifier(view[lead:])
        return [*res[:-1], (view[:lead] + res[-1][0], res[-1][1])] if res else None
    c1 = next((k for k in range(i0 + 1, min(n, i0 + 12)) if view[k].text == "," and
               _depth0(view, k)), None)
    if c1 is None or c1 + 2 >= n:
        return None
    subj = view[i0:c1]
    if any(is_finite(view, k) for k in range(i0, c1)) or subj[0].low in _FRONT or (
            subj[0].low in PRONOUNS) or subj[0].low in _SUBORD or not _np_like(subj, 10) or (
            subj[0].low in _WH):
        return None  # "Whether the nurses, who ..., will accept": no subject to name
    if len(subj) > 1 and subj[1].low in _FRONT_PREP and (subj[0].low in _PARTICIPLES or (
            subj[0].low.endswith("ed") and subj[0].low not in _NOT_ED)):
        return None  # "Born in Kiruna, a mining town, she ...": a fronted participle
    head = view[c1 + 1]
    kind = None
    if head.text.isdigit() and c1 + 2 < n and view[c1 + 2].text == "," and subj[-1].text[:1] \
            .isupper() and _is_age(head):
        # "Martin Crane, 61, who led ...": an age
        rest = view[c1 + 2 :]
        if len(rest) > 1 and rest[1].low not in ("who", "which"):
            rest = rest[1:]
        return [([*subj, _ins("is"), head], "appositive"), (subj + rest, "main")]
    if head.low in ("which", "who"):
        kind = "relative"
    elif head.low == "whose" or (head.low == "where" and subj[-1].text[:1].isupper()):
        kind = head.low  # "Karl Brenner, whose company ...", "Oslo, where most commuters cycle,"
    elif head.low in ("a", "an", "the", "its", "his", "her", "their") or (
            head.text[:1].isupper() and head.low not in _FRONT and head.low not in _SUBORD) or (
            head.low == "home" and view[c1 + 2].low in ("to", "of")):
        kind = "appositive"  # (also "Kessel, home to 2.3 million people, is ...")
    elif head.low in _PARTICIPLES or (head.low.endswith("ed") and head.low not in _NOT_ED
                                      and head.text[:1].islower()):
        kind = "participle"
    elif subj[-1].text[:1].isupper() and subj[0].text[:1].isupper() and head.text.isalpha() \
            and head.text.islower() and head.low not in _FRONT and head.low not in _WH and \
            head.low not in _CONJ and not _ADVERB.match(head.low) and \
            not head.low.endswith("ing") and not is_finite(view, c1 + 1) and \
            c1 + 2 < n and view[c1 + 2].low in ("whose", "who", "of", "at", "for", "and"):
        # "Vera Lindqvist, chemist whose filters cleaned ..., dies at 86": an appositive
        # without its article, as headlines write it
        kind = "appositive"
    if kind is None:
        return None
    c2 = None
    for k in range(c1 + 2, n - 1):
        if view[k].text != "," or not _depth0(view, k):
            continue
        if is_finite(view, k + 1) or (_ADVERB.match(view[k + 1].low) and is_finite(view, k + 2)) \
                or (view[k + 1].low in _BASE_VERBS and kind in ("relative", "whose", "where")):
            c2 = k  # "The Ravens, who have lost four games, sit last": a plural verb
            break
    if c2 is None:
        return None
    mod = view[c1 + 1 : c2]
    rest = view[c2 + 1 :]
    if kind in ("whose", "where"):
        clause = mod[1:]
        # "where most commuters cycle": an intransitive verb the lexicon may not know ends it
        if not is_clause(clause) and not (kind == "where" and _words(clause) >= 2 and
                                          clause[-1].text.isalpha() and clause[-1].text.islower()):
            return None
        if kind == "whose":
            fact = [*subj, _ins("'" if subj[-1].low.endswith("s") else "'s"), *clause]
        else:
            fact = [*clause, _ins("in"), *subj]
        return [(fact, "relative"), (subj + rest, "main")]
    if kind == "appositive":
        inner = [t for t in mod]
        stop = next((x for x, t in enumerate(inner) if t.low in ("that", "which", "who", "whose")),
                    len(inner))
        if any(is_finite(inner, x) and not _contact_relative(inner, x) for x in range(stop)) \
                or len(mod) > 20:
            return None
        owned = subj[0].low in ("its", "his", "her", "their") or (
            len(subj) > 1 and any(t.low.endswith(("'s", "’s")) or t.text in ("'", "’")
                                  for t in subj[:4]))
        if len(mod) == 1 and mod[0].text[:1].isupper() and not (
                (owned or subj[0].low in ("the", "a", "an"))
                and subj[0].low not in ("his", "her", "their")):
            # "Seville, Spain," is a place, not a fact to split; "Her daughter, Karin," only
            # names who speaks ("The firm's first ship, Vela-2," says what the ship is)
            return None
        if any(t.low in ("and", "or") and t.depth == 0 for t in mod):
            return None  # "Two developers, Paul Hines and Derek Amis, were ...": naming only
        mod_is_name = all(t.text[:1].isupper() or t.text in (".",) for t in mod) and (
            mod[0].low not in DETS)
        if subj[0].low in ("a", "an") and len(mod) > 1 and mod[0].low == "the" and \
                all(t.text[:1].isupper() or t.text == "." for t in mod[1:]) and \
                not any(t.text[:1].isupper() for t in subj[1:]):
            # "A trawler, the Sea Lark, sank ...": the name says which trawler; "a trawler is
            # the Sea Lark" would be no fact, so the subject becomes "The trawler Sea Lark"
            return [([_ins("The"), *subj[1:], *mod[1:], *rest], "main")]
        if mod_is_name and (subj[0].low in ("the", "a", "an") or subj[0].text[:1].islower()
                            or owned):
            # "The city's Health Commissioner, Dr. James Okafor, said", "Its chief
            # executive, Anna Wrobel, said": the name says it
            main = mod + rest
        else:
            main = subj + rest
        owner = _place_owner(subj, mod)
        facts = [([*owner, _ins("is"), *mod], "appositive")]
        if owner is not subj:
            return [*facts, (main, "main")]
        # "Ruth Amsel, a former judge who led the inquiry in 2019, ...": the
        # relative says something else about the subject itself (for "that"/"which" only when
        # no other noun could be what it is about)
        if 1 < stop < len(mod) - 1 and mod[stop].low == "whose" and mod[0].low in DETS and \
                is_clause(mod[stop + 1 :]):
            # "a Swedish chemist whose filters are used in 40 countries": her filters
            own = _ins("'" if subj[-1].low.endswith("s") else "'s")
            facts = [([*subj, _ins("is"), *mod[:stop]], "appositive"),
                     ([*subj, own, *mod[stop + 1 :]], "relative")]
        elif 1 < stop < len(mod) - 1 and is_finite(mod, stop + 1) and (mod[stop].low == "who" or (
                not any(t.low in _FRONT_PREP for t in mod[:stop])
                and not any(t.text[:1].isupper() for t in mod[1:stop]))):
            facts = [([*subj, _ins("is"), *mod[:stop]], "appositive"),
                     ([*subj, *mod[stop + 1 :]], "relative")]
        return [*facts, (main, "main")]
    if kind == "participle":
        if any(is_finite(mod, x) for x in range(1, len(mod))):
            return None
        be = "were" if _plural(subj) else "was"  # "More than 90 firefighters, backed by ..."
        return [([*subj, _ins(be), *mod], "appositive"), (subj + rest, "main")]
    rel_vp = mod[1:]
    if rel_vp and head.low == "which" and rel_vp[0].low in ("he", "she", "they", "we", "it"):
        # "The design, which she never patented, was taken up": the subject is its object
        g = 1
        while g < len(rel_vp) and (is_finite(rel_vp, g) or _ADVERB.match(rel_vp[g].low) or (
                rel_vp[g].low.endswith("ed") and g > 1 and is_finite(rel_vp, g - 1))):
            g += 1
        verb_ends = g > 1 and (is_finite(rel_vp, g - 1) or rel_vp[g - 1].low.endswith("ed"))
        if verb_ends and (g == len(rel_vp) or rel_vp[g].low in _FRONT_PREP
                          or rel_vp[g].low in _MOD_START):
            obj = [_ins(subj[0].low), *subj[1:]] if subj[0].low in DETS else subj
            return [([*rel_vp[:g], *obj, *rel_vp[g:]], "relative"), (subj + rest, "main")]
        return None
    if not rel_vp or not (is_finite(rel_vp, 0) or (_ADVERB.match(rel_vp[0].low)
                                                  and is_finite(rel_vp, 1))):
        return None
    return [(subj + rel_vp, "relative"), (subj + rest, "main")]


# Appositive heads that name a place or an institution: "traffic at Gdansk, Poland's busiest
# port," is about Gdansk, not the traffic
_PLACE_HEADS = frozenset(_wordlist("""town city village port region province state country county
    district capital island harbour harbor river lake valley area suburb municipality nation
    republic kingdom club team school university hospital airport station mine plant factory"""))


def _place_owner(subj: list[Tok], mod: list[Tok]) -> list[Tok]:
    """The name at the end of "container traffic at Gdansk" when the appositive after it names
    a place or institution; else the whole subject."""
    cut = next((x for x, t in enumerate(mod) if x > 0 and (t.low in _FRONT_PREP or t.low in (
        "north", "south", "east", "west", "near", "outside", "that", "which", "who", "whose"))),
        len(mod))
    head = mod[cut - 1].low if cut else ""
    if head not in _PLACE_HEADS:
        return subj
    p = max((x for x, t in enumerate(subj) if t.low in _FRONT_PREP), default=None)
    if p is None or p == len(subj) - 1 or not all(t.text[:1].isupper() for t in subj[p + 1 :]):
        return subj
    return subj[p + 1 :]


_MONTHS = frozenset(_wordlist("""january february march april may june july august september
    october november december jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar.
    apr. jun. jul. aug. sep. sept. oct. nov. dec."""))


_WEEKDAYS = frozenset(_wordlist("monday tuesday wednesday thursday friday saturday sunday"))


def _is_age(t: Tok) -> bool:
    return t.text.isdigit() and len(t.text) <= 3 and 0 < int(t.text) < 120


def age_appositive(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'Police arrested driver Tom Ekberg, 52, after ...': the age of a named person."""
    n = len(view)
    for k in range(2, n - 3):
        if view[k].text != "," or view[k + 2].text != "," or not _depth0(view, k) or \
                not _is_age(view[k + 1]):
            continue
        j = k
        while j > 0 and (view[j - 1].text[:1].isupper() or view[j - 1].text == ".") and \
                view[j - 1].depth == view[k].depth:
            j -= 1
        name = view[j:k]
        if not name or not _is_name(name[-1], view) or name[-1].low in _MONTHS or \
                name[0].low in DETS or name[-1].text[-1:] == ".":
            continue  # "on March 3, 12 people", "No. 5, 6"
        main = view[:k] + view[k + 3 :]
        if not is_clause(main) and not (j > 1 and view[j - 1].low not in DETS and any(
                view[x].text == "," and _depth0(view, x) for x in range(j)) and any(
                is_finite(view, x) for x in range(k + 3, n))):
            continue  # "His deputy, engineer Ann Roe, 51, was ...": the age of an appositive
        return [([*name, _ins("is"), view[k + 1]], "appositive"), (main, "clause")]
    return None


def coordination(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    n = len(view)
    for k in range(1, n - 2):
        t = view[k]
        if not _depth0(view, k):
            continue
        right = None
        if t.text == "," and view[k + 1].low in ("and", "but", "while", "whereas", "yet", "so",
                                                 "though", "although"):
            right = view[k + 2 :]
            if view[k + 1].low == "so" and right and right[0].low in ("that", "far", "much",
                                                                     "many", "long", "as"):
                continue  # ", so that ...": a purpose; ", so far": a time
            if not (is_clause(right) or _fronted_clause(right) or _relative_subject(right)):
                continue
        elif t.text == ";":
            right = view[k + 1 :]
            if not is_clause(right):
                continue
        elif t.text == ":" and k > 2 and view[k - 1].low not in SPEECH:
            # "Officials argue that prices have fallen: the cheapest car now costs €24,000":
            # a clause, then another that bears it out (not "X said: ...", a frame)
            right = view[k + 1 :]
            sv = subject_verb(right)
            if sv is None or sv[0] != 0 or not is_clause(view[:k]) or _words(view[:k]) < 5 or any(
                    x.text in ('"', "“") for x in right[:1]):
                continue
        elif t.low in ("and", "but") and view[k - 1].text != ",":
            right = view[k + 1 :]
            lead = 1 if right and right[0].low in _TIME_LEAD else 0
            sv = subject_verb(right[lead:])
            if sv is None or sv[1] - sv[0] > 4 or sv[0] != 0 or right[lead].low in _FRONT:
                continue
            if lead and right[lead].low not in PRONOUNS and right[lead].low not in DETS:
                continue  # "... and now Mr Smith": only "now it ...", "today the plant ..."
            right_subject = right[lead]
            words = [x for x in right if x.text[:1].isalnum()]
            if words and right[lead + sv[1]] is words[-1] and words[-1].low.endswith("s") and \
                    lead + sv[1] > 0 and right[lead + sv[1] - 1].text[:1].islower() and \
                    right_subject.low not in DETS and right_subject.low not in PRONOUNS:
                continue  # "against subsidy cuts and European environmental rules": a noun
            if any(x.low in ("that", "which", "who") for x in right[1 : sv[1]]) or any(
                    x.low in ("between", "both") for x in view[max(0, k - 6) : k]):
                continue  # "the cooperation between ESA and NASA that began on ...": one NP
            counted = right_subject.low in _QUANTIFIERS and len(right) > lead + 1 and \
                right[lead + 1].text[:1].isdigit()  # "... so far and about 800 are finished"
            if not (right_subject.text[:1].isdigit() or right_subject.low in DETS or counted or
                    right_subject.low in PRONOUNS or right_subject.text[:1].isupper() or
                    (not lead and _bare_plural(right[: sv[1]], right[sv[1]]))):
                continue
            if _relative_awaits_verb(view, k):
                continue  # "half of which the state and the region pay": its subjects
            if _participle_after_present(view[:k], right[lead + sv[1] :]):
                continue  # "covers the A model and the B model built in 2021": one object
        elif t.text == ",":
            right = view[k + 1 :]
            if not right or right[0].low in ("which", "who", "whose", "that", "including",
                                             "according", "as", "with", "and", "but"):
                continue
            if _IMPERSONAL_TAIL.match(" ".join(x.low for x in right)):
                continue  # "..., it is reported (in X).": who says so, no clause of its own
            if not (_spliced_clause(right) or _inverted_splice(right) or
                    _inverted_presence(right)):
                continue  # (", at the plant work 300 people": translated order, a clause)
            lead = _skip_lead(view)
            when = _time_phrase(view, lead, k)
            if when:
                # "Before the bridge the children walked to school, some buses ran twice a
                # day": the time phrase, without a comma, governs both clauses
                return [(view[:k], "clause"), ([*view[lead:when], *right], "clause")]
            if lead < k and view[lead].low in ("after", "before", "once", "until") and \
                    _temporal_then_clause(view, lead, k):
                pass  # "After 2027, the operator plans ..., additionally 300 are hired": a time
            elif lead < k and (view[lead].low in _CONDITIONAL or (
                    view[lead].low == "according" and not any(
                        view[x].text == "," and _depth0(view, x) for x in range(lead, k))
                    # "According to X 300 people were hurt, two died": no comma after X
                    and not any(is_finite(view, x) and view[x + 1].low != "by"
                                for x in range(lead + 2, k)))):
                continue  # "If prices rise, the bank will act", "According to X, ...": one claim
        else:
            continue
        left = view[:k]
        if not (is_clause(left) or _clause_after_phrase(left) or (
                t.text == "," and (_inverted_passive(left) or _inverted_presence(left)))) or \
                not (_valid(left, right) or (t.text == "," and _inverted_presence(left) and
                                             _valid(right)) or (
                    t.text == "," and _inverted_presence(right) and _valid(left))):
            continue
        if t.text == ",":
            same = _indicator(left, right)
            if same is not None:
                return [(left, "clause"), (same, "clause")]
        return [(left, "clause"), (_same_subject(left, right), "clause")]
    return None


def _relative_subject(right: list[Tok]) -> bool:
    """'a care home in Silloth, whose generator failed, moved 23 residents': a clause whose
    subject carries a relative aside in commas (which the subject test alone reads as no
    subject). The aside must open with who/whose/which and a verb must follow it."""
    if not right or right[0].low not in DETS:
        return False
    comma = next((x for x in range(1, min(len(right), 8)) if right[x].text == ","), None)
    if comma is None or comma + 2 >= len(right) or right[comma + 1].low not in (
            "who", "whose", "which"):
        return False
    if any(is_finite(right, x) for x in range(comma)):
        return False
    close = next((x for x in range(comma + 2, min(len(right), comma + 16))
                  if right[x].text == ","), None)
    return close is not None and is_finite(right, close + 1)


def _participle_after_present(left: list[Tok], vp: list[Tok]) -> bool:
    """Is the "verb" after a bare "and" a past participle modifying a second object ("the
    recall covers the Aria and the Solenne built between 2021 and 2023")? After a verb that
    lists what it takes in (covers, includes, affects), the "and" goes on with the list."""
    sv = subject_verb(left)
    if sv is None or len(vp) < 2 or vp[0].low in AUX or vp[1].low not in _FRONT_PREP | {
            "between", "since", "before", "after", "until", "during"}:
        return False
    return left[sv[1]].low in _INCLUDING and (vp[0].low.endswith("ed") or
                                              vp[0].low in _PARTICIPLES)


_INCLUDING = frozenset(_wordlist("""covers covered includes included affects affected involves
    involved concerns concerned contains contained comprises comprised"""))


def _relative_awaits_verb(view: list[Tok], k: int) -> bool:
    """Is the "and" at k inside a relative clause whose verb is still to come ("..., half of
    which the state and the region are paying")? Then it joins the relative's subjects."""
    for x in range(k - 1, 0, -1):
        if view[x].text in (",", ";", ":"):
            return False
        if view[x].low in ("which", "whom", "whose") and _depth0(view, x):
            return not any(is_finite(view, y) for y in range(x + 1, k))
    return False


_INDICATOR = frozenset(_wordlist("indicator figure number total count rate"))


def _indicator(left: list[Tok], right: list[Tok]) -> list[Tok] | None:
    """'this year 7 schools opened, last year this indicator was 4': the second clause
    gives the first one's count for another time ("last year 4 schools opened"). The time may
    be counted back ("a year earlier", "two years ago") and the figure may keep the first
    one's unit ("78 percent ..., a year earlier this indicator was 65 percent")."""
    r = [t for t in right if t.text not in (".", "!")]
    if len(r) > 1 and r[0].low in _TIME_ADJ and r[1].low in _TIME_NOUNS:
        when = 2
    elif len(r) > 2 and (r[0].low in ("a", "one", "two", "three") or r[0].text.isdigit()) and \
            r[1].low.rstrip("s") in _TIME_NOUNS and r[2].low in ("earlier", "ago", "before"):
        when = 3
    else:
        return None
    if len(r) < when + 4 or r[when].low not in ("this", "that", "the") or \
            r[when + 1].low not in _INDICATOR or \
            r[when + 2].low not in ("was", "is", "were", "made", "amounted"):
        return None
    value = r[when + 3 :]
    while value and value[0].low in ("to", "at"):
        value = value[1:]
    if not value or not value[0].text[:1].isdigit() or len(value) > 3:
        return None
    counts = [x for x, t in enumerate(left) if t.text[:1].isdigit()]
    if len(counts) != 1:
        return None
    c = counts[0]
    unit = [t.low for t in value[1:]]
    if unit != [t.low for t in left[c + 1 : c + 1 + len(unit)]]:
        return None  # "was 65 percent" after "78 tonnes": not the same measure
    times = [x for x in range(len(left) - 1) if left[x].low in _TIME_ADJ and
             left[x + 1].low in _TIME_NOUNS]
    out = [*left]
    out[c] = value[0]
    if len(times) == 1:
        w = times[0]
        out[w : w + 2] = r[:when]
    elif not times and when == 3:
        first = out[0]
        if first.low in DETS:  # "The share" after the fronted time reads "the share"
            out[0] = _ins(first.low)
        out = [*r[:when], *out]  # "a year earlier the share ... amounted to 65 percent"
    else:
        return None
    return out


def _time_phrase(view: list[Tok], lead: int, k: int) -> int:
    """End of "before the new bridge" in "before the new bridge the children walked" (a
    fronted time phrase with no comma, then the clause's own subject), else 0."""
    if lead >= k or view[lead].low not in ("before", "after", "since"):
        return 0
    sv = subject_verb(view[lead + 1 : k])
    if sv is None:
        return 0
    inner = view[lead + 1 : k]
    return next((lead + 1 + x for x in range(sv[0] + 1, sv[1])
                 if inner[x].low in ("the", "a", "an") and inner[x - 1].low not in _FRONT_PREP),
                0)


def _temporal_then_clause(view: list[Tok], lead: int, k: int) -> bool:
    """Between a fronted time phrase ("After 2027,") and the comma at k, a whole main clause:
    what follows k is spliced onto that clause, not governed by the time phrase."""
    comma = next((x for x in range(lead + 1, k) if view[x].text == "," and _depth0(view, x)),
                 None)
    if comma is None or comma - lead > 4:
        return False
    main = view[comma + 1 : k]
    sv = subject_verb(main)
    return sv is not None and sv[0] == 0 and is_clause(main)


def _inverted_passive(view: list[Tok]) -> bool:
    """'On the site of 5 hectares are placed the main hall and two warehouses': translated word
    order, a fronted place, then "are placed", then the subject. A clause all the same."""
    i = _skip_lead(view)  # "Also, at the plant are employed 85 workers"
    if len(view) - i < 5 or view[i].low not in _FRONT_PREP | _INVERTING_PREP:
        return False
    for x in range(i + 1, len(view) - 2):
        # "will be opened", "has been built": the auxiliary pair counts as one "is"
        aux = 1 if x + 3 < len(view) and (view[x].low, view[x + 1].low) in _AUX_PAIRS else 0
        p = view[x + 1 + aux]
        if (aux or view[x].low in ("is", "are", "was", "were")) and _depth0(view, x) and (
                p.low in _PARTICIPLES or (p.low.endswith("ed") and p.low not in _NOT_ED)):
            return not any(is_finite(view, y) or view[y].text in (",", ";", ":")
                           for y in range(i + 1, x))
    return False


_AUX_PAIRS = frozenset({("will", "be"), ("would", "be"), ("has", "been"), ("have", "been"),
                        ("had", "been")})


def _inverted_presence(view: list[Tok]) -> bool:
    """'Currently at the plant work 3,450 people': translated word order, a fronted place, then
    a verb of being there ("work", "live"), then its counted subject. A clause all the same."""
    i = _skip_lead(view)
    while (i < len(view) and _ADVERB.match(view[i].low)) or (
            i < len(view) and view[i].low in ("currently", "now", "today")):
        i += 1
    if len(view) - i < 5 or view[i].low not in _FRONT_PREP:
        return False
    for x in range(i + 1, len(view) - 1):
        if view[x].text in (",", ";", ":") or (is_finite(view, x) and view[x].low not in
                                                _PRESENCE):
            return False
        if view[x].low in _PRESENCE and x > i + 1:
            nxt = view[x + 1]
            return nxt.text[:1].isdigit() or nxt.low in _COUNT_WORDS or nxt.low in (
                "about", "over", "almost", "nearly", "more", "around")
    return False


_PRESENCE = frozenset(_wordlist("work works worked live lives lived study studies studied serve"
                                " serves served"))


def _inverted_splice(right: list[Tok]) -> bool:
    """'..., during the season were hired over 200 pickers': a spliced clause in translated
    word order, a fronted phrase, then a passive, then its counted subject."""
    if not _inverted_passive(right):
        return False
    x = next(x for x in range(len(right)) if (right[x].low in ("is", "are", "was", "were") or (
        x + 1 < len(right) and (right[x].low, right[x + 1].low) in _AUX_PAIRS)) and
        _depth0(right, x))
    x += right[x].low not in ("is", "are", "was", "were")  # "will be hired": past "be"
    subj = right[x + 2 : x + 5]
    return any(t.text[:1].isdigit() or t.low in _COUNT_WORDS for t in subj)


def _same_subject(left: list[Tok], right: list[Tok]) -> list[Tok]:
    """'The bridge opened in 1990 and today it carries ...': "it" is the bridge. A lone "it" /
    "they" subject of a second clause stands for the first clause's noun subject (when that
    subject agrees in number and is not itself a pronoun)."""
    sv_r = subject_verb(right)
    sv_l = subject_verb(left)
    if sv_r is None or sv_l is None:
        return right
    s0 = sv_r[0] + (right[sv_r[0]].low in _TIME_LEAD)
    if sv_r[1] - s0 != 1:
        return right
    pron = right[s0].low
    subj = left[sv_l[0] : sv_l[1]]
    at = 1 if subj and subj[0].low == "the" else 0
    if len(subj) > at + 2 and subj[at + 1].low == "of" and (
            subj[at].low in _DIMENSIONS or subj[at].low in _PRICES):
        subj = subj[at + 2 :]  # "The length of the road makes 12 km, it opened in 1990": the road
    if pron not in ("it", "they") or not subj or subj[0].low in PRONOUNS or len(subj) > 8 or \
            any(t.text in (",", ";", ":", '"', "“", "”") or t.low in _NOT_IN_SUBJECT
                for t in subj) or (pron == "they") != _plural(subj):
        return right
    if subj[0].text == "The" and s0 > 0:
        subj = [_ins("the"), *subj[1:]]
    return [*right[:s0], *subj, *right[s0 + 1 :]]


# Time words that may open the second of two clauses joined by a bare "and"
_TIME_LEAD = frozenset(_wordlist("today now currently later then since meanwhile nowadays"))
# A clause opened by one of these is not a claim of its own before a comma
_CONDITIONAL = frozenset(_wordlist("""if unless when whenever while whereas although though because
    since once as whether until before after so"""))
# Openers of a comma-spliced clause that come before its subject ("..., then 400 workers lost
# their jobs") and prepositions that can front one ("..., for them the school is organized")
_SPLICE_ADVERBS = frozenset(_wordlist("""then later now meanwhile also already afterwards
    thereafter additionally moreover furthermore"""))
# Two-word openers that say "next" the same way ("..., after that a ticket will cost 5 euros")
_SPLICE_LEADS = (("after", "that"), ("after", "this"), ("since", "then"), ("from", "then"))
# Connectives that open a second clause after a comma ("..., at the same time prices fell")
_CONNECTIVES = (("at", "the", "same", "time"), ("in", "addition"), ("in", "turn"))
_EXISTENTIAL = frozenset(_wordlist("is are was were remain remains remained"))
_TIME_ADJ = frozenset(_wordlist("last next this previous"))
_TIME_NOUNS = frozenset(_wordlist("year month week season quarter decade spring summer autumn"
                                  " winter"))
_SPLICE_PREPS = frozenset(_wordlist("in on at by for from with without under over into onto to"))
_NOT_IN_SUBJECT = frozenset(_wordlist("""that which who whose since until if as than unless when
    while because after before"""))


_IMPERSONAL_TAIL = re.compile(r"^it (?:is|was|has been|had been) (?:also )?(?:reported|said|noted"
                              r"|stated|announced|known|informed|added)"
                              r"(?: (?:in|at|by|from|on|to) [^,;]+)?(?: \W)*$")


def _spliced_clause(right: list[Tok]) -> bool:
    """Is what follows a comma a clause of its own (a comma splice, common in translation)?

    Its subject must open it (after "then" or a short fronted phrase at most) and be a plain
    noun phrase: a pronoun, a number, a quantifier ("many of them"), a determiner ("the cost of
    the works"); not a superlative ("the lowest since ...", an event appositive) and nothing
    with a relative or subordinate word in it (", a step that sets ...": a noun phrase).
    """
    if _COMPARED.match(" ".join(t.low for t in right)):
        return False  # "..., this is 6 percent more than in 2022": the figure's own change
    if len(right) > 3 and (right[0].low, right[1].low) in _SPLICE_LEADS:
        return _spliced_clause(right[2:])
    lead = next((len(c) for c in _CONNECTIVES if [t.low for t in right[: len(c)]] == list(c)), 0)
    if lead:
        # "..., at the same time emissions of dust will fall by 40 percent": the connective
        # says a second clause follows, whatever its subject looks like
        rest = right[lead + (lead < len(right) and right[lead].text == ",") :]
        sv = subject_verb(rest)
        return sv is not None and sv[0] == 0 and 1 <= sv[1] <= 8 and not any(
            t.low in _NOT_IN_SUBJECT or t.text in (",", ";", ":") for t in rest[: sv[1]])
    if len(right) > 3 and right[0].low == "there" and right[1].low in _EXISTENTIAL:
        return True  # "..., there remain about 40 thousand hectares to thresh"
    if len(right) > 4 and right[0].low in _TIME_ADJ and right[1].low in _TIME_NOUNS and \
            (right[2].low in DETS or right[2].low in PRONOUNS):
        return _spliced_clause(right[2:])  # "..., last year this indicator was 1.04 tonnes"
    sv = subject_verb(right)
    if sv is None and len(right) > 3 and right[0].low in _SPLICE_PREPS | {"of", "among"} and \
            right[1].low in ("them", "it", "these", "those", "whom"):
        sv = subject_verb(right, 2)  # "to them a monthly allowance will be paid"
    share_lead = len(right) > 4 and right[0].low == "of" and \
        right[1].low in ("this", "that", "the") and right[2].low in _WHOLE_NOUNS
    if share_lead and sv is None:
        sv = subject_verb(right, 3)  # "of this sum 60 percent is provided from the budget"
    if sv is None:
        return False
    s0, v = sv
    subj = right[s0:v]
    if subj and subj[0].low in _SPLICE_ADVERBS:
        subj, s0 = subj[1:], s0 + 1  # "then 400 workers lost their jobs"
    if not subj or right[v].low in _TAIL_VERBS or _passive_source(right) is not None:
        return False  # ", the charity calculated in March.", ", it was reported by X."
    # "..., for them service apartments are provided", "..., of them 24 are for intensive care":
    # a preposition and a pronoun before the subject (translated word order)
    pronoun_lead = s0 == 2 and right[0].low in _SPLICE_PREPS | {"of", "among"} and \
        right[1].low in ("them", "it", "these", "those", "whom")
    if pronoun_lead or (share_lead and s0 == 3):
        pass
    elif s0 > 0:
        lead = right[:s0]
        if lead[0].low in _SPLICE_ADVERBS:
            if s0 > 1:
                return False
        elif lead[0].low not in _SPLICE_PREPS or len(lead) > 12 or any(
                is_finite(lead, x) or lead[x].text in (",", ";") for x in range(len(lead))):
            return False  # ", on a turnout of 41%, so I ...": a phrase, then another clause
    if any((x.low in _NOT_IN_SUBJECT and not (  # "tonnes of grain after processing"
            x.low in ("after", "before") and y + 1 < len(subj) and subj[y + 1].low.endswith("ing")))
            or x.text in (",", ";", ":", "(") for y, x in enumerate(subj)):
        return False
    while len(subj) > 1 and _ADVERB.match(subj[-1].low):
        subj = subj[:-1]  # "the water level already decreases": the adverb is no subject
    first = subj[0]
    if first.low in PRONOUNS:
        return len(subj) <= 4
    if len(subj) == 1 and first.low in _INDEFINITE_PRONOUNS:
        return True  # "a crane fell onto the road, nobody was injured"
    counted = first.text[:1].isdigit() or first.low in _COUNT_WORDS or first.low in _QUANTIFIERS
    if counted and right[v].low not in AUX and (len(subj) == 1 or subj[-1].low in (
            "them", "these", "those", "which")) and not (v + 1 < len(right) and (
            right[v + 1].low in DETS or right[v + 1].text[:1].isdigit())):
        return False  # "..., two built in France", ", most of them donated by ...": participles
    if len(subj) > 1 and _is_superlative(subj[1].text):
        return False
    if first.text[:1].isdigit() and s0 > 0:
        return len(subj) <= 10  # "..., in total 5.2 million tonnes of grain ... were collected"
    if first.text[:1].isdigit() or first.low in _QUANTIFIERS or first.low in _COUNT_WORDS or (
            first.low in DETS and first.low != "the"):
        return len(subj) <= (10 if pronoun_lead else 8)
    if pronoun_lead and first.text.isalpha() and first.text.islower() and len(subj) <= 8:
        return True  # a bare noun subject is clear after "for them", "to them"
    if first.low == "the":
        return len(subj) <= 8 and _words(subj) >= 2
    return _bare_plural(subj, right[v])


# "this is 6 percent more than in 2022", "that is twice as much as a year ago": a comparison
# of the figure just given, a numeric qualifier rather than a clause of its own
_COMPARED = re.compile(r"^(?:this|that|it) (?:is|was|makes|made|amounts to|amounted to) "
                       r"(?:about |almost |nearly |some |around )?(?:[\d.,]+ (?:percent |% "
                       r"|per cent |times |fold )?|(?:twice|three times|half) )"
                       r"(?:more|less|fewer|higher|lower|above|below|up|down"
                       r"|as (?:much|many|high|low))\b")


_INDEFINITE_PRONOUNS = frozenset(_wordlist("nobody everybody everyone somebody someone none"))


def _bare_plural(subj: list[Tok], verb: Tok) -> bool:
    """'lifts and ramps are installed', 'reserves were thin': a plural noun with no article
    before "are"/"were" is a subject of its own."""
    return 1 <= len(subj) <= 4 and verb.low in ("are", "were") and \
        all(t.text.isalpha() and t.text.islower() for t in subj) and \
        subj[-1].low.endswith("s") and not subj[-1].low.endswith("ss") and \
        subj[-1].low not in PRONOUNS


def _fronted_clause(view: list[Tok]) -> bool:
    i = _skip_lead(view)
    if i >= len(view) or (view[i].low not in _SUBORD and view[i].low not in _FRONT):
        return False
    for k in range(i + 1, min(len(view), i + 25)):
        if view[k].text == "," and _depth0(view, k):
            return is_clause(view[k + 1 :])
    return False


def fronted_subordinate(view: list[Tok], sentence: str) -> list[tuple[list[Tok], str]] | None:
    i = _skip_lead(view)
    if i >= len(view) or view[i].low not in _SUBORD:
        return None
    conj = _SUBORD[view[i].low]
    if view[i].low == "while" and i + 1 < len(view) and view[i + 1].low.endswith("ing"):
        return None
    if conj in ("before", "after", "since") and i + 1 < len(view) and \
            view[i + 1].low in ("that", "this", "then", "now"):
        return None  # "Before that the village used wells": an adverb of time, not a clause
    for k in range(i + 2, min(len(view), i + 30)):
        if view[k].text == "," and _depth0(view, k) and is_clause(view[k + 1 :]):
            sub = view[i + 1 : k]
            main = view[k + 1 :]
            if not is_clause(sub) or not _valid(sub, main) or main[0].low in ("which", "who"):
                return None
            sv = subject_verb(sub)
            if conj in ("before", "after", "since") and sv is not None and any(
                    t.low in ("the", "a", "an") and sub[x - 1].low not in _FRONT_PREP
                    for x, t in enumerate(sub[sv[0] + 1 : sv[1]], sv[0] + 1)):
                return None  # "before the bridge the children walked": a time, then a clause
            if conj == "when":
                return [(sub, "subordinate"), (view, "final")]
            if conj in ("before", "after"):
                # the year the event happened ("was introduced in 1963"), not a year that
                # names something else ("a repeat of the 2021 vote")
                dates = [t for x, t in enumerate(sub) if re.fullmatch(r"(?:1[89]|20)\d\d", t.text)
                         and x > 0 and (sub[x - 1].low in ("in", "on", "by", "during")
                                        or sub[x - 1].low in _MONTHS)]
                if dates:
                    return [(sub, "subordinate"),
                            ([view[i], dates[-1], _ins(","), *main], "main")]
            return [(sub, "subordinate"), (main, "main")]
    return None


def fronted_participle(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'Born in 1938 in Kiruna, a mining town ..., Lindqvist was ...': the participle phrase
    says something of the main clause's subject ("Lindqvist was born in 1938 in Kiruna, a
    mining town ..."; its own appositive is split after)."""
    i = _skip_lead(view)
    n = len(view)
    if i >= n - 4:
        return None
    w = view[i]
    if not (w.low in _PARTICIPLES or (w.low.endswith("ed") and w.low not in _NOT_ED
                                      and len(w.low) > 4)) or w.low in _TAIL_VERBS:
        return None
    if i + 1 < n and (view[i + 1].text == "," or is_finite(view, i + 1)):
        return None  # "Based, ...", "Founded is ...": not a fronted phrase
    for k in range(i + 2, min(n - 2, i + 30)):
        if view[k].text != "," or not _depth0(view, k):
            continue
        main = view[k + 1 :]
        sv = subject_verb(main)
        if sv is None or sv[0] != 0 or sv[1] > 12:
            continue
        subj = main[: sv[1]]
        cut = next((x for x, t in enumerate(subj) if t.text == "," and _depth0(subj, x)), None)
        if cut is not None:
            subj = subj[:cut]  # "the oldest vessel, the Nordkapp, will be ...": its head
        if not (subj[0].low in ("he", "she", "it", "they") or subj[0].text[:1].isupper()
                or subj[0].low in DETS):
            continue
        phrase = view[i:k]
        be = "were" if subj[0].low == "they" or _plural(subj) else "was"
        claim = [*subj, _ins(be), _ins(w.low), *phrase[1:]]
        if not _valid(main, claim):
            continue
        return [(claim, "appositive"), (main, "main")]
    return None


def vp_coordination(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    sv = subject_verb(view)
    if sv is None:
        return None
    s0, v = sv
    subj = view[s0:v]
    if subj and subj[0].low in ("which", "who", "that"):
        return None
    n = len(view)
    for m in range(v + 3, n - 1):
        if view[m].low not in ("and", "but") or not _depth0(view, m):
            continue
        nxt = m + 1
        # "will shut 12 branches and cut 300 jobs": a plain verb with an object after the
        # modal's first verb shares the modal
        shares_modal = view[v].low in _MODALS and _bare_verb(view[nxt].low) and \
            not view[nxt].low.endswith(("ed", "ing")) and nxt + 1 < n and (
                view[nxt + 1].text[:1].isdigit() or view[nxt + 1].low in DETS
                or view[nxt + 1].low in _COUNT_WORDS)
        if shares_modal:
            pass
        elif _ADVERB.match(view[nxt].low) and view[nxt].low != "not" and is_finite(view, nxt + 1) \
                and not view[nxt + 1].text[:1].isupper():
            pass  # "worked with her in the 1980s and now teaches at ...": the adverb stays
        elif view[nxt].low in _BASE_VERBS and view[v].low in _BASE_VERBS and \
                view[v].low not in AUX:
            pass  # "come from 40 countries and make up 12%": two plain present verbs, one subject
        elif view[nxt].low in _SAME_PAST and _past_form(view, v) and nxt + 1 < n and (
                view[nxt + 1].text[:1] in "$£€" or view[nxt + 1].text[:1].isdigit()):
            pass  # "began in 2021 and cost £90 million": past like the verb before
        elif not is_finite(view, nxt) or view[nxt].text[:1].isupper():
            continue
        if view[nxt].low in AUX and view[nxt].low in ("do", "does", "did"):
            continue
        if m >= 2 and view[m - 2].low in ("that", "which", "who") and \
                view[m - 1].text.isalpha():
            continue  # "a firm that designs and builds ferries": the verbs share the object
        if "-" in view[nxt].low and view[nxt].low.endswith("ed"):
            continue  # "small and medium-sized farms": an adjective, no second verb
        groups = _verb_group_starts(view, v, m)
        if len(groups) == 2 and view[groups[0]].low in SPEECH and \
                view[groups[1] - 1].low in ("it", "they", "he", "she") and \
                view[groups[1] - 2].low in ("that", *SPEECH):
            pass  # "X said that it had appointed a mediator and urged ...": X urged, either way
        elif len(groups) != 1:
            return None  # "said the lane would have cost ... and": whose verb is it?
        if view[v].low in _MODALS and _past_form(view, nxt) and not shares_modal:
            return None  # "(X said) the plan would cost jobs and warned ...": X warned
        if any(view[x].low in ("between", "both") and "and" not in (
                t.low for t in view[x + 1 : m]) for x in range(v, m)):
            continue  # "between A and B": one pair (not once its "and" has come before)
        if view[nxt].low not in VERBS and nxt + 1 < n and view[nxt + 1].text.isalpha() and \
                view[nxt + 1].text.islower() and view[nxt + 1].low not in DETS and \
                view[m - 1].text.isalpha() and view[m - 1].text.islower() and \
                is_finite(view, m - 2):
            continue  # "has built council and subsidised housing": two kinds of housing
        left = view[:m]
        right = subj + view[nxt:]
        if shares_modal:
            right = [*subj, _ins(view[v].text), *view[nxt:]]  # "The bank will cut 300 jobs"
        if view[m - 1].text == ",":
            left = view[: m - 1]
        if not _valid(left, right):
            continue
        return [(left, "clause"), (right, "clause")]
    return None


def _bare_verb(word: str) -> bool:
    """Is `word` a verb's plain form ("cut", "close", "take"), as the lexicon knows it?"""
    if word in _BASE_VERBS:
        return True
    forms = (word + "s", word + "es", word[:-1] + "ies" if word.endswith("y") else "")
    return any(f in _VERBS for f in forms if f)


# Participles after "which was" that judge or report the whole clause before ("which was
# welcomed by ...", "which was reported ..."), not what happened to a thing
_CLAUSE_PASSIVES = frozenset(_wordlist("""welcomed criticised criticized condemned praised
    reported announced confirmed denied expected seen considered described followed preceded
    caused triggered prompted blamed attributed linked called dismissed rejected questioned
    challenged opposed supported backed"""))


# verbs whose past is their plain form: past after a past verb ("opened in May and cost £4m")
_SAME_PAST = frozenset(_wordlist("cost put set let spread shut"))
# "the programme, which began in 2021", "the bridge, which cost £9 million": a clause neither
# begins nor costs, so the relative is said of the noun before the comma
_SPAN_OR_PRICE = frozenset(_wordlist("""began begins started starts ended ends lasted lasts
    cost costs"""))


def _span_or_price(vp: list[Tok]) -> bool:
    return len(vp) > 1 and vp[0].low in _SPAN_OR_PRICE and (
        vp[1].low in ("in", "on", "from", "at", "for", "with", "after", "last", "this")
        or vp[1].text[:1] in "$£€" or vp[1].text[:1].isdigit() or vp[1].low in ("about", "around",
                                                                               "nearly", "almost",
                                                                               "more", "less"))


def _thing_passive(vp: list[Tok]) -> bool:
    """'was purchased from Germany', 'were built in 1990': a passive about the noun before."""
    if len(vp) < 3 or vp[0].low not in ("was", "were"):
        return False
    part = vp[1]
    # "was carried out last year by ...": a particle, then a time or the agent
    nxt = 3 if vp[2].low in ("out", "up", "off", "down") and len(vp) > 3 else 2
    return part.low not in _CLAUSE_PASSIVES and part.low not in _NOT_ED and (
        part.low.endswith("ed") or part.low in _PARTICIPLES) and (vp[nxt].low in (
            "from", "in", "at", "by", "for", "with", "to", "on", "during", "abroad", "locally")
            or (nxt == 3 and vp[nxt].low in ("last", "earlier", "this", "yesterday")))


_MODALS = frozenset(_wordlist("would could will can may might should must shall"))


def _past_form(view: list[Tok], k: int) -> bool:
    w = view[k].low
    return (w.endswith("ed") and w not in _NOT_ED) or w in _IRREGULAR_PAST


def _source_vp(content: list[Tok]) -> int | None:
    """Where, in what a source said, a second verb phrase of the source itself begins: "(X
    said) the plan would cost jobs and warned of protests" (a modal cannot go on in the past)
    or "(X said that) it had appointed a mediator and urged the parties ..." ("it" is X)."""
    sv = subject_verb(content)
    if sv is None:
        return None
    s0, v = sv
    pronoun = v - s0 == 1 and content[s0].low in ("it", "they", "he", "she")
    for m in range(v + 2, len(content) - 2):
        if content[m].low != "and" or not _depth0(content, m) or not is_finite(content, m + 1):
            continue
        if "-" in content[m + 1].low:
            continue  # "small and medium-sized farms": an adjective, not the source's verb
        if len(_verb_group_starts(content, v, m)) != 1 or not _past_form(content, m + 1):
            return None
        if (content[v].low in _MODALS and content[v].low != "had") or (
                pronoun and content[v].low in ("had", "has", "have")):
            return m
        return None
    return None


def relative(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    n = len(view)
    for k in range(1, n - 2):
        if not _depth0(view, k):
            continue
        if view[k].text == "," and view[k + 1].low in ("which", "who"):
            if view[k + 1].low == "which" and not is_finite(view, k + 2):
                done = _object_relative(view, k)
                if done:
                    return done
            if not (is_finite(view, k + 2) or (_ADVERB.match(view[k + 2].low)
                                               and is_finite(view, k + 3))):
                continue
            # "How the miners, who have been on strike since March, will vote is unclear": the
            # relative closes at a comma before the main verb
            close = next((x for x in range(k + 3, n - 1) if view[x].text == "," and _depth0(
                view, x) and (is_finite(view, x + 1) or (_ADVERB.match(view[x + 1].low)
                                                        and is_finite(view, x + 2)))), None)
            vp = view[k + 2 : close] if close else view[k + 2 :]
            vp_text = " ".join(t.low for t in vp[:3])
            if _EVALUATIVE_REL.match(vp_text):
                continue
            left = view[:k] + (view[close + 1 :] if close else [])
            if not is_clause(left):
                continue
            # "who" is a person: the noun before it is clear enough even when not a name; so
            # is the noun before a relative that closes before the main verb ("motor tax,
            # which has been €120 since 2021, will rise"), or one that says how a thing was
            # made or got ("the equipment, which was bought from Germany")
            common = view[k + 1].low == "who" or close is not None or _thing_passive(vp) \
                or _span_or_price(vp)
            np = _np_before(view, k, common=common)
            if np is None or (len(np) == 1 and (np[0].low in _MONTHS or np[0].low in _WEEKDAYS
                                                or np[0].text.isdigit())):
                continue  # "collapsed in May, which was reported ...": the event, not May
            rel = np + vp
            if not _valid(left, rel):
                continue
            return [(left, "clause"), (rel, "relative")]
        if view[k].low in ("that", "which", "who") and view[k - 1].text != ",":
            prev = view[k - 1]
            if not (_is_name(prev, view) or prev.text in (")", '"', "”")):
                continue
            if any(x.low in ("between", "both") for x in view[max(0, k - 6) : k]):
                continue  # "the cooperation between ESA and NASA that began ...": the NP's
            if prev.text[:1].isupper() and prev.low in ("i",):
                continue
            if not is_finite(view, k + 1):
                continue
            if _plural_verb(view[k + 1]) and not prev.low.endswith("s"):
                continue  # "two restaurants in Portugal that hold ...": the restaurants hold
            np = _np_before(view, k, names_only=True)
            if np is None:
                continue
            left = view[:k]
            if not is_clause(left):
                continue
            rel = np + view[k + 1 :]
            if not _valid(left, rel):
                continue
            return [(left, "clause"), (rel, "relative")]
    return None


def _object_relative(view: list[Tok], k: int) -> list[tuple[list[Tok], str]] | None:
    """'..., by an appeal from local herders, which the ministry rejected in 2022.': the
    relative's subject did something to the noun before it -> 'the ministry rejected an appeal
    from local herders in 2022'. Only a relative that ends the sentence, with a past verb
    whose object is the gap (a phrase of time or place, or nothing, follows it)."""
    rest = view[k + 2 :]
    while rest and rest[-1].text in (".", "!"):
        rest = rest[:-1]
    sv = subject_verb(rest)
    if sv is None or sv[0] != 0 or not 1 <= sv[1] <= 6:
        return None
    subj, verb, after = rest[: sv[1]], rest[sv[1]], rest[sv[1] + 1 :]
    if not (subj[0].low == "the" or subj[0].text[:1].isupper()) or subj[0].low in PRONOUNS or \
            not (verb.low.endswith("ed") or verb.low in _IRREGULAR_PAST) or \
            any(t.text in (",", ";", '"', "“", "”") for t in rest) or \
            (after and after[0].low not in _FRONT_PREP and after[0].low not in _TIME_LEAD):
        return None
    np = _np_before(view, k, common=True)
    left = view[:k]
    if np is None or not is_clause(left):
        return None
    at = next((x for x, t in enumerate(view) if t is np[0]), 0)
    det = next((x for x in range(at - 1, max(-1, at - 4), -1) if view[x].low in DETS), None)
    if np[0].low not in DETS and det is not None and all(
            view[x].text.isalpha() and view[x].text.islower() and view[x].low not in _FRONT_PREP
            for x in range(det + 1, at)):
        np, at = view[det:k], det  # "the harbour swimming lido", not "lido"
    if at > 1 and view[at - 1].low in ("from", "by", "against", "with"):
        # "a lawsuit from two neighbours, which ...": the lawsuit, not the neighbours
        head = _np_before(view, at - 1, common=True)
        if head is not None and head[0].low in DETS:
            np = [*head, view[at - 1], *np]
    rel = [*subj, verb, *np, *after]
    return [(left, "clause"), (rel, "relative")] if _valid(left, rel) else None


def _plural_verb(t: Tok) -> bool:
    """"hold", "are", "have": a present-tense verb that cannot agree with a singular name."""
    if t.low in ("are", "were", "have", "do"):
        return True
    return t.low.isalpha() and not t.low.endswith(("s", "ed")) and t.low not in _MODALS and \
        t.low not in _IRREGULAR_PAST and t.low not in ("did", "had", "was")


_IRREGULAR_PAST = frozenset(_wordlist("""rose fell grew cut hit won lost made took came went saw
    got gave left led ran sent held paid sold bought built spent kept began became broke struck
    slid shrank sank swung stood beat drew"""))
_ORDINALS = frozenset(_wordlist("""third fourth fifth sixth seventh eighth ninth tenth quarter
    half"""))
_COMPARATIVE = frozenset(_wordlist("""more less fewer higher lower bigger smaller larger above
    below"""))
_AMOUNT_NOUNS = frozenset(_wordlist("""sum amount figure level number total value rate
    tally count"""))


def _headless(view: list[Tok], x: int) -> bool:
    """view[x] is a superlative that names no thing of its own: "the highest ever recorded",
    "the most since 1990", "the largest sum in a decade" (a bare amount word counts as none)."""
    w = view[x].low
    if not (re.fullmatch(r"[a-z]{3,}est", w) and w not in _EST_EXCLUDE) and \
            w not in ("most", "least"):
        return False
    nxt = view[x + 1].low if x + 1 < len(view) else ""
    if nxt in _AMOUNT_NOUNS:
        nxt = view[x + 2].low if x + 2 < len(view) else ""
    return nxt in ("", ",", ".", ";", "ever", "since", "in", "on", "for", "yet", "so", "to",
                   "recorded", "measured", "seen", "registered", "reported")


def _possessor(clause: list[Tok]) -> list[Tok] | None:
    """The clause's named subject as a possessive, for "its"/"their" after it: "The Green
    Alliance of mayor X" -> "the Green Alliance's" (cut before a
    preposition once a name is in); None for a pronoun or unnamed subject."""
    sv = subject_verb(clause)
    if sv is None:
        return None
    subj = [t for t in clause[sv[0] : sv[1]] if not _ADVERB.match(t.low)]
    if not subj or len(subj) > 10 or subj[0].low in PRONOUNS or any(
            t.text in (",", ";", ":", '"', "“", "”", "(") for t in subj):
        return None
    after = clause[sv[1] + 1 :]
    for x, t in enumerate(after):
        governed = x > 0 and (after[x - 1].low in _FRONT_PREP or after[x - 1].low in (
            "to", "than", "as", "half", "quarter"))  # "by half a percentage point"
        if not governed and (t.low in ("the", "a", "an", "this", "that") or _is_name(t, clause)):
            return None  # "The strike pushed the index down 2%, its worst day": the index's
    if any(t.low.endswith(("'s", "’s")) and x + 1 < len(subj) and subj[x + 1].text[:1].islower()
           for x, t in enumerate(subj)):
        return None  # "Orbitel's shares": "their" is the shares', say it as written
    cut = next((x for x, t in enumerate(subj) if t.low in _FRONT_PREP and x > 0), len(subj))
    # a capital first word alone may be a plural noun ("Prices at the pump rose 4%")
    named = any(t.text[:1].isupper() for t in subj[1:cut]) or (
        subj[0].text[:1].isupper() and subj[0].low not in DETS and not (
            cut == 1 and subj[0].low.endswith("s") and not subj[0].text.isupper()))
    if not named and (cut < len(subj) or subj[0].low != "the" or len(subj) > 3):
        return None  # "the team" -> "the team's"; "The number of lets" has no owner to name
    subj = subj[:cut]
    last = subj[-1].text
    if last.endswith(("'s", "’s")) or not last[:1].isalpha():
        return None
    if subj[0].text == "The":
        subj = [_ins("the"), *subj[1:]]
    return [*subj, _ins("'" if last.endswith("s") else "'s")]


_RECORD_ADJ = frozenset(_wordlist("new all-time fresh"))
_RECORD_NOUNS = frozenset(_wordlist("record high low peak"))


def _record_noun(view: list[Tok], k: int) -> bool:
    """"a record", "an all-time high for the index" (not "a high school", "a record number")."""
    nxt = view[k + 1] if k + 1 < len(view) else None
    return view[k].low in _RECORD_NOUNS and (nxt is None or not nxt.text[:1].isalnum() or (
        nxt.low in ("for", "since", "in", "of", "on", "at", "by", "among")))


def _is_superlative(word: str) -> bool:
    w = word.lower()
    return w in _SUPERLATIVE or (w.endswith("est") and len(w) > 5 and w not in _EST_EXCLUDE)


def final_appositive(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    n = len(view)
    for k in range(2, n - 2):
        if view[k].text != "," or not _depth0(view, k):
            continue
        head = view[k + 1]
        if head.low == "and" and k + 3 < n and view[k + 2].low == "the" and \
                _is_superlative(view[k + 3].text) and _headless(view, k + 3):
            # "Turnout was 68%, up from 61%, and the highest since 2003": a second predicate
            # of the subject -> "Turnout was the highest since 2003"
            close = next((x for x in range(k + 3, n) if view[x].text == "," and
                          _depth0(view, x)), None)
            left, app = view[:k], view[k + 2 : close] if close else view[k + 2 :]
            sv = subject_verb(left)
            if sv is not None and left[sv[1]].low in _EXISTENTIAL and is_clause(left):
                claim = [*left[sv[0] : sv[1] + 1], *app]
                main = left + (view[close:] if close else [])
                if _valid(main, claim):
                    return [(main, "clause"), (claim, "appositive")]
        # "a new record", "an all-time high": the adjective comes before what makes it one
        adj = 1 if k + 3 < n and view[k + 2].low in _RECORD_ADJ else 0
        if head.low in ("its", "the", "a", "an", "their", "his", "her") and k + 2 + adj < n and (
                _is_superlative(view[k + 2 + adj].text) or _record_noun(view, k + 2 + adj)
                or (head.low in ("a", "an") and (
                    view[k + 2].low in _EVENT_NOUNS or (k + 3 < n and view[k + 3].low in
                                                        _EVENT_NOUNS)))):
            if head.low in ("a", "an") and k + 3 < n and view[k + 3].low == "of" and \
                    view[k + 2].low in _ORDINALS:
                continue  # ", a fifth of them for key workers": a share, not an event
            if head.low in ("a", "an") and k + 3 < n and view[k + 2].low in _ORDINALS and \
                    view[k + 3].low in _COMPARATIVE:
                continue  # ", a third more than in 2020": measures the figure, stays with it
            if head.low in ("a", "an") and k + 4 < n and view[k + 3].low == "of" and (
                    view[k + 4].text[:1].isdigit() or view[k + 4].low in _COUNT_WORDS):
                continue  # ", a gain of 9.6 points", ", a loss of four": the figure's change
            close = next((x for x in range(k + 2, n) if view[x].text == "," and _depth0(view, x)),
                         None)
            app = view[k + 1 : close] if close else view[k + 1 :]
            left = view[:k]
            if not is_clause(left):
                continue
            owner = _possessor(left) if head.low in ("its", "their", "his", "her") else None
            written = app  # next to its clause, "its" needs no owner
            if owner:
                app = [*owner, *app[1:]]  # "its best result" -> "the Green Alliance's ..."
            past = any(t.low in ("was", "were", "had") or (t.low.endswith("ed") and
                       is_finite(left, x)) or (t.low in _IRREGULAR_PAST and is_finite(left, x))
                       for x, t in enumerate(left))
            claim = [_ins("This"), _ins("was" if past else "is"), *app]
            # a figure ranked by a possessive ("their steepest rise", "its highest level on
            # record"): "This was its highest level" does not say whose; not an event counted
            # ("its third increase this year"), nor "the sharpest drop since 1995", which reads
            # on its own
            ranked = head.low in ("its", "their") and (
                re.fullmatch(r"[a-z]{3,}est|most|least", view[k + 2 + adj].low) is not None
                or _record_noun(view, k + 2 + adj))
            # ", the highest since 2007", ", the largest sum since 2011": a superlative with no
            # noun, or only a word for an amount, ranks the figure and says nothing without it
            headless = head.low == "the" and not adj and _headless(view, k + 2)
            ranked = ranked or headless
            if _words(app) <= 3 or ranked:
                # ", a record.", ", its highest level on record": "This was a record" says
                # nothing alone; the claim is the clause and what the appositive says of it
                claim = [*left, view[k], *written]
                main = left + (view[close:] if close else [])
                if not _valid(main, claim):
                    continue
                return [(main, "clause"), (claim, "final:appositive")]
            main = left + (view[close:] if close else [])
            if not _valid(main, claim):
                continue
            return [(main, "clause"), (claim, "appositive")]
        if head.low not in ("a", "an", "the"):
            continue
        prev = view[k - 1]
        place = _place_np(view, k)
        if not (_is_name(prev, view) or prev.text in ('"', "”", ")") or place):
            continue
        app = view[k + 1 :]
        stop = next((x for x, t in enumerate(app) if t.low in ("that", "which", "who")), len(app))
        if any(is_finite(app, x) for x in range(stop)) or len(app) > 30:
            continue
        if any(t.text == "," and t.depth == 0 for t in app[:stop]):
            continue
        if any(t.low in ("and", "or") and t.depth == 0 for t in app[:stop]):
            continue  # "between NASA, the European Space Agency and ...": a list
        split = _apposition(view, k, view[:k], app)
        if split:
            return split
    return None


_PLACE_NOUNS = frozenset(_wordlist("""province region county district state city town village
    port island valley area capital municipality oblast"""))


def _place_np(view: list[Tok], k: int) -> list[Tok] | None:
    """The place named right before view[k] when the appositive after it says what kind of
    place it is: "in Alsace, the country's largest wine region" -> Alsace; "Murcia province"."""
    app = [t for t in view[k + 1 : k + 12] if t.text not in (".", "!")]
    cut = next((x for x, t in enumerate(app) if t.text == "," or t.low in ("that", "which", "who",
                                                                           "of", "in", "with")),
               len(app))
    if not cut or app[cut - 1].low not in _PLACE_NOUNS:
        return None
    j = k - 1
    if view[j].low in _PLACE_NOUNS and j > 0 and view[j - 1].text[:1].isupper():
        j -= 1  # "Murcia province"
    start = j
    while start > 0 and view[start - 1].text[:1].isupper() and view[start - 1].idx >= 0 and \
            start - 1 > 0:
        start -= 1
    if not view[start].text[:1].isupper() or view[start].low in DETS or \
            view[start - 1].low not in ("in", "at", "near", "from", "across", "around", "of"):
        return None
    return view[start:k]


def _apposition(view: list[Tok], k: int, left: list[Tok], app: list[Tok]):
    """The clause without the appositive, and "<noun phrase before k> is <appositive>"."""
    np = _place_np(view, k) or _np_before(view, k)
    if np is None or not is_clause(left):
        return None
    claim = [*np, _ins("is"), *app]
    return [(left, "clause"), (claim, "appositive")] if _valid(left, claim) else None


# "in total", "in part": idioms, not a second time or place for the same verb
_NOT_PARALLEL = frozenset(_wordlist("""total all part addition particular contrast line turn fact
    short response comparison general"""))
_GAP_ANCHOR_LEAD = frozenset(_wordlist("only just about around nearly almost some over under"))


def gapped_clause(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'In the morning ferries leave every 20 minutes, in the evening every hour': the second
    half repeats the opening preposition and leaves out subject and verb (gapping, common in
    translation). It gets them back: 'in the evening ferries leave every hour'."""
    i0 = _skip_lead(view)
    if i0 >= len(view) or view[i0].low not in _FRONT_PREP:
        return None
    sv = subject_verb(view)
    if sv is None or sv[0] <= i0:
        return None
    s0, v = sv
    n = len(view)
    for k in range(v + 1, n - 3):
        if view[k].text != "," or not _depth0(view, k) or view[k + 1].low != view[i0].low:
            continue
        right = view[k + 1 :]
        while right and right[-1].text in (".", "!"):
            right = right[:-1]
        if right[1].low in _NOT_PARALLEL or any(t.text in (",", ";") for t in right) or any(
                is_finite(right, x) for x in range(len(right))):
            continue
        # the first number (or "every"/"each") after the phrase starts what the verb governs
        j = next((x for x in range(2, len(right)) if right[x].text[:1].isdigit() or
                  right[x].low in ("every", "each", "per") or right[x].low in _COUNT_WORDS), None)
        c = next((x for x in range(v + 1, k) if view[x].text[:1].isdigit() or
                  view[x].low in ("every", "each", "per") or view[x].low in _COUNT_WORDS), None)
        if j is None or c is None:
            continue
        while j > 2 and right[j - 1].low in _GAP_ANCHOR_LEAD:
            j -= 1
        while c > v + 1 and view[c - 1].low in _GAP_ANCHOR_LEAD:
            c -= 1
        claim = [*right[:j], *view[s0:c], *right[j:]]
        left = view[:k]
        if not _valid(left, claim):
            continue
        return [(left, "clause"), (claim, "clause")]
    return None


_MONEY = frozenset(_wordlist("""euros euro dollars dollar pounds pound lei yuan yen francs rubles
    roubles rupees kronor krona zloty"""))


def share_of_which(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'Our budget is 112 million euros, of which 38 million goes on investment': where part of
    a sum of money goes is a fact of its own, a part of the whole the clause before sized ('38
    million of our budget goes on investment'; of the figure itself when the clause does not
    just size its subject). A subset of a count ('9 stations, of which 4 are new') stays."""
    for k in range(3, len(view) - 4):
        if view[k].text != "," or not _depth0(view, k) or view[k + 1].low != "of" or \
                view[k + 2].low != "which" or not (view[k + 3].text[:1].isdigit() or
                                                  view[k + 3].text[:1] in "$£€"):
            continue
        left = view[:k]
        sv = subject_verb(left)
        fig = next((x for x in range(k - 1, max(sv[1] if sv else 0, k - 5), -1)
                    if left[x].text[:1].isdigit() or left[x].text[:1] in "$£€"), None)
        if sv is None or fig is None:
            return None
        if fig > 0 and left[fig - 1].text in ("$", "£", "€"):
            fig -= 1  # "$ 40": a sign on its own
        if not any(t.text[:1] in "$£€" or t.low in _MONEY for t in left[fig:]):
            return None  # "9 stations, of which 4 are new": a subset that qualifies the count
        rest = view[k + 3 :]
        verb = next((x for x in range(1, min(len(rest), 6)) if is_finite(rest, x)), None)
        if verb is None:
            return None
        sized = left[sv[1]].low in ("is", "was", "totals", "totalled", "totaled")
        whole = left[sv[0] : sv[1]] if sized else left[fig:]
        if whole and whole[0].low == "the" and sized:
            whole = [_ins("the"), *whole[1:]]
        part = [*rest[:verb], _ins("of"), *whole, *rest[verb:]]
        if not _valid(left, part):
            return None
        return [(left, "clause"), (part, "clause")]
    return None


_NP_STOP = frozenset(_wordlist("""up to by that which who whose and or but than as if when where
    is are was were be been has have had makes made"""))


# "..., the reason of which became ...": said of the whole clause before, not of its last noun
_EVENT_OF = frozenset(_wordlist("reason reasons cause causes result results consequence "
                                "consequences outcome"))


def _np_verb(view: list[Tok], x: int) -> bool:
    """A verb that ends the noun phrase before it; after a preposition an -ed word is an
    adjective ("a warehouse with controlled atmosphere")."""
    return is_finite(view, x) and not (x > 0 and (view[x - 1].low in _FRONT_PREP or
                                                  view[x - 1].low in ("with", "without")))


def noun_of_which(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'The port ships mainly parcels from China, the volume of which rose by half': a relative
    after the noun phrase before the comma, translated word for word; it says something of that
    phrase ('The volume of parcels from China rose by half'). Rewritten from the article's own
    words, so the spans point at them; the noun phrase must be short and plain."""
    for k in range(2, len(view) - 5):
        r = view[k + 1 :]
        if view[k].text != "," or not _depth0(view, k) or r[0].low != "the":
            continue
        of = next((x for x in range(2, min(len(r), 5)) if r[x].low == "of"), None)
        if of is None or of + 2 >= len(r) or r[of + 1].low != "which" or \
                not is_finite(r, of + 2) or any(not t.text.isalpha() for t in r[1:of]):
            continue
        if r[of - 1].low in _EVENT_OF:
            # "..., the reason of which became the closure of the mine": the clause before
            # happened because of it ('... fell by 9 percent because of the closure ...')
            if r[of + 2].low not in ("became", "becomes", "was", "is", "were", "are") or \
                    not is_clause(view[:k]) or _words(r[of + 3 :]) < 2:
                return None
            return [([*view[:k], _ins("because"), _ins("of"), *r[of + 3 :]], "clause")]
        # the noun phrase: back from the comma to a verb, a particle or a clause word
        j = k
        while j > 0 and k - j < 6 and view[j - 1].text[:1].isalnum() and \
                view[j - 1].low not in _NP_STOP and not _np_verb(view, j - 1):
            j -= 1
        np = view[j:k]
        if not np or k - j >= 6 or (j > 0 and view[j - 1].low not in _NP_STOP and
                                    not _np_verb(view, j - 1)):
            return None  # no clear start: which noun "which" stands for is unclear
        det = [_ins("the")] if np and np[0].low in ("the", "a", "an") else []
        while np and np[0].low in ("the", "a", "an"):
            np = np[1:]  # "the capacity of a warehouse" reads "of the warehouse": said before
        left = view[:k]
        part = [_ins("The"), *r[1:of], _ins("of"), *det, *np, *r[of + 2 :]]
        if not np or not is_clause(left) or not _valid(left, part):
            return None
        return [(left, "clause"), (part, "clause")]
    return None


def gapped_counts(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'About 80 of the buses are in Lyon, 40 in Nice and 25 in Metz': counts after the first
    share the rest of its subject and its verb ('40 of the buses are in Nice')."""
    sv = subject_verb(view)
    if sv is None:
        return None
    s0, v = sv
    a = next((x for x in range(s0, v) if view[x].text[:1].isdigit()), None)
    if a is None or a + 1 >= v or view[a + 1].low != "of":
        return None
    p = next((x for x in range(v + 1, min(len(view), v + 4)) if view[x].low in _FRONT_PREP), None)
    if p is None or any(not view[x].text[:1].isalpha() for x in range(v, p)):
        return None
    shared = view[a + 1 : p]  # "of the cars are"
    end = len(view)
    while end and view[end - 1].text in (".", "!"):
        end -= 1
    cut = next((x for x in range(p + 1, end) if view[x].text == "," and _depth0(view, x)), None)
    if cut is None:
        return None
    items: list[list[Tok]] = []
    lo = cut + 1
    for x in range(cut + 1, end + 1):
        if x == end or (_depth0(view, x) and (view[x].text == "," or view[x].low == "and")):
            if x > lo:
                items.append(view[lo:x])
            lo = x + 1
    out: list[tuple[list[Tok], str]] = [(view[:cut], "clause")]
    for item in items:
        n = next((x for x, t in enumerate(item) if t.text[:1].isdigit()), None)
        if n is None or n + 1 >= len(item) or item[n + 1].low != view[p].low or \
                any(t.low in _GAP_ANCHOR_LEAD for t in item[n + 1 :]) or \
                any(not (t.low in _GAP_ANCHOR_LEAD or t.low in ("more", "than"))
                    for t in item[:n]) or any(is_finite(item, x) for x in range(len(item))):
            return None
        out.append(([*item[: n + 1], *shared, *item[n + 1 :]], "clause"))
    return out if len(out) > 1 else None


def gapped_object_counts(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'The firm employs 40 people in Oslo and 12 in Bergen', 'There are 14 of us in the
    kitchen and nine front of house': a second count after "and" shares the subject, the verb
    and what is counted ('The firm employs 12 people in Bergen')."""
    sv = subject_verb(view)
    if sv is None:
        return None
    v = sv[1]
    end = len(view)
    while end and view[end - 1].text in (".", "!"):
        end -= 1
    a = next((x for x in range(v + 1, min(end, v + 4)) if view[x].text[:1].isdigit()
              or view[x].low in _COUNT_WORDS), None)
    if a is None or any(not (view[x].low in _GAP_ANCHOR_LEAD or view[x].low == "of")
                        for x in range(v + 1, a)):
        return None
    ands = [x for x in range(a + 2, end - 1) if view[x].low == "and" and _depth0(view, x)]
    if len(ands) != 1:
        return None
    c = ands[0]
    item = view[c + 1 : end]
    if not (item[0].text[:1].isdigit() or item[0].low in _COUNT_WORDS) or len(item) < 2 or \
            len(item) > 8 or any(t.text in (",", ";", ":") or is_finite(item, x)
                                 for x, t in enumerate(item)) or \
            any(view[x].text in (",", ";", ":") for x in range(a, c)):
        return None
    counted: list[Tok] = []
    if view[a + 1].low == "of" and item[1].low != "of":
        # "14 of us": what the second count counts too
        stop = next((x for x in range(a + 2, c) if view[x].low in _FRONT_PREP or
                     view[x].low in ("front", "back")), c)
        counted = view[a + 1 : stop]
    elif item[1].low in _FRONT_PREP and view[a + 1].text.isalpha() and \
            view[a + 1].low not in _FRONT_PREP:
        counted = [view[a + 1]]  # "40 people in Oslo and 12 in Bergen": 12 people
    if not counted and item[1].low in _FRONT_PREP:
        return None
    if not any(t.low in _FRONT_PREP for t in view[a + 1 : c]):
        return None  # "won 31 seats and 34% of the vote": a list of figures, not places
    return [(view[:c], "clause"), ([*view[:a], item[0], *counted, *item[1:]], "clause")]


# verbs of commitment whose infinitives are each a thing to check ("agreed to pay X and to
# stop Y"); not wishes ("wants to rest and to travel")
_COMMIT = frozenset(_wordlist("""agreed agree agrees promised promise promises pledged pledge
    pledges decided decide decides voted vote votes undertook undertake undertakes committed
    plans planned plan intends intended intend expects expected expect"""))


def infinitive_coordination(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'The council agreed to build 300 homes and to repair the bridge by 2026': two
    commitments -> 'The council agreed to build 300 homes', '... agreed to repair the bridge
    by 2026'."""
    t = next((x for x in range(1, len(view) - 2) if view[x].low == "to" and view[x - 1].low in
              _COMMIT and _depth0(view, x)), None)
    if t is None:
        return None
    c = next((x for x in range(t + 3, len(view) - 2) if view[x].low == "and" and
              view[x + 1].low == "to" and _depth0(view, x)), None)
    if c is None or _words(view[t + 1 : c]) < 3 or _words(view[c + 2 :]) < 3 or any(
            view[x].low == "and" and view[x + 1].low == "to" and _depth0(view, x)
            for x in range(c + 2, len(view) - 1)):
        return None
    return [(view[:c], "clause"), ([*view[: t + 1], *view[c + 2 :]], "clause")]


def predicate_coordination(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'Kessel is the country's largest region and its biggest producer of wind power': two
    things the subject is; "its" is the owner the first one named ("the country's"). Only
    with that owner: otherwise "and its ..." may be a second object of a preposition."""
    sv = subject_verb(view)
    if sv is None or view[sv[1]].low not in _EXISTENTIAL:
        return None
    s0, v = sv
    end = len(view)
    while end > v and view[end - 1].text in (".", "!"):
        end -= 1
    pred = view[v + 1 : end]
    k = next((x for x in range(1, len(pred) - 1) if pred[x].low == "and" and pred[x].depth == 0
              and pred[x + 1].low in ("its", "their")), None)
    if k is None or pred[0].low not in ("the", "a", "an") or any(
            t.text in (",", ";", ":") or is_finite(pred, x) for x, t in enumerate(pred)):
        return None
    first, second = pred[:k], pred[k + 1 :]
    owner = next((x for x, t in enumerate(first[:4]) if t.low.endswith(("'s", "’s"))), None)
    if owner is None or first[0].low != "the":
        return None  # "a historic moment for New Zealand and its industry": one object
    # "its" means the country, the one whose ranking the first predicate gave
    second = [_ins("the"), *first[1 : owner + 1], *second[1:]]
    subj = view[s0 : v + 1]
    if _words(first) < 2 or _words(second) < 2:
        return None
    return [([*view[: v + 1], *first], "clause"), ([*subj, *second], "clause")]


def mid_appositive(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'The hull was built by Tessa Marine, a Hull-based yard, under a 2019 contract': an
    appositive after a name inside the clause, closed by a comma after which the clause goes
    on (a preposition or verb, not another list item)."""
    n = len(view)
    for k in range(2, n - 4):
        if view[k].text != "," or not _depth0(view, k) or view[k + 1].low not in ("a", "an"):
            continue
        if not _is_name(view[k - 1], view):
            continue
        close = next((x for x in range(k + 2, min(n, k + 12)) if view[x].text == "," and
                      _depth0(view, x)), None)
        if close is None or close + 1 >= n:
            continue
        app = view[k + 1 : close]
        after = view[close + 1]
        if any(is_finite(app, x) or app[x].low in ("and", "or", "that", "which", "who")
               for x in range(len(app))) or not after.text[:1].islower() or \
                after.low in ("and", "or", "but", "which", "who", "including", "according"):
            continue
        # "..., a London-based fund, bringing its total to ...": the comma before a result
        # participle stays, so the result is split off in turn
        keep = close if after.low.endswith("ing") and after.low not in _ING_STOP else close + 1
        split = _apposition(view, k, view[:k] + view[keep:], app)
        if split:
            return split
    return None


def result_participle(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    n = len(view)
    for k in range(2, n - 2):
        if view[k].text != "," or not _depth0(view, k):
            continue
        w = view[k + 1]
        if not (w.low.endswith("ing") and w.text[:1].islower() and len(w.low) > 5):
            continue
        if w.low in _ING_STOP and not (w.low in _ING_RESULT and k + 2 < n and (
                view[k + 2].low in ("a", "an", "its", "his", "her", "their", "the")
                or view[k + 2].text[:1].isdigit())):
            continue  # "starting in May" qualifies; "ending 22 years of rule" is a result
        if view[k + 2].low in ("and", "or", ",", ".") or (
                view[k - 1].text[:1].isalpha() and view[k - 2].text == ","):
            continue  # "for age, weight, smoking and exercise": a gerund in a list of nouns
        left = view[:k]
        sv = subject_verb(left)
        if sv is None:
            continue
        if any(t.low.endswith("ing") and len(t.low) > 4 and t.depth == w.depth and
               (is_finite(left, x - 1) or left[x - 1].low in ("as", "of")) for x, t in
               enumerate(left[sv[1] + 1 :], sv[1] + 1)):
            continue  # "included failing to pay staff, failing to ...": a list of gerunds
        subj = left[sv[0] : sv[1]]
        if subj[0].low in PRONOUNS or subj[0].low in ("which", "who", "that") or len(subj) > 8 \
                or any(t.low.endswith("ing") for t in subj):
            subj = [_ins("This")]
        # "has burned 900 hectares, killing four": the result happened, say it in the past
        past = any(t.low in ("was", "were", "had", "has", "have") or (t.low.endswith("ed") and
                   is_finite(left, x)) or (t.low in _IRREGULAR_PAST and is_finite(left, x))
                   for x, t in enumerate(left))
        rest = view[k + 2 :]
        # ", killing four people and forcing 6,500 to leave": two results
        cut = next((x for x in range(1, len(rest) - 1) if rest[x].low == "and" and
                    rest[x].depth == rest[0].depth and rest[x + 1].low.endswith("ing") and
                    len(rest[x + 1].low) > 5 and rest[x + 1].low not in _ING_STOP), None)
        pieces = [(w, rest)] if cut is None else [(w, rest[:cut]), (rest[cut + 1], rest[cut + 2 :])]
        claims = []
        for ing, obj in pieces:
            verb = _past(ing.low) if past else _third_person(ing.low)
            if _plural(subj) and not past:
                verb = _plural_form(verb)  # "Flood waters ..., cutting power" -> "cut power"
            claims.append(([*subj, _ins(verb), *obj], "result"))
        if not _valid(left, *(c for c, _ in claims)):
            continue
        return [(left, "clause"), *claims]
    return None


_PAST = {"leav": "left", "bring": "brought", "mak": "made", "send": "sent", "cutt": "cut",
         "putt": "put", "tak": "took", "giv": "gave", "sett": "set", "keep": "kept",
         "hold": "held", "lead": "led", "los": "lost", "hitt": "hit", "spend": "spent",
         "build": "built", "sink": "sank", "rais": "raised", "shutt": "shut", "pay": "paid",
         "driv": "drove", "becom": "became", "com": "came", "go": "went", "cost": "cost",
         "sell": "sold", "tell": "told", "winn": "won", "beginn": "began", "runn": "ran",
         "fall": "fell", "ris": "rose", "grow": "grew", "throw": "threw", "draw": "drew",
         "stand": "stood", "meet": "met", "find": "found", "buy": "bought", "break": "broke",
         "spread": "spread", "hurt": "hurt", "lett": "let", "split": "split", "shedd": "shed",
         "beat": "beat", "strik": "struck", "forc": "forced", "swing": "swung", "shrink": "shrank",
         "see": "saw", "get": "got", "gett": "got", "wear": "wore", "hid": "hid", "feed": "fed",
         "fight": "fought", "seek": "sought", "teach": "taught", "catch": "caught",
         "lend": "lent", "bend": "bent", "shoot": "shot", "steal": "stole", "bear": "bore",
         "tear": "tore", "freez": "froze", "overtak": "overtook", "outsell": "outsold",
         "undercutt": "undercut", "overcom": "overcame", "withdraw": "withdrew"}


def _past(ing: str) -> str:
    """'killing' -> 'killed', 'forcing' -> 'forced', 'stopping' -> 'stopped', 'leaving' ->
    'left'."""
    stem = ing[:-3]
    if stem in _PAST:
        return _PAST[stem]
    third = _third_person(ing)
    if " " in third:
        return third.replace("is ", "was ", 1)
    base = third[:-3] + "y" if third.endswith("ies") else _plural_form(third)
    if base.endswith("y") and not base.endswith(("ay", "ey", "oy")):
        return base[:-1] + "ied"
    if base.endswith("e"):
        return base + "d"
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        return stem + "ed"  # "stopping" -> "stopped"
    return base + "ed"


def reduced_relative(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    n = len(view)
    for k in range(2, n - 1):
        w = view[k]
        if w.low not in _LOCATIVE_ING or not _depth0(view, k):
            continue
        prev = view[k - 1]
        if not (_is_name(prev, view) or prev.text == ")"):
            continue
        left = view[:k]
        if not is_clause(left):
            continue
        np = _np_before(view, k, names_only=True)
        if np is None:
            continue
        while np and np[0].low in ("a", "an"):
            np = np[1:]
        claim = [_ins("The"), *np] if np and np[0].low != "the" else np
        claim = [*claim, _ins(_third_person(w.low)), *view[k + 1:]]
        if not _valid(left, claim):
            continue
        return [(left, "clause"), (claim, "relative")]
    return None


def when_clause(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'the first strike since 2008, when dockworkers stopped work for nine days': what the
    "when" clause says happened at that date ("... stopped work for nine days in 2008")."""
    n = len(view)
    for k in range(2, n - 3):
        if view[k].text != "," or view[k + 1].low != "when" or not _depth0(view, k):
            continue
        j = k
        relative = k >= 2 and view[k - 2].low in ("last", "this") and view[k - 1].low == "year"
        if relative:  # "on 15 May of last year, when ...": the year is the article's
            j = k - 2
            if j > 0 and view[j - 1].low == "of":
                j -= 1
        while j > 0 and (view[j - 1].text.isdigit() or view[j - 1].low in _MONTHS):
            j -= 1
        date = view[j:k]
        if not relative and not any(re.fullmatch(r"(?:1[5-9]|20)\d\d", t.text) for t in date):
            continue  # "in May, when ...": no year to place it at
        right = view[k + 2 :]
        close = next((x for x in range(len(right)) if right[x].text == "," and
                      _depth0(right, x)), None)
        if close is not None:
            continue  # the clause goes on after it: where it ends is unclear
        while right and right[-1].text in (".", "!"):
            right = right[:-1]
        sv = subject_verb(right)
        if sv is None or sv[0] != 0:
            continue
        prep = "on" if date[0].text.isdigit() and len(date) > 1 else "in"
        claim = [*right, _ins(prep), *date]
        left = view[:k] + view[k + 2 + len(right):]
        if not is_clause(left) or not _valid(left, claim):
            continue
        return [(left, "clause"), (claim, "relative")]
    return None


# Last words of a name that is an institution, not a place: "CNES, where she worked" is "at"
_INSTITUTION_HEADS = frozenset(_wordlist("""university institute college school hospital company
    agency ministry council office centre center laboratory lab bank fund plant factory firm
    group club academy museum court"""))


def where_clause(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'..., where she spent six years designing engines.' at the end of a sentence: what the
    clause says happened at the named place ("she spent six years designing engines at X")."""
    n = len(view)
    for k in range(2, n - 3):
        if view[k].text != "," or view[k + 1].low != "where" or not _depth0(view, k):
            continue
        right = view[k + 2 :]
        if any(t.text in (",", ";", ":") and t.depth == right[0].depth for t in right):
            continue  # the clause goes on after it: where it ends is unclear
        while right and right[-1].text in (".", "!"):
            right = right[:-1]
        sv = subject_verb(right)
        if sv is None or sv[0] != 0 or not is_clause(right):
            continue
        np = _np_before(view, k, common=True)
        # a named place, or one a place noun heads after a name ("the Rhone valley"); not
        # "the meeting", "the old town"
        first = _first_word_idx(view)
        if np is None or not any(t.text[:1].isupper() and t.idx != first for t in np) or not (
                np[-1].text[:1].isupper() or np[-1].low in _PLACE_HEADS):
            continue
        if len(np) == 1 and (np[0].low in _MONTHS or np[0].low in _WEEKDAYS):
            continue
        np = [_ins("the"), *np[1:]] if np[0].text == "The" else np
        at = "at" if (np[-1].text.isupper() and len(np[-1].text) > 1) or \
            np[-1].low in _INSTITUTION_HEADS else "in"
        left = view[:k]
        claim = [*right, _ins(at), *np]
        if not is_clause(left) or not _valid(left, claim):
            continue
        return [(left, "clause"), (claim, "relative")]
    return None


def as_clause(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    n = len(view)
    for k in range(2, n - 2):
        if view[k].low != "as" or not _depth0(view, k):
            continue
        if view[k - 1].low in ("such", "as", "well", "so", "same", "just", "soon", "much", "many",
                               "long", "far"):
            continue
        right = view[k + 1 :]
        sv = subject_verb(right)
        if sv is None or sv[0] != 0 or sv[1] > 5 or right[0].low in _FRONT_PREP:
            continue
        if right[sv[1]].low in SPEECH or right[0].low in ("part", "a", "an", "well", "many"):
            continue
        left = view[:k]
        if not is_clause(left) or not _valid(left, right):
            continue
        return [(left, "clause"), (right, "clause")]
    return None


_COUNT_WORDS = frozenset(_wordlist("""one two three four five six seven eight nine ten eleven twelve
    twenty thirty forty fifty hundred hundreds thousand thousands million millions billion
    billions dozen dozens scores"""))
# A comma-separated half that only qualifies the number before it ("up from 9 in 2019")
_QUALIFIER_START = frozenset(_wordlist("""up down from compared versus vs against than less more
    including with to by of for in on after before since as and or but"""))


def is_headline(sentence: str) -> bool:
    """No final stop: a headline, listicle heading or photo caption."""
    return not re.search(r"[.!?…][\"'”’)\]]*\s*$", sentence)


def _headline_verb(half: list[Tok], x: int) -> bool:
    """A verb in -s the lexicon lacks, between the subject and its object, in a headline
    ("Strike paralyses Gdansk port"): a lower-case word in -s after a noun, with words after."""
    w, prev = half[x], half[x - 1]
    return (w.text.isalpha() and w.text.islower() and len(w.text) > 4 and w.low.endswith("s")
            and not w.low.endswith(("ss", "us", "is", "ics")) and 0 < x < len(half) - 1
            and prev.text[:1].isalpha() and prev.low not in DETS and prev.low not in _FRONT
            and prev.low not in AUX and half[x + 1].low not in _FRONT_PREP)


def headline_halves(view: list[Tok]) -> list[tuple[list[Tok], str]] | None:
    """'Quake strikes off coast, at least 38 dead': a clause and a verbless half with a number.

    Every comma-separated half must be a clause or a verbless phrase of at least two words with
    a number. Headlines drop articles, so a half with a verb after its first word counts as a
    clause, and two such halves of three words or more are split too ("Railway opens, travel
    time cut to 2 hours", "Ferry hits rocks, 12 passengers rescued").
    """
    cuts = [k for k, t in enumerate(view) if t.depth == 0 and t.text in (",", ";", "—", "–")]
    if not cuts:
        return None
    halves, lo = [], 0
    for k in [*cuts, len(view)]:
        halves.append(view[lo:k])
        lo = k + 1
    out: list[tuple[list[Tok], str]] = []
    for half in halves:
        if _words(half) < 2:
            return None
        if is_clause(half) or any(is_finite(half, x) or _headline_verb(half, x)
                                  for x in range(1, len(half))):
            out.append((half, "clause"))
            continue
        counted = any(t.text[:1].isdigit() or t.low in _COUNT_WORDS for t in half)
        if not counted or half[0].low in _QUALIFIER_START:
            return None
        if out and _measures_before(half):
            return None  # "612,000 visitors, a 12% rise on 2023": one figure and its change
        out.append((half, "verbless"))
    if not any(kind == "verbless" for _, kind in out) and (
            len(out) != 2 or any(_words(half) < 3 and not _bare_event(half) for half, _ in out)
            or all(_words(half) < 3 for half, _ in out)):
        return None
    return [(_casualties(half), kind) for half, kind in out]


def _bare_event(half: list[Tok]) -> bool:
    """"prices increased", "thousands evacuated": a headline's second half of two words, a bare
    plural or a count and what happened to it (beside a longer half, so two of them do not
    make a headline of their own)."""
    words = [t for t in half if t.text[:1].isalnum()]
    if len(words) != 2 or len(half) != 2:
        return False
    first, verb = words
    return first.text.isalpha() and first.text.islower() and (
        first.low in _COUNT_WORDS or (first.low.endswith("s") and not first.low.endswith("ss"))) \
        and verb.text.isalpha() and (verb.low.endswith("ed") or verb.low in _CASUALTY
                                     or verb.low in _IRREGULAR_PASTS)


# past tenses a headline's bare half uses that do not end in -ed
_IRREGULAR_PASTS = frozenset(_wordlist("rose fell grew sank shrank soared slid"))


_CHANGE_NOUNS = frozenset(_wordlist("""rise increase gain jump growth fall drop decline decrease
    cut"""))


def _measures_before(half: list[Tok]) -> bool:
    """"a 12% rise on 2023", "up from 9": a change that measures the figure before it."""
    if half[0].low in ("up", "down") and len(half) > 1 and (
            half[1].low in ("from", "by") or half[1].text[:1].isdigit()):
        return True
    return half[0].low in ("a", "an") and any(t.text[:1].isdigit() for t in half[1:3]) and \
        any(t.low in _CHANGE_NOUNS for t in half[1:5])


_CASUALTY = frozenset(_wordlist("hurt injured killed wounded missing rescued evacuated arrested"))


def _casualties(half: list[Tok]) -> list[Tok]:
    """"three hurt", "at least 12 injured": a headline's count of people, said in full ("three
    people were hurt")."""
    words = [t for t in half if t.text[:1].isalnum()]
    if len(words) < 2 or words[-1].low not in _CASUALTY or not (
            words[-2].text[:1].isdigit() or words[-2].low in _COUNT_WORDS) or \
            any(t.text[:1].isupper() for t in words[:-2]):
        return half
    at = half.index(words[-1])
    if words[-2].low in _COUNT_WORDS and words[-2].low.endswith("s"):
        # "thousands evacuated": "thousands of people were evacuated"
        return [*half[:at], _ins("of"), _ins("people"), _ins("were"), *half[at:]]
    return [*half[:at], _ins("people"), _ins("were"), *half[at:]]


def split_clauses(view: list[Tok], sentence: str, depth: int = 0, *,
                  reported: bool = False) -> list[tuple[list[Tok], str]]:
    """Atomic clauses of view; `reported`: it is what a source said ("X said sales jumped as
    buyers rushed ...": the "as" clause is part of what X said, not split off)."""
    if depth > 8:
        return [(view, "clause")]
    ops = (
        lambda v: subject_modifier(v),
        lambda v: age_appositive(v),
        lambda v: coordination(v),
        lambda v: fronted_subordinate(v, sentence),
        lambda v: fronted_participle(v),
        lambda v: vp_coordination(v),
        lambda v: predicate_coordination(v),
        lambda v: infinitive_coordination(v),
        lambda v: relative(v),
        lambda v: noun_of_which(v),
        lambda v: final_appositive(v),
        lambda v: mid_appositive(v),
        lambda v: gapped_clause(v),
        lambda v: gapped_counts(v),
        lambda v: gapped_object_counts(v),
        lambda v: share_of_which(v),
        lambda v: result_participle(v),
        lambda v: reduced_relative(v),
        lambda v: when_clause(v),
        lambda v: where_clause(v),
        lambda v: None if reported else as_clause(v),
    )
    for op in ops:
        res = op(view)
        if not res:
            continue
        out: list[tuple[list[Tok], str]] = []
        for v, kind in res:
            if kind.startswith("final"):  # not split again: "final:appositive" keeps its kind
                out.append((v, kind.partition(":")[2] or "sentence"))
            else:
                out.extend(
                    (sv, kind if sk == "clause" else sk)
                    for sv, sk in split_clauses(v, sentence, depth + 1, reported=reported))
        return out
    return [(view, "clause")]


# ----------------------------------------------------------------------------- entry point

_FIRST_PERSON = frozenset(_wordlist("i we us our ours my me"))
MAX_TOKENS = 200  # longer sentences are kept whole (still attributed)


def _same_as(toks: list[Tok]) -> list[Tok] | None:
    """'This is the same council that spent £18 million on a car park.': the fact is in the
    relative clause ("The council spent £18 million on a car park.")."""
    if len(toks) < 7 or toks[0].low not in ("this", "that", "it") or \
            toks[1].low not in ("is", "was") or toks[2].low != "the" or toks[3].low != "same":
        return None
    k = next((x for x in range(5, min(len(toks) - 1, 10))
              if toks[x].low in ("that", "which", "who")), None)
    if k is None or not is_finite(toks, k + 1) or any(
            not t.text[:1].isalpha() or t.low in PRONOUNS for t in toks[4:k]):
        return None
    return [_ins("The"), *toks[4:k], *toks[k + 1 :]]


# "The length of the bridge makes 412 metres": machine translation of "is"; a dimension
# reads as "<thing> is N long", a cost or price as "<thing> costs N"
_DIMENSIONS = {"length": "long", "height": "high", "width": "wide", "depth": "deep"}
_PRICES = frozenset(_wordlist("cost price value"))
_ABOUT = frozenset(_wordlist("about around almost nearly approximately over more less some"))


def _figure(tail: list[Tok]) -> list[Tok]:
    """The tokens after "makes" / "made up" when they are one figure ("about 412 metres"),
    final stop left out; [] when they are anything else."""
    amount = list(tail)
    while amount and amount[-1].text in (".", "!"):
        amount = amount[:-1]
    first = 1 if amount and amount[0].low in _ABOUT and len(amount) > 1 else 0
    if not amount or not amount[first].text[:1].isdigit() or any(
            t.text in (",", ";") and t.depth == 0 for t in amount):
        return []
    return amount


def _measure_makes(view: list[Tok]) -> list[Tok]:
    """'The cost of the works makes 186 million' -> 'The works cost 186 million' (same tokens
    otherwise, so the spans still point at the article's words); any other view unchanged."""
    v = _trim(view)
    i = 1 if v and v[0].low == "the" else 0
    if len(v) < i + 5 or v[i + 1].low != "of":
        return view
    k = next((x for x in range(i + 3, len(v) - 1) if v[x].low in ("makes", "made")
              and v[x].depth == 0), None)
    if k is None:
        return view
    amount = _figure(v[k + 1 :])
    if not amount:
        return view
    thing, noun, present = v[i + 2 : k], v[i].low, v[k].low == "makes"
    many = _plural(thing)
    if noun in _DIMENSIONS:
        be = ("are" if many else "is") if present else ("were" if many else "was")
        return [*thing, _ins(be), *amount, _ins(_DIMENSIONS[noun])]
    if noun in _PRICES:
        return [*thing, _ins("costs" if present and not many else "cost"), *amount]
    return [*v[:k], _ins("is" if present else "was"), *amount]


def _made_up(view: list[Tok]) -> list[Tok]:
    """'The revenue for 9 months made up 4 billion' -> '... was 4 billion': "made up" / "makes
    up" before a figure is machine translation of "was" / "is" (the subject's own tokens stay,
    so the spans point at the article's words). "Women make up half the staff" has no figure
    and stays; any other view unchanged."""
    v = _trim(view)
    k = next((x for x in range(1, len(v) - 2) if v[x].low in ("made", "makes")
              and v[x + 1].low == "up" and v[x].depth == 0), None)
    if k is None or any(is_finite(v, x) for x in range(k)):
        return view
    amount = _figure(v[k + 2 :])
    if not amount:
        return view
    subj = v[:k]
    if len(subj) == 1 and subj[0].text[:1].isupper():
        return view  # "Harris made up 3 points": a name catching up, not a share
    cut = next((x for x, t in enumerate(subj) if x > 0 and (t.low in _FRONT_PREP or t.low in (
        "to", "for", "through"))), len(subj))
    # "Shipments to Egypt made up ...": a capital that only opens the sentence is no name
    many = _plural(subj) or (cut == 1 and subj[0].idx == 0 and subj[0].low.endswith("s") and
                             not subj[0].low.endswith("ss") and subj[0].text[1:].islower())
    be = ("are" if many else "is") if v[k].low == "makes" else ("were" if many else "was")
    return [*subj, _ins(be), *amount]


def _count_makes(view: list[Tok], before: list[Tok]) -> list[Tok]:
    """'..., the number of employees is 410' after a clause about "the network": machine
    translation of "the network has 410 employees" (the subject of the clause before owns the
    count; its own words, so the spans point at them). Any other view unchanged."""
    v = _trim(view)
    while v and v[-1].text in (".", "!"):
        v = v[:-1]
    i = 1 if v and v[0].low == "the" else 0
    if len(v) != i + 5 or v[i].low != "number" or v[i + 1].low != "of" or \
            v[i + 3].low not in ("is", "makes", "was", "made") or not v[i + 4].text[:1].isdigit():
        return view
    thing = v[i + 2]
    if not thing.text.isalpha() or not thing.low.endswith("s"):
        return view
    b = _trim(before)
    verb = next((x for x in range(1, min(len(b), 8)) if is_finite(b, x)), None)
    if verb is None:
        return view
    # the subject: a determiner or a name right before the verb, after any fronted time phrase
    start = next((x for x in range(verb) if b[x].low in ("the", "its") or (
        b[x].text[:1].isupper() and x > 0)), None)
    if start is None or verb - start > 4 or any(not t.text[:1].isalpha() for t in b[start:verb]):
        return view
    subj = b[start:verb]
    many = _plural(subj)
    past = v[i + 3].low in ("was", "made")
    return [*subj, _ins("had" if past else ("have" if many else "has")), v[i + 4], thing]


_UNHURT = re.compile(r"^(?:nobody|no one|none) (?:was|were|has been|had been) (?:\w+ly )?"
                     r"(?:injured|hurt|killed|harmed|wounded)$")


def _since_then(view: list[Tok], before: list[Tok]) -> list[Tok]:
    """'The bridge opened in 1978, since then it has not been repaired': "then" is the year of
    the clause before (its own words, so the span points at them)."""
    v = _trim(view)
    if len(v) < 3 or v[0].low != "since" or v[1].low != "then":
        return view
    years = [t for t in before if re.fullmatch(r"1[89]\d\d|20\d\d", t.text)]
    if len(years) != 1:
        return view  # no year, or two to choose from
    return [v[0], years[0], *v[2:]]


# Words between a figure and the things it counts ("11 million seedlings", "400 tonnes of
# apples"): the share after "of them" is a share of the things, not of the scale or the unit
_SCALE_WORDS = frozenset(_wordlist("""thousand thousands million millions billion billions
    hundred hundreds dozen dozens"""))
_MEASURE_UNITS = frozenset(_wordlist("""tonnes tons kilograms kilos litres liters hectares acres
    metres meters kilometres kilometers square cubic units pieces heads"""))


def _share_of_them(view: list[Tok], before: list[Tok]) -> list[Tok]:
    """'..., from them 70 percent are pine' after '... 11 million seedlings': "them" (a
    translated "of them") is the things the clause before counted -> '70 percent of the
    seedlings are pine'. Any other view unchanged (no count before, or two to choose from)."""
    v = _trim(view)
    if len(v) < 4 or v[0].low not in ("of", "from", "among") or v[1].low != "them" or \
            not v[2].text[:1].isdigit():
        return view
    share = 4 if len(v) > 4 and v[3].low in ("percent", "%") else 3
    if share >= len(v) or not is_finite(v, share):
        return view  # "of them 120 pupils are ...": the count names its own things
    counts = [x for x, t in enumerate(before) if t.text[:1].isdigit() and t.depth == 0]
    if len(counts) != 1:
        return view
    x = counts[0] + 1
    while x < len(before) and before[x].low in _SCALE_WORDS:
        x += 1
    if x + 2 < len(before) and before[x].low in _MEASURE_UNITS and before[x + 1].low == "of":
        x += 2  # "400 tonnes of apples": the apples
    if x >= len(before) or not before[x].text.isalpha() or not before[x].text.islower() or \
            not before[x].low.endswith("s") or before[x].low.endswith("ss"):
        return view  # "12 of them" after "in 2020": nothing counted to share out
    rest = v[share:]
    if len(rest) > 2 and rest[0].low in ("made", "make", "makes") and rest[1].low == "up" and \
            not rest[2].text[:1].isdigit():
        rest = [_ins("are"), *rest[2:]]  # "made up pine": translated "are pine", not a figure
    return [*v[2:share], _ins("of"), _ins("the"), _ins(before[x].text), *rest]


def _unhurt_when(view: list[Tok], before: list[Tok]) -> list[Tok]:
    """'A crane fell onto the road, nobody was injured': "nobody was injured" checks only with
    its event -> 'nobody was injured when a crane fell onto the road'."""
    v = _trim(view)
    while v and v[-1].text in (".", "!"):
        v = v[:-1]
    event = _trim(before)
    if not v or not event or not _UNHURT.match(" ".join(t.low for t in v)) or \
            not is_clause(event):
        return view
    if event[0].text[:1].isupper() and (event[0].low in DETS or event[0].low in _FRONT):
        event = [_ins(event[0].low), *event[1:]]  # "when a crane fell", not "when A crane"
    return [*v, _ins("when"), *event]


def _bare_relative(view: list[Tok], toks: list[Tok]) -> list[Tok]:
    """A part cut off at ", which came twice a week" (after a verbless list item or a long
    clause) still opens with "which": it is said of the noun phrase before the comma."""
    if len(view) < 3 or view[0].low not in ("which", "who") or view[0].idx < 2 or \
            toks[view[0].idx - 1].text != ",":
        return view
    if not (is_finite(view, 1) or (_ADVERB.match(view[1].low) and is_finite(view, 2))):
        return view
    k = view[0].idx - 1
    colon = next((x for x in range(k - 1, 0, -1) if toks[x].text in (":", ",", ";")), None)
    if colon is not None and toks[colon].text == ":" and k - colon > 1 and \
            not any(is_finite(toks, x) for x in range(colon + 1, k)):
        # "1953: the collapse of the footbridge, which injured 11": the item's whole phrase
        return [*toks[colon + 1 : k], *view[1:]]
    np = _np_before(toks, k, common=True)
    if np is None or (len(np) == 1 and (np[0].low in _MONTHS or np[0].low in _WEEKDAYS
                                        or np[0].text.isdigit())):
        return view
    j = np[0].idx
    if j >= 3 and toks[j - 1].low == "of" and toks[j - 3].low in DETS and \
            toks[j - 2].text[:1].isalpha() and not is_finite(toks, j - 2):
        np = toks[j - 3 : j] + np  # "the collapse of the bridge, which injured 11": the collapse
    return [*np, *view[1:]]


def decompose(sentence: str, *, split: bool = True) -> Decomposition:
    """Atomic claims of one sentence (offsets relative to the sentence) and its cited source.

    Sentences of more than MAX_TOKENS tokens are not split.
    """
    toks = tokenize(sentence)
    if len(toks) > MAX_TOKENS:
        split = False  # the rules are quadratic at worst; such "sentences" are rarely prose
    same = _same_as(toks) if split else None
    view = same or toks
    source: list[Tok] | None = None
    frame_kind = None
    statement = False
    extra: list[tuple[list[Tok], str]] = []
    about_source: list[tuple[list[Tok], str]] = []  # "..., said Dr. X, an astronomer at ..."
    tail = strip_tail(view)
    if tail:
        view, source, tail_toks = tail
        frame_kind = "tail"
        src_end = source[-1].idx
        after = [t for t in tail_toks if t.idx > src_end and t.text not in (".", "!")]
        when = _comma_after_doing(after)
        done = after[when + 2].low[:-3] + "ed" if when is not None and when + 3 < len(after) \
            else ""
        if split and done in VERBS:
            # "..., the bank said on Monday, after reporting a loss.": the source did that too
            about_source.append(([*source, _ins(done), *after[when + 3 :]], "clause"))
        elif split and after and after[0].text == "," and len(after) > 2:
            app = after[1:]  # "..., said Dr. Priya Natarajan, an astronomer at the university."
            while app and app[-1].text in ('"', "”", "’"):
                app = app[:-1]
            name = [t for t in source if t.text[:1].isupper() or t.text == "."]
            if len(app) > 2 and _is_age(app[0]) and app[1].text == ",":
                # ", said Tom Reyes, 70, who fled ...": his age, then what the rest says
                about_source.append(([*name, _ins("is"), app[0]], "appositive"))
                app = app[2:]
                if app and app[0].low in ("who", "which") and is_finite(app, 1):
                    about_source.append(([*name, *app[1:]], "relative"))
                    app = []
            if app and app[0].low in ("who", "which") and (is_finite(app, 1) or (
                    _ADVERB.match(app[1].low) and is_finite(app, 2))):
                # ", said Anil Mehra, who worked with her ... and now teaches at ...": what
                # the relative says of the source, one claim per verb phrase
                about_source.extend((v, "relative") for v, _ in split_clauses(
                    [*name, *app[1:]], sentence, 1))
            elif app and _words(app) >= 2:
                # ", said Ana Ruiz, a geologist at X, who has studied volcanoes for 20 years":
                # what she is, then what the relative says she did
                rel = next((x for x in range(2, len(app) - 2) if app[x - 1].text == "," and
                            app[x].low == "who" and app[x - 1].depth == 0 and
                            (is_finite(app, x + 1) or (_ADVERB.match(app[x + 1].low) and
                                                       is_finite(app, x + 2)))), None)
                if rel is not None and _words(app[: rel - 1]) >= 2:
                    about_source.append(([*name, _ins("is"), *app[: rel - 1]], "appositive"))
                    about_source.extend((v, "relative") for v, _ in split_clauses(
                        [*name, *app[rel + 1 :]], sentence, 1))
                else:
                    about_source.append(([*name, _ins("is"), *app], "appositive"))
    if split:
        for _ in range(3):
            mod = subject_modifier(view)
            if not mod:
                break
            for v, kind in mod[:-1]:
                extra.extend((sv, kind) for sv, _ in split_clauses(v, sentence, 1))
            view = mod[-1][0]
    frame: list[Tok] = []
    content = view
    framed = split_frame(view)
    if not framed and split:
        j = _expletive_frame(view)
        if j:  # "It should be noted that ...": what follows "that" is split, the frame kept
            frame, content = view[:j], view[j:]
    if framed:
        frame, src, content, statement = framed
        if source is None:
            source, frame_kind = src, "prefix"
        else:
            frame = []
            content = view
    halves = headline_halves(content) if split and is_headline(sentence) else None
    if halves:
        parts_views = []
        for v, kind in halves:
            parts_views.extend([(v, kind)] if kind == "verbless" else split_clauses(v, sentence, 1))
    else:
        parts_views = split_clauses(content, sentence, reported=source is not None) if split \
            else [(content, "clause")]
    if split and frame and frame_kind == "prefix" and source is not None and not halves:
        m = _source_vp(content)
        if m is not None:
            who = [_ins("The"), *source[1:]] if source[0].low == "the" else source
            parts_views = [*split_clauses(content[:m], sentence),
                           ([*who, *content[m + 1 :]], "clause")]
    if source is not None and frame_kind == "tail" and split and parts_views and (
            len(parts_views) > 1 or about_source or extra) and any(
            t.low in _FIRST_PERSON for t in content):
        # '"We have lost the farm," said Tom Reyes, 70, who ...': "we" needs its speaker in
        # the claim itself once the sentence is cut up
        said = [t for t in tail_toks if t.text[:1].isalnum() and t.idx <= source[-1].idx]
        nxt = next((t for t in tail_toks if t.idx > source[-1].idx), None)
        if nxt is not None and nxt.low in _TAIL_VERBS:
            said.append(nxt)
        # (the last part, and every part whose subject is "we" or "I": '"We have told our
        # dealers, and repairs start on May 2," said X' has no subject without X)
        parts_views = [([*v, _ins(","), *said], kind) if x == len(parts_views) - 1 or (
            _trim(v) and _trim(v)[0].low in ("we", "i")) else (v, kind)
            for x, (v, kind) in enumerate(parts_views)]
    if frame and not framed and len(parts_views) > 1:
        frame = []  # "It is reported that A, B": no one is named, the parts stand alone
    if frame and parts_views and content:
        # the frame goes with the part that opens the content (not always the first one:
        # "X said traffic at Gdansk, Poland's busiest port, fell" puts Gdansk's first)
        opening = _trim(content)[0].idx
        opens = [x for x, (v, _) in enumerate(parts_views) if v and v[0].idx == opening]
        # "X says the model, launched in May, has ...": the frame goes with what X says, not
        # with the aside about its subject
        at = next((x for x in opens if parts_views[x][1] in ("main", "clause")),
                  opens[0] if opens else None)
        if at is not None:
            v, kind = parts_views[at]
            parts_views[at] = (frame + v, kind)
    # Facts about the source ("Dr. Moreno, an epidemiologist at ..., said ...") are not
    # something the source said; with a tail ("..., the company said.") everything before the
    # tail is, but not the source's own appositive after it.
    extra_cited = frame_kind != "prefix"
    if split:
        parts_views = [(_bare_relative(v, toks), k) for v, k in parts_views]
        parts_views = [(_share_of_them(_since_then(_unhurt_when(v, parts_views[x - 1][0]),
                                                   parts_views[x - 1][0]),
                                       parts_views[x - 1][0]) if x else v, k)
                       for x, (v, k) in enumerate(parts_views)]
        plain = [(_made_up(_count_makes(_measure_makes(v), parts_views[x - 1][0]) if x else
                           _measure_makes(v)), k) for x, (v, k) in enumerate(parts_views)]
        if any(a is not b for (a, _), (b, _) in zip(plain, parts_views, strict=True)):
            parts_views, same = plain, same or toks  # rewritten: never the whole sentence
        if any(t.idx < 0 for v, _ in parts_views for t in v if t.text.isalpha()):
            same = same or toks  # a part with words of its own ("because of"): rewritten too
    all_views = [(v, k, extra_cited) for v, k in extra] + [
        (v, k, True) for v, k in parts_views] + [(v, k, False) for v, k in about_source]
    if len(all_views) == 1 and same is None:
        whole = Part(sentence, [(0, len(sentence))], False, "sentence",
                     tuple(t.idx for t in toks))
        parts = [whole]
    else:
        parts = []
        for v, kind, cited in all_views:
            p = render(v, sentence)
            p.kind = kind
            p.attributed = cited
            parts.append(p)
        parts.sort(key=lambda p: (min(p.order, default=0), p.order))  # in span order
    src_span = None
    src_text = None
    if source:
        src_span = (source[0].start, source[-1].end)
        src_text = sentence[src_span[0] : src_span[1]]
    content_start = content[0].start if content else 0
    return Decomposition(parts, src_text, src_span, frame_kind, content_start, statement)
