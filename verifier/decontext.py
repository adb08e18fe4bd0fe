"""Who is who in an article: the sources claims are attributed to, and references resolved.

Decontextualization makes a claim readable on its own. "The agency said ..." becomes "Roscosmos
said ..." when the article named Roscosmos before, "He had led the council ..." becomes "Tom
Baker had led the council ...":

    >>> from verifier.extract import extract_claims
    >>> ex = extract_claims("Tom Baker, the mayor of Kelby, resigned on Monday. "
    ...                     "He had led the council since 2015.")
    >>> ex.claims[-1].text, [(r.text, r.name) for r in ex.claims[-1].resolved]
    ('Tom Baker had led the council since 2015.', [('He', 'Tom Baker')])

Conservative by design: a reference is resolved only when exactly one earlier mention fits,
otherwise it stays as written. Words inside quotation marks are never changed.

- "he" / "she" as the subject of a verb, with no person named before it in the same sentence:
  the one person named in the nearest earlier sentence that names any (a person whose gender
  words disagree, "Mr", "spokeswoman", does not fit). That person must look like a person, not
  only like two capitalised words: a title or role, an age, "who", a gender word, or speaking;
  when two names fit, the one that looks like a person is taken if only one does.
- "it" / "they" opening a sentence (after time phrases and connectives only): the subject of
  the previous sentence when that is a named organisation, place or thing ("X and Y" for
  "they"), and the previous sentence offers nothing else "it" could be (another singular noun
  phrase) unless "it" is the subject of a speech verb ("It said ...": an actor).
- "the agency", "the company", "the start-up", "the bank", "the ministry", "the court", ...:
  the organisation of that kind the article is about when one stands out (named in the lead,
  the first three paragraphs, and in more sentences than any other, or as often but first in
  the headline): "The company employs 85 people" in a start-up's profile is the start-up, not
  the investor named just before. Two of a kind with equal billing in the lead (a merger): left
  alone. Otherwise the nearest organisation of that kind (its name or the words the article
  introduced it with: "battery maker Volta Cells"); two equally near: left alone. "The agency"
  may be a ministry or department when the article names no agency. A one-word name the
  article calls a start-up or company ("Pollenia, the Lyon start-up ...,") or follows with
  ", which" is an organisation; an authority or ministry is no company for a word like
  "Mining" in its name.
- "the festival", "the station", "the telescope": the one named thing whose name ends in that
  word ("the Harbourlight Festival"), when the lead named it or one of the last three sentences
  did, and the same sentence has not used the word for something else.
- "I" / "me" / "my" in the answers of a question-and-answer interview, and "You" opening a
  prompt: the person interviewed (see verifier.interview), "I am" made "X is".
- "the minister", "the mayor", "the judge", ...: the one person the article gave that role.
- "the spokesman", "the statement": the spokesman named, else the organisation he spoke for.
- "Its" / "Their" / "His" / "Her" opening a sentence ("Its chief executive is Anna Wrobel"):
  the owner named the same way as "it" / "they" / "he" / "she" ("Baltica Terminals' chief
  executive ..."); "its" before what only an organisation has (a chief executive, shares) also
  after a sentence with other noun phrases, never when another organisation was named there.
- A person is not the "he" of "He said Pellow would not appeal" (Pellow named after it), and a
  speaker whose quote or relative clause calls someone else "she" is taken to be a man.
- "she" / "her" after a named ship ("the tanker Mira", "a trawler, the Sea Lark,"), in the same
  sentence or the next: the ship, unless a woman was named since ("her hull", "her engines":
  the ship's even so) or a person earlier in the sentence may be meant.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from verifier.claim_features import (
    _TITLES,
    KNOWN_ORGS,
    KNOWN_PLACES,
    EntityMemory,
    entities,
    time_expressions,
)
from verifier.decompose import PRONOUNS, SPEECH, Tok, is_finite, subject_verb, tokenize
from verifier.facts import STOPWORDS
from verifier.interview import ELECTORAL, SHIP_KINDS, WE, agree, team_words
from verifier.models import Entity, Span

# ----------------------------------------------------------------------------- sources

def _wordlist(text: str) -> list[str]:
    return text.split()


_AGENCY_LIKE = {"nasa", "esa", "cnsa", "jaxa", "isro", "csa", "roscosmos", "roskosmos", "cdc",
                "fda", "epa", "nih", "who", "noaa", "faa"}
_SPOKES = re.compile(r"\b(?:spokes(?:man|woman|person)|official|representative|source|head"
                     r"|chief|director|president|minister|secretary|chairman|executive)s?\b.*?"
                     r"\b(?:for|of|at|from|with)\b\s+(?P<org>.+)$", re.IGNORECASE)
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7})\)")
_CAP_RUN = re.compile(
    r"(?:[A-Z][\w.'’&-]*(?:\s+(?:of|for|and|de|the)\s+|\s+)?)*[A-Z][\w.'’&-]*")
_LEAD_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
ORG_HEADS = {"agency", "company", "firm", "group", "organisation", "organization", "ministry",
             "department", "office", "government", "administration", "bank", "headquarters"}
_HEADS = ORG_HEADS | {"statement", "spokesman", "spokeswoman", "spokesperson", "experts",
                      "officials", "analysts", "authorities", "report", "study", "researchers",
                      "scientists", "sources", "police"}
# Sources a reader cannot look up: kept as written ("officials"), never turned into a name
UNNAMED_SOURCES = frozenset(_wordlist("""
    official officials expert experts analyst analysts source sources resident residents witness
    witnesses authorities police scientist scientists researcher researchers diplomat diplomats
    doctor doctors economist economists observer observers critic critics campaigner campaigners
    activist activists insider insiders investigator investigators prosecutor prosecutors
    rescuer rescuers lawyer lawyers engineer engineers officer officers worker workers trader
    traders people person aide aides"""))
# Where the head of "Senior government officials in Kelby" ends
_SOURCE_HEAD_END = re.compile(r"\s+(?:in|at|of|for|from|with|close|familiar|near|who|that|polled"
                              r"|involved|briefed|on|to|by)\b|,")


@dataclass
class _Actor:
    name: str
    words: frozenset[str]
    org: bool
    tags: frozenset[str] = frozenset()
    statement: bool = False


# What a title can be "of": "Minister of Transport and Infrastructure Kemal Yildiran"
_PORTFOLIO_LINKS = frozenset(_wordlist("of for and the & de"))
_PORTFOLIO_TAILS = frozenset(_wordlist("""affairs development relations security services
    resources protection cooperation planning"""))


def _without_title(name: str) -> str:
    """"Industry Minister Pavel Dvorak" -> "Pavel Dvorak"; "Northland Central Bank" unchanged;
    "Minister of Transport and Infrastructure Kemal Yildiran" -> "Kemal Yildiran" (the words of
    the portfolio are capitalised too: after "of" the name is the last two words)."""
    words = name.split()
    last_title = max((i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in _TITLES
                      or w.lower() in _TITLES), default=None)
    if last_title is None:
        return name
    rest = words[last_title + 1 :]
    if rest and rest[0].lower() in ("of", "for"):
        links = [i for i, w in enumerate(rest) if w.lower() in _PORTFOLIO_LINKS]
        after = rest[links[-1] + 2 :]  # the portfolio word after the last link is no name
        while len(after) > 1 and after[0].lower() in _PORTFOLIO_TAILS:
            after = after[1:]  # "for Foreign Affairs"
        rest = after if after else rest[-1:]
        if len(rest) > 2:
            rest = rest[-2:]
    return " ".join(rest)


def _tags(name: str, org: bool) -> frozenset[str]:
    low = name.lower()
    tags = set()
    if not org:
        return frozenset()
    if re.search(r"agency|administration", low) or low in _AGENCY_LIKE:
        tags.add("agency")
    if re.search(r"\bbank\b", low):
        tags.add("bank")
    if re.search(r"ministry|department", low):
        tags.update({"ministry", "department"})
    if not tags:
        tags.update({"company", "firm", "group", "organisation", "organization", "maker"})
    return frozenset(tags)


def unnamed_source(source: str) -> bool:
    """"Officials", "a source close to the talks", "experts": no one a reader can look up."""
    source = source.strip()
    m = _SOURCE_HEAD_END.search(source)
    head, rest = (source[: m.start()], source[m.start() :]) if m else (source, "")
    words = head.split()
    if not words or words[-1].lower() not in UNNAMED_SOURCES:
        return False
    # "officials at the Ministry of Health" name the ministry; "officials in Kelby" do not
    named_org = re.match(r"\s+(?:at|of|for|from|with)\s+(?:the\s+)?[A-Z]", rest)
    first = words[0]
    named_first = (first.isupper() and len(first) > 1) or first.lower() in KNOWN_ORGS
    return not named_org and not named_first and not any(w[:1].isupper() for w in words[1:])


# ----------------------------------------------------------------------------- references

# Roles "the <role>" can refer back to (the one person the article gave that role) ...
_PERSON_ROLES = ("minister", "mayor", "judge", "governor", "president", "prosecutor",
                 "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
                 "director", "secretary", "senator", "ambassador", "commissioner", "chancellor",
                 "premier", "ceo", "coach", "manager", "founder", "professor", "captain",
                 "sheriff", "chief executive", "administrator", "councillor", "councilor",
                 "treasurer")
# ... and nouns that only say "this is a person" ("Dr. Lena Ortiz, an epidemiologist at ...")
_ROLE_NOUNS = (*_PERSON_ROLES, "inspector", "leader", "economist", "analyst", "researcher",
               "scientist", "epidemiologist", "lawyer", "attorney", "editor", "astronaut",
               "cosmonaut", "owner", "general", "colonel", "chief", "head", "doctor", "officer",
               "resident", "teacher", "engineer", "chemist", "physicist", "biologist",
               "physician", "surgeon", "nurse", "architect", "writer", "author", "barrister",
               "solicitor", "pilot", "farmer")
_ROLE_RE = "|".join(sorted(_ROLE_NOUNS, key=len, reverse=True))
_ROLE_WORD = re.compile(rf"\b(?:{_ROLE_RE})\b", re.IGNORECASE)
_ROLE_BEFORE = re.compile(rf"(?:^|[^\w'’])(?P<mod>[a-z][a-z-]+\s+)?(?P<role>{_ROLE_RE})\s+$")
_APPOSITIVE_AFTER = re.compile(r"^\s*,\s+(?:the|a|an|its|his|her|their|[A-Z][\w.'’-]*['’]s)\s+"
                               r"(?P<np>[^,;.]{1,80})")
_PERSON_EVIDENCE_AFTER = re.compile(
    r"^(?:\s*,\s*(?:\d{1,3}\s*,|who\b)|\s+(?:said|says|told|added|adds|wrote|warned|argued"
    r"|insisted|explained|stated|announced|declared|admitted|denied"
    # what only people do: "Ruth Amsel died on Thursday"
    r"|died|dies|was born|married|retired|resigned)\b)")
# "Pellow's barrister, Nicholas Drury,", "Its chief executive, Anna Wrobel,": a named holder of
# a role (lower-case words after a possessive)
_HOLDER_BEFORE = re.compile(r"(?:^|\s)(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[A-Z][\w-]*['’]s)"
                            r"(?:\s+[a-z][a-z-]+){1,3},\s+$")
_SPEAKS_NEAR = re.compile(r"\b(?:said|says|told|added|wrote)\b")
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|told|added|wrote|according to)\s+(?:[a-z]+\s+){0,3}$")
_MALE = frozenset(_wordlist("""
    mr mr. sir lord king prince spokesman chairman businessman congressman father brother son
    husband"""))
_FEMALE = frozenset(_wordlist("""
    mrs mrs. ms ms. miss lady dame queen princess spokeswoman chairwoman businesswoman
    congresswoman mother sister daughter wife"""))
_PERSON_NOUNS = frozenset(
    [*(r for r in _ROLE_NOUNS if " " not in r),
     *_wordlist("man woman boy girl father mother son daughter husband wife brother sister")])
_COMPANY_HEADS = frozenset(_wordlist("""
    company firm maker manufacturer carmaker automaker carrier airline lender insurer retailer
    operator producer supplier developer startup start-up utility miner conglomerate chain
    brand"""))
_ORG_DESCRIPTION_HEADS = _COMPANY_HEADS | {
    "agency", "bank", "ministry", "department", "court", "council", "commission", "committee",
    "union", "university", "institute", "hospital", "regulator", "authority", "board",
    "watchdog", "party", "charity", "foundation", "parliament", "observatory"}
_CORPORATE = re.compile(r"\b(?:inc|corp|corporation|ltd|plc|ag|gmbh|llc|sa|nv|co|group|holdings"
                        r"|motors|airlines|airways|cells|technologies|systems|industries|energy"
                        r"|pharmaceuticals|pharma|logistics|foods|robotics|aerospace|automotive"
                        r"|electronics|petroleum|chemicals|mining|steel|telecom|ventures"
                        r"|studios|labs|partners|brands|resources|capital|construction|engineering"
                        r"|shipping|solutions|software|coal|oil|gas|power|rail|air)\b\.?",
                        re.IGNORECASE)
_INSTITUTION = re.compile(r"\b(?:agency|administration|ministry|department|bank|court|council"
                          r"|commission|committee|parliament|government|union|university"
                          r"|institute|police|party|service|authority|bureau|board|school"
                          r"|hospital|army|navy|force|federation|association|foundation"
                          r"|society|fund|reserve|assembly|cabinet|senate|congress|office"
                          r"|tribunal|observatory)\b", re.IGNORECASE)
_KNOWN_COMPANIES = frozenset({"spacex", "boeing", "airbus", "google", "apple", "microsoft",
                              "amazon", "tesla"})
# Words before a name that make it a company: "Telecoms group Orbitel", "carmaker Harlow"
_COMPANY_CUES = _COMPANY_HEADS | {"group", "giant", "business", "start-up", "chipmaker",
                                  "drugmaker", "automaker", "multinational", "contractor",
                                  "builder", "exporter", "importer", "distributor"}
_TAKES_THE = re.compile(r"\b(?:Bank|Agency|Administration|Ministry|Department|Center|Centre"
                        r"|Office|Commission|Council|Court|Union|University|Institute|Service"
                        r"|Government|Parliament|Police|Telescope|Station|Observatory|Committee"
                        r"|Board|Authority|Bureau|Foundation|Fund|Party|Agreement|Accords"
                        r"|Treaty|Reservoir|River)\b")
# Modifiers that keep "the <mod> agency" a reference to the one agency of the story
_NEUTRAL_MODS = frozenset(_wordlist("""
    space state state-run state-owned national federal central local regional city town county
    tech technology battery car oil energy mining drug steel software chemicals insurance
    shipping media airline retail health finance"""))
_DESCRIPTION = re.compile(
    r"\b(?P<det>[Tt]he)\s+(?:(?P<mod>[a-z][a-z-]+)\s+)??(?P<head>"
    + "|".join(sorted(_ORG_DESCRIPTION_HEADS | set(_PERSON_ROLES) | {"statement"},
                      key=len, reverse=True))
    + r")\b")
# "the agency Roscosmos", "the ministry of finance", "the head of ...": not a reference back
_NAME_FOLLOWS = re.compile(r"^(?:['’]s\s+[A-Z]|\s+of\b|\s+(?:for|in|on)\s+(?:the\s+)?[A-Z]"
                           r"|\s+[A-Z]|\s*\()")
# "The festival is run by ...": a named thing of the article by the last word of its name,
# when the lead named it or a recent sentence did
_THING = re.compile(r"\b[Tt]he\s+(?P<head>[a-z]{3,})\b")
# "the icebreaker Nordlys", "a trawler, the Sea Lark,": a named ship, which English calls "she"
# (the ship words of verifier.interview, and "tugboat" besides)
_VESSEL = re.compile(
    rf"\b(?:{'|'.join(sorted(SHIP_KINDS | {'tugboat'}))})(?:,\s*the)?\s+"
    r"(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})")
# what only a ship has: "her hull" is the ship's even where a woman was named before
_SHIP_PARTS = frozenset(_wordlist("""hull engines engine crew captain deck decks bow stern
    propeller propellers cargo keel mast masts anchor rudder"""))
_THING_REACH = 3
# Nouns "the X" uses for things in general as often as for the named one
_GENERIC_THINGS = frozenset(_wordlist("""law act bill plan project program programme policy
    strategy report study agreement deal treaty rule rules system"""))
# "the road bridge over the Samva river", "the new school in Brelk": a thing the lead names
# by where it is; later "the bridge" is that one
_PLACED_THING = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z]+\s+)?(?P<head>[a-z]{4,})\s+(?P<where>(?:over|across|on"
    r"|under|near|in|at)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b)[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*(?:\s+(?:river|lake|bay|canal|street|square"
    r"|valley|district|region|mountains|pass|road|highway|motorway|railway|island|park))?)")
# What translated text calls such a thing once it is named: "the structure", "the object"
_THING_HYPERNYMS = frozenset(_wordlist("structure object facility"))
# "told the court", "informed the company": who was spoken to, not worth a rewrite
_ADDRESSEE = re.compile(r"\b(?:told|tells|telling|informed|informs|addressed|addresses)\s+$")
# "It is expected that ...", "It took four hours to ...": "it" stands for nothing
_EXPLETIVE = re.compile(r"it\s+(?:(?:is|was|has been|had been|will be|would be|remains|remained"
                        r"|seems|seemed|appears|appeared|became|becomes)\s+(?:[\w-]+\s+){0,2}"
                        r"(?:that|to|whether|if|how|when|why|who|what)\b|(?:takes|took|will take"
                        r"|would take)\b)", re.IGNORECASE)
_BARE = frozenset(_wordlist("""
    and but so yet however meanwhile also still then now later earlier separately instead
    additionally moreover furthermore in on at by during since until of the early late mid
    morning afternoon evening night day overnight"""))
_ADVERB = re.compile(r"^(?:[a-z]+ly|also|still|now|then|later|already|again|never|not|just"
                     r"|even|once|recently|previously)$")
_PREPOSITIONS = frozenset(_wordlist("in at on of for from with by to into near"))
_TIME_NOUNS = frozenset(_wordlist("""year years month months week weeks day days quarter time
    decade decades hour hours morning evening night weekend"""))
_NP_DET = frozenset(_wordlist("a an the this that its their his her another"))
_POSSESSIVES = frozenset(_wordlist("its their his her"))
# words after "her" that make it an object, not an owner: "towed her to port", "reached her
# after nine hours"
_NOT_OWNED = frozenset(_wordlist("""to after before in into on at from and or but with for by
    off out up down back free again until when as"""))
# "She became a judge in 1990": the role says what the subject is, no one new
_PREDICATE_BEFORE = re.compile(r"\b(?:became|become|becomes|was|is|were|are|as|named|appointed"
                               r"|elected|worked as|served as)\s+(?:(?:a|an|the)\s+)?"
                               r"(?:[a-z-]+\s+)?$")
_PRONOUN_WORDS = frozenset(_wordlist("he she him her his hers it its they them their"))
# What only an organisation has: "its chief executive" is the company's even when the sentence
# before named other things too
_OWNED_BY_ORG = frozenset(_wordlist("""chief executive director head president chairman
    chairwoman founder owner spokesman spokeswoman spokesperson board shares shareholders
    profit profits revenue revenues sales headquarters employees staff workforce"""))


@dataclass(frozen=True)
class Referent:
    kind: str  # "person", "thing" (organisation, place, mission, other) or "group"
    key: str
    name: str


@dataclass(frozen=True)
class Reference:
    """Words of a sentence (offsets relative to it) that stand for `referent`."""

    start: int
    end: int
    text: str
    referent: Referent
    name: str  # what replaces the words in a claim
    subject: bool  # the sentence is about it ("It said ...", "The agency is ...")
    actor: str | None = None  # who speaks when the words are a source: "the X spokesman" -> X
    actor_org: bool = True
    possessive: bool = False  # "Its" in "Its chief executive ...": the owner, not the subject
    again: str | None = None  # what to write when the claim already names the referent


@dataclass
class _Person:
    name: str
    roles: set[str] = field(default_factory=set)
    gender: str | None = None
    evidence: bool = False


@dataclass
class _Org:
    name: str
    kinds: set[str] = field(default_factory=set)
    the: bool = False  # written "the X" in the article
    last: int = -1
    first: int = -1  # sentence of the first mention
    block: int = -1  # paragraph of the first mention (0: the headline)
    mentions: int = 0  # sentences that named it or referred to it


@dataclass
class SentenceReading:
    """What one sentence mentions: its entities, references and subject."""

    sentence: str
    entities: list[Entity]
    references: list[Reference]
    subject: Referent | None
    rivals: bool  # offers a singular noun phrase other than its subject ("it" could be that)
    plural_rivals: bool
    unnamed_person: bool  # "a spokeswoman" with no name: "she" may be her


@dataclass
class _Seen:
    index: int
    persons: list[str]  # keys of the people it names
    subject: Referent | None
    rivals: bool
    plural_rivals: bool
    unnamed_person: bool
    opaque: bool = False  # a dropped sentence that may have named someone
    orgs: frozenset[str] = frozenset()  # organisations it names


@dataclass
class ArticleContext:
    """What the article has introduced so far: sources, organisations, people."""

    date: dt.date | None
    memory: EntityMemory = field(default_factory=EntityMemory)
    actors: list[_Actor] = field(default_factory=list)
    persons: dict[str, _Person] = field(default_factory=dict)
    orgs: dict[str, _Org] = field(default_factory=dict)
    history: list[_Seen] = field(default_factory=list)
    # "festival" -> {"Harbourlight Festival": (first block, last sentence it was named in)}
    things: dict[str, dict[str, tuple[int, int]]] = field(default_factory=dict)
    placed: set[str] = field(default_factory=set)  # things named by where they are
    index: int = 0  # number of the sentence being read
    block: int = 0  # paragraph (block) of the sentence being read, counted from the first
    speaker: str | None = None  # who "I" is: the interviewee in an interview's answers
    addressee: str | None = None  # who "you" is: the interviewee in an interview's prompts
    speaker_body: str | None = None  # what the speaker heads ("mayor of X"): who "we" is
    # named ships: name -> the last sentence that named it (see _vessel)
    vessels: dict[str, int] = field(default_factory=dict)

    # ------------------------------------------------------------------ sources

    def remember_entities(self, ents: Iterable[Entity]) -> None:
        for e in ents:
            if e.type in ("organisation", "person"):
                tags = _tags(e.text, e.type == "organisation")
                self.actors.append(_Actor(e.text, frozenset(re.findall(r"\w+", e.text.lower())),
                                          e.type == "organisation", tags))

    def find(self, head: str, *, org_fallback: bool) -> _Actor | None:
        head = head.lower()
        for actor in reversed(self.actors):
            if head in actor.words or head in actor.tags:
                return actor
            if head == "statement" and actor.statement:
                return actor
        if org_fallback:
            for actor in reversed(self.actors):
                if actor.org:
                    return actor
        return None

    def named_source(self, ref: Reference, words: str, statement: bool) -> str:
        """The source is a resolved reference ("It said", "The ministry said"): its name."""
        name = ref.actor or _bare_name(ref.referent.name)
        org = ref.actor_org if ref.actor else ref.referent.kind != "person"
        low = frozenset(re.findall(r"\w+", f"{words} {name}".lower()))
        self.actors.append(_Actor(name, low, org, _tags(name, org) | low, statement))
        return name

    def resolve_source(self, source: str, statement: bool) -> str:
        src = _LEAD_DET.sub("", source.strip())
        acro = _ACRONYM.search(src)
        name: str | None = None
        org = True
        m = _SPOKES.search(src)
        if unnamed_source(source) and not acro:
            written = source.strip()
            if written.split()[0].lower() == "the":
                written = written[4:]
            name, org = written[0].lower() + written[1:], False  # "Officials" -> "officials"
        elif acro:
            name = acro.group(1)
        elif m:
            org_part = _LEAD_DET.sub("", m.group("org").strip())
            caps = _CAP_RUN.findall(org_part)
            name = caps[-1].strip() if caps else org_part
            if not caps:
                found = self.find(org_part.split()[-1], org_fallback=False)
                name = found.name if found else org_part
        else:
            caps = [c.strip() for c in _CAP_RUN.findall(src)]
            caps = [c for c in caps if c.lower() not in STOPWORDS and c.lower() not in _HEADS]
            first = src.split()[0]
            if caps and caps[0] == first and len(src.split()) > 1 and first.lower() not in (
                    self.memory.known | KNOWN_PLACES | KNOWN_ORGS):
                caps = caps[1:]  # "People familiar with the preparations": not a name
            if caps:
                name = _without_title(caps[-1])
                low = name.lower()
                # "Harlow" is Anne Harlow, the person, not "Harlow Metro": a surname is the
                # last word of a person's name
                full = next((a.name for a in reversed(self.actors)
                             if not a.org and a.name.lower() != low
                             and _without_title(a.name).lower().split()[-1:] == [low]
                             and not _CORPORATE.search(a.name)
                             and not _INSTITUTION.search(a.name)), None)
                if full:
                    name, org = _without_title(full), False
                elif low in self.memory.persons or any(
                        e.type == "person" for e in entities(src, memory=self.memory)):
                    org = False
            else:
                head = src.split()[-1].lower() if src.split() else ""
                # "the agency" refers back; "the national statistics office" introduces one
                bare = len(src.split()) == 1 or src.lower().startswith(("same ", "two ", "both "))
                found = self.find(head, org_fallback=head in ORG_HEADS and bare) if bare or \
                    head in ("spokesman", "spokeswoman", "spokesperson", "statement") else None
                if found:
                    name, org = found.name, found.org
                else:
                    name, org = src, head in ORG_HEADS
        words = frozenset(re.findall(r"\w+", source.lower()))
        self.actors.append(_Actor(name, words | frozenset(re.findall(r"\w+", name.lower())),
                                  org, _tags(name, org) | words, statement))
        return name

    # ------------------------------------------------------------------ references

    def read(self, sentence: str) -> SentenceReading:
        """The references of one sentence resolved against what came before it."""
        toks = tokenize(sentence)
        ents = [self._as_org(sentence, e)
                for e in _with_org_heads(sentence, entities(sentence, memory=self.memory))]
        first = _FIRST_WORD.match(sentence)
        if first and not any(e.span.start <= first.start(1) < e.span.end for e in ents):
            # "Brambleway, the Bristol start-up ..., raises £6 million": entities() leaves a
            # lone capitalised first word alone (it may be any word); its appositive says what
            # it is
            e = self._as_org(sentence, Entity(text=first.group(1), span=Span(
                start=first.start(1), end=first.end(1)), type="other"), appositive_only=True)
            if e.type == "organisation":
                ents.insert(0, e)
                self.memory.orgs.add(e.text.lower())
        times = [(t.span.start, t.span.end) for t in time_expressions(sentence)]
        refs: list[Reference] = []
        for i, t in enumerate(toks):
            ship = self._vessel(sentence, toks, i) if t.depth == 0 and t.low in (
                "she", "her") else None
            if ship:
                refs.append(ship)
            elif t.depth == 0 and t.low in ("he", "she", "it", "they") and \
                    _verb_follows(toks, i):
                ref = self._pronoun(sentence, toks, i, ents, times)
                if ref:
                    refs.append(ref)
            elif t.depth == 0 and t.low in _POSSESSIVES and i + 1 < len(toks) and \
                    toks[i + 1].text[:1].islower() and toks[i + 1].text[:1].isalpha() and \
                    _bare_prefix(toks, i, times):
                ref = self._possessive(toks, i)
                if ref:
                    refs.append(ref)
        depth = {t.start: t.depth for t in toks}
        for m in _DESCRIPTION.finditer(sentence):
            if depth.get(m.start(), 1) > 0 or _NAME_FOLLOWS.match(sentence[m.end():]) or \
                    _ADDRESSEE.search(sentence[: m.start()]):
                continue
            ref = self._description(m, sentence, toks, ents, times)
            if ref:
                refs.append(ref)
        refs += self._interviewee(sentence, depth)
        for m in _THING.finditer(sentence):
            head = m.group("head")
            names = self.things.get(head, {})
            if not names and head in _THING_HYPERNYMS and len(self.placed) == 1:
                # "the structure" after "the bridge over the Samva river": the one such thing
                name = next(iter(self.placed))
                names = {n: v for d in self.things.values() for n, v in d.items() if n == name}
            if len(names) == 1 and sentence[m.start() :].lower().startswith(
                    f"the {next(iter(names))}".lower()):
                continue  # "the bridge over the Samva river" again, as the article named it
            if len(names) != 1 or depth.get(m.start(), 1) > 0 or \
                    _NAME_FOLLOWS.match(sentence[m.end() :]) or \
                    any(r.start <= m.start() < r.end for r in refs) or \
                    re.search(rf"\b{head}\b", sentence[: m.start()]):
                continue  # "the research station project ... the project": that one
            name, (block, last) = next(iter(names.items()))
            if block >= _LEAD_BLOCKS and self.index - last > _THING_REACH:
                continue  # neither what the article is about nor just named
            i = next((k for k, t in enumerate(toks) if t.start == m.start()), None)
            shown = f"the {name}"
            refs.append(Reference(m.start(), m.end(), m.group(),
                                  Referent("thing", name.lower(), shown), shown,
                                  i is not None and _bare_prefix(toks, i, times)))
        refs.sort(key=lambda r: r.start)
        subject, rivals, plural = _subject_of(sentence, toks, ents, refs, self)
        people = [e for e in ents if e.type == "person"]
        unnamed = any(t.low in _PERSON_NOUNS and not any(
            -40 <= e.span.start - t.end <= 40 or -40 <= t.start - e.span.end <= 40
            for e in people) and not any(r.start <= t.start < r.end for r in refs)
            and not _PREDICATE_BEFORE.search(sentence[: t.start])
            for t in toks)
        return SentenceReading(sentence, ents, refs, subject, rivals, plural, unnamed)

    def remember(self, reading: SentenceReading) -> None:
        """Record a kept sentence: its people, organisations and subject."""
        persons: list[str] = []
        sentence = reading.sentence
        for e in reading.entities:
            low = e.text.lower().removesuffix("'s").removesuffix("’s")
            if e.type == "person":
                key = self._add_person(sentence, e)
                if key:
                    persons.append(key)
            elif e.type == "organisation":
                self._add_org(sentence, e)
            elif low in self.persons:
                persons.append(low)  # "Vogt" is Jan Vogt
            elif e.type == "other" and low not in KNOWN_PLACES:
                for org in self.orgs.values():  # "Harlow" is Harlow Motors
                    if org.name.lower().startswith(low + " "):
                        org.last = self.index
        for e in reading.entities:
            words = e.text.split()
            head = words[-1].lower() if words else ""
            if e.type != "person" and len(words) >= 2 and all(w[:1].isupper() for w in words) \
                    and head.isalpha() and head not in _ORG_DESCRIPTION_HEADS and \
                    head not in STOPWORDS and head not in _GENERIC_THINGS and \
                    not e.text.isupper():
                # "the festival" may mean it
                named = self.things.setdefault(head, {})
                text = e.text
                # "FACTBOX-Harbourlight Festival" and "Harbourlight Festival": one thing
                same = next((n for n in named if n.endswith(text) or text.endswith(n)), text)
                block = named.pop(same, (self.block, 0))[0]
                named[min(same, text, key=len)] = (block, self.index)
        for m in _VESSEL.finditer(sentence):
            self.vessels[m.group("name")] = self.index
        for name in self.vessels:
            if re.search(rf"\b{re.escape(name)}\b", sentence):
                self.vessels[name] = self.index
        for r in reading.references:
            if r.referent.kind == "ship":
                self.vessels[r.referent.key] = self.index
        for m in _PLACED_THING.finditer(sentence) if self.block < _LEAD_BLOCKS else ():
            head = m.group("head")
            if head in STOPWORDS or head in _GENERIC_THINGS or head in _ORG_DESCRIPTION_HEADS or \
                    head in _THING_HYPERNYMS or head.endswith(("ing", "ed", "ly")) or \
                    head in self.things:
                continue
            name = " ".join([head, *m.group("where").split()])
            self.things[head] = {name: (self.block, self.index)}
            self.placed.add(name)
        for r in reading.references:
            if r.referent.kind == "person":
                persons.append(r.referent.key)
                person = self.persons.get(r.referent.key)
                low = r.text.lower()
                if person and person.gender is None and low in ("he", "she"):
                    person.gender = "m" if low == "he" else "f"
            elif r.referent.kind == "thing" and r.referent.key in self.orgs:
                org = self.orgs[r.referent.key]
                if org.last != self.index:
                    org.mentions += 1
                org.last = self.index
        orgs = frozenset(e.text.lower() for e in reading.entities if e.type == "organisation")
        self.history.append(_Seen(self.index, persons, reading.subject, reading.rivals,
                                  reading.plural_rivals, reading.unnamed_person, orgs=orgs))

    def skip(self, sentence: str) -> None:
        """A sentence that gave no claim: "she" must not reach past one that may name her."""
        words = re.findall(r"[\w'’]+", sentence)
        # a pronoun alone names no one new: '"Nobody wins," she told reporters.' keeps "she"
        # of the next sentence pointing at the same person
        opaque = any(w[:1].isupper() for w in words[1:] if w.lower() not in _PRONOUN_WORDS) \
            or any(w.lower() in _PERSON_NOUNS for w in words)
        self.history.append(_Seen(self.index, [], None, True, True, opaque, opaque))

    def _add_person(self, sentence: str, e: Entity) -> str | None:
        full = _without_title(e.text)
        words = full.split()
        if not words or words[-1].lower().rstrip(".") in _TITLES:
            return None  # "Economy Minister" without a name
        key = words[-1].lower().removesuffix("'s").removesuffix("’s")
        person = self.persons.get(key)
        if person is None:
            person = self.persons[key] = _Person(full)
        elif len(words) > len(person.name.split()):
            person.name = full
        title = e.text[: len(e.text) - len(full)].strip().lower()
        before = sentence[: e.span.start]
        after = sentence[e.span.end :]
        roles = set()
        if title:
            roles.add(title.rstrip("."))
            roles.update(w.rstrip(".") for w in title.split())
        m = _ROLE_BEFORE.search(before)
        if m:
            roles.add(m.group("role").lower())
            if m.group("mod"):
                roles.add(f"{m.group('mod').strip()} {m.group('role')}".lower())
        m = _APPOSITIVE_AFTER.match(after)
        if m:
            np = m.group("np")
            for r in _ROLE_WORD.finditer(np):
                roles.add(r.group().lower())
                prev = re.search(r"([a-z][a-z-]+)\s+$", np[: r.start()])
                if prev:
                    roles.add(f"{prev.group(1)} {r.group().lower()}")
        person.roles |= roles
        cues = {w.lower() for w in re.findall(r"[\w.]+", title)} | roles
        if cues & _MALE:
            person.gender = "m"
        elif cues & _FEMALE:
            person.gender = "f"
        elif person.gender is None:
            other = _other_gender(sentence, e)
            if other:
                person.gender = other
        if roles or person.gender or _PERSON_EVIDENCE_AFTER.match(after) or \
                _SPEAKS_BEFORE.search(before) or _HOLDER_BEFORE.search(before):
            person.evidence = True
        return key

    def _interviewee(self, sentence: str, depth: dict[int, int]) -> list[Reference]:
        """"I was born in Braga" in an interview's answer: I is the interviewee (see
        verifier.interview); "You grew up ..." in a prompt: so is "you"."""
        name = self.speaker or self.addressee
        if name is None:
            return []
        words = r"I|[Mm]e|[Mm]y|[Mm]yself" if self.speaker else r"You|you|Your|your"
        key = _without_title(name).split()[-1].lower()
        person = self.persons.get(key)
        gender = person.gender if person else None
        refs = []
        for m in re.finditer(rf"\b(?:{words})\b", sentence):
            if depth.get(m.start(), 0) > 0 or (self.addressee and m.start() > 0 and not (
                    m.group().lower() == "your" and _YOU_OPENS.match(sentence))):
                continue  # quoted words are someone else's; "you" only opening a prompt (and
                # "your" in a prompt that opens so: "You still run for your first club.")
            w = m.group().lower()
            owner = w in ("my", "your")
            shown = name + ("'" if name.endswith("s") else "'s") if owner else name
            again = shown  # "until Ines Carvalho was 17" when no "she" is known
            if gender:
                again = {"i": "he", "me": "him", "my": "his", "myself": "himself", "you": "he",
                         "your": "his"}[w] if gender == "m" else \
                    {"i": "she", "me": "her", "my": "her", "myself": "herself", "you": "she",
                     "your": "her"}[w]
            refs.append(Reference(m.start(), m.end(), m.group(), Referent("person", key, name),
                                  shown, w in ("i", "you"), possessive=owner, again=again))
        if self.speaker:
            # "we", "us", "our team" in an answer: the interviewee's team, or the town or firm
            # they head (their list or party when it is about an election)
            body = None if ELECTORAL.search(sentence) else self.speaker_body
            for m in re.finditer(rf"\b(?:{WE})\b", sentence):
                if depth.get(m.start(), 0) > 0:
                    continue
                shown = team_words(name, m, body)
                refs.append(Reference(m.start(), m.end(), m.group(),
                                      Referent("group", key + " team", shown), shown,
                                      m.group().lower() == "we", again=shown))
            refs.sort(key=lambda r: r.start)
        return refs

    def _as_org(self, sentence: str, e: Entity, appositive_only: bool = False) -> Entity:
        """"Pollenia, a Lyon start-up, ...": a one-word name the article calls a company (or
        already knows as an organisation) is one, so "the company" can mean it."""
        low = e.text.lower()
        if e.type == "person" and re.match(r",\s+which\s", sentence[e.span.end :]) and \
                low.split()[-1] not in self.persons:
            # "according to Silvana Coal, which owns the mine": "which" is said of a thing
            return e.model_copy(update={"type": "organisation"})
        known = self.persons.get(low.split()[-1])
        if e.type == "person" and (known is None or (known.name == e.text and not known.gender
                                                     and not known.roles)) and \
                _company_subject(sentence, e):
            # a headline may have read the name as a person's: nothing said so since
            self.persons.pop(low.split()[-1], None)
            return e.model_copy(update={"type": "organisation"})
        if e.type != "other" or low in KNOWN_PLACES or low in STOPWORDS:
            return e
        if low in self.orgs and not appositive_only:
            return e.model_copy(update={"type": "organisation"})
        cue = None if appositive_only else re.search(r"([a-z][a-z-]+)\s+$",
                                                     sentence[: e.span.start])
        m = _APPOSITIVE_AFTER.match(sentence[e.span.end :])
        # a closed appositive ("Pollenia, the Lyon start-up building robot bees, raises ..."),
        # not "... to Malaga, the airline said."
        closed = m and sentence[e.span.end + m.end() : e.span.end + m.end() + 1] == "," and \
            not _SPEAKS_NEAR.search(m.group("np"))
        if (cue and cue.group(1) in _COMPANY_CUES) or (
                closed and set(re.findall(r"[a-z][a-z-]+", m.group("np"))) & _COMPANY_CUES):
            return e.model_copy(update={"type": "organisation"})
        return e

    def _add_org(self, sentence: str, e: Entity) -> None:
        seen = _org_info(sentence, e, self.index)
        org = self.orgs.setdefault(seen.name.lower(), seen)
        org.kinds |= seen.kinds
        org.the = org.the or seen.the
        if org is seen or org.last != self.index:
            org.mentions += 1  # once per sentence
        if org.first < 0:
            org.first = self.index
            org.block = self.block
        org.last = self.index

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, sentence: str, toks: list[Tok], i: int, ents: list[Entity],
                 times: list[tuple[int, int]]) -> Reference | None:
        t = toks[i]
        low = t.low
        bare = _bare_prefix(toks, i, times)
        if low in ("he", "she"):
            gender = "m" if low == "he" else "f"
            if any(e.type == "person" and e.span.end <= t.start for e in ents) or any(
                    u.low in PRONOUNS - {"it", "there", "this", "we", "i", "you", "they"}
                    or u.low in _PERSON_NOUNS for u in toks[:i]):
                return None  # a person earlier in the sentence: he is most likely that one
            # "He said Pellow would not appeal": he is not Pellow; but "After he arrived,
            # Pellow said ..." may well be, so a later name there leaves "he" alone
            later = {k for k in {u.low.removesuffix("'s").removesuffix("’s")
                                 for u in toks[i + 1 :] if u.text[:1].isupper()}
                     if k in self.persons and self.persons[k].evidence}
            if later and not bare:
                return None
            person = self._person_before(gender, later)
            if person is None:
                return None
            key, p = person
            return Reference(t.start, t.end, t.text, Referent("person", key, p.name), p.name,
                             bare)
        if not bare or not self.history or _EXPLETIVE.match(sentence, t.start):
            return None
        prev = self.history[-1]
        if self.index - prev.index > 1 or prev.subject is None:
            return None
        speech = _next_verb(toks, i) in SPEECH
        if low == "it":
            if prev.subject.kind != "thing" or (prev.rivals and not speech):
                return None
        elif prev.subject.kind != "group" or (prev.plural_rivals and not speech):
            return None
        name = prev.subject.name
        return Reference(t.start, t.end, t.text, prev.subject, name, True)

    def _vessel(self, sentence: str, toks: list[Tok], i: int) -> Reference | None:
        """"She" / "her" for the ship named in this sentence or the one before ("A trawler, the
        Sea Lark, sank; her crew was rescued"), when no woman was named since (or when "her"
        owns what only a ship has: "her hull"). The ship's own name in this sentence, before
        the pronoun, says it anyway."""
        before = sentence[: toks[i].start]
        named = [m.group("name") for m in _VESSEL.finditer(before)]
        named = named or sorted((n for n in self.vessels if re.search(
            rf"\b{re.escape(n)}\b", before)), key=before.rfind)
        recent = [n for n, k in self.vessels.items() if self.index - k <= 1]
        nxt = toks[i + 1].low if i + 1 < len(toks) else ""
        if named:
            # "A trawler, the Sea Lark, sank and her crew ...": the ship this sentence names
            # (a woman named between them takes "her" back)
            if any(e.type == "person" and before.find(named[-1]) < e.span.start < toks[i].start
                   for e in entities(before)):
                return None
            name = named[-1]
        elif len(recent) != 1 or not (nxt in _SHIP_PARTS or not self._woman_since(recent[0])) \
                or any(e.type == "person" for e in entities(before)):
            return None  # "Captain Ruth Amsel said her crew ...": hers
        else:
            name = recent[0]
        possessive = toks[i].low == "her" and i + 1 < len(toks) and \
            toks[i + 1].text[:1].isalpha() and toks[i + 1].text[:1].islower() and \
            nxt not in _NOT_OWNED
        shown = f"the {name}"
        if possessive:
            shown += "'" if name.endswith("s") else "'s"
        subject = toks[i].low == "she" or (possessive and _bare_prefix(toks, i, []))
        return Reference(toks[i].start, toks[i].end, toks[i].text,
                         Referent("ship", name, shown), shown, subject, possessive=possessive)

    def _woman_since(self, ship: str) -> bool:
        """Was a woman (or someone whose gender is unknown) named since the ship was?"""
        since = self.vessels[ship]
        ships = {w.lower() for n in self.vessels for w in n.split()}
        return any(seen.index >= since and any(
            self.persons.get(k) is not None and self.persons[k].gender != "m" and
            k not in ships for k in seen.persons) for seen in self.history)

    def _possessive(self, toks: list[Tok], i: int) -> Reference | None:
        """"Its chief executive, Anna Wrobel, ...", "Her husband died in 2011": the owner, named
        only when one fits (see the module docstring)."""
        t = toks[i]
        low = t.low
        owner: Referent | None = None
        if low in ("his", "her"):
            found = self._person_before("m" if low == "his" else "f")
            if found:
                key, p = found
                owner = Referent("person", key, p.name)
        elif self.history and self.index - self.history[-1].index <= 1:
            prev = self.history[-1]
            subj = prev.subject
            owned = toks[i + 1].low in _OWNED_BY_ORG
            if low == "its" and subj is not None and subj.kind == "person" and (
                    not prev.rivals or owned) and set(prev.persons) <= {subj.key} and not (
                    subj.key in self.persons and (self.persons[subj.key].evidence
                                                  or self.persons[subj.key].gender)):
                # two capitalised words with nothing saying "person" ("Baltica Terminals"):
                # "its" says it is a thing
                subj = Referent("thing", subj.name.lower(), subj.name)
            if low == "its" and subj is not None and subj.kind == "thing" and not (
                    prev.orgs - {subj.key, _bare_name(subj.name).lower()}) and (
                    not prev.rivals or owned):
                owner = subj  # another organisation named, or a rival noun: which one's?
            elif low == "their" and subj is not None and subj.kind == "group" and \
                    not prev.plural_rivals:
                owner = subj
        if owner is None:
            return None
        name = owner.name
        name += "'" if name.endswith("s") else "'s"
        return Reference(t.start, t.end, t.text, owner, name, False, possessive=True)

    def _person_before(self, gender: str, exclude: set[str] | frozenset[str] = frozenset()
                       ) -> tuple[str, _Person] | None:
        for seen in reversed(self.history[-3:]):
            if self.index - seen.index > 4:
                return None
            if seen.unnamed_person or seen.opaque:
                return None  # "..., a spokeswoman for the union said. She ...": not a name
            keys = set(seen.persons) - exclude
            fitting = [k for k in keys if k in self.persons and
                       self.persons[k].gender in (None, gender)]
            if not fitting:
                continue
            if len(fitting) > 1:
                # two names fit: only one of them looks like a person ("Leo Marsh, who
                # joined ...", then "Dunmore's first team": a club) or "he" is left alone
                fitting = [k for k in fitting if self.persons[k].evidence]
                known = [k for k in fitting if self.persons[k].gender == gender]
                if len(fitting) > 1 and len(known) == 1:
                    fitting = known  # the one already called "she" in the article
                if len(fitting) != 1:
                    return None
            person = self.persons[fitting[0]]
            return (fitting[0], person) if person.evidence else None
        return None

    # ------------------------------------------------------------------ descriptions

    def _description(self, m: re.Match[str], sentence: str, toks: list[Tok],
                     ents: list[Entity], times: list[tuple[int, int]]) -> Reference | None:
        head = m.group("head").lower()
        mod = (m.group("mod") or "").lower()
        start = m.start()
        words_text = m.group()
        i = next((k for k, t in enumerate(toks) if t.start == start), None)
        subject = i is not None and _bare_prefix(toks, i, times)
        if head == "statement":
            if mod:
                return None
            actor = next((a for a in reversed(self.actors) if a.statement), None)
            if actor is None:
                return None
            name = (f"the {_bare_name(actor.name)} statement" if actor.org
                    else f"{actor.name}'s statement")
            return Reference(start, m.end(), words_text, Referent("thing", "statement", name),
                             name, subject, actor.name, actor.org)
        if head in ("spokesman", "spokeswoman", "spokesperson") and not mod:
            person = self._person_with_role(head, "")
            if person:
                key, p = person
                return Reference(start, m.end(), words_text, Referent("person", key, p.name),
                                 p.name, subject)
            actor = self.find(head, org_fallback=False)
            if actor is None or not actor.org:
                return None
            name = f"the {_bare_name(actor.name)} {head}"
            return Reference(start, m.end(), words_text, Referent("thing", actor.name, name),
                             name, subject, actor.name)
        if head in _ORG_DESCRIPTION_HEADS:
            org = self._org_for(head, mod, sentence, ents, start)
            if org is None:
                return None
            name = _display(org)
            return Reference(start, m.end(), words_text,
                             Referent("thing", org.name.lower(), name), name, subject)
        person = self._person_with_role(head, mod)
        if person is None:
            return None
        key, p = person
        return Reference(start, m.end(), words_text, Referent("person", key, p.name), p.name,
                         subject)

    def _person_with_role(self, head: str, mod: str) -> tuple[str, _Person] | None:
        role = f"{mod} {head}".strip()
        found = [(k, p) for k, p in self.persons.items() if role in p.roles]
        return found[0] if len(found) == 1 else None

    def _org_for(self, head: str, mod: str, sentence: str, ents: list[Entity],
                 start: int) -> _Org | None:
        def fits(org: _Org) -> bool:
            if mod and mod not in _NEUTRAL_MODS and mod not in org.name.lower().split():
                return False
            if head in org.kinds:
                return True
            return head in _COMPANY_HEADS and "company" in org.kinds

        # an organisation named earlier in the same sentence is the nearest
        here = [e for e in ents if e.type == "organisation" and e.span.end <= start]
        for e in reversed(here):
            org = _org_info(sentence, e, self.index)
            known = self.orgs.get(org.name.lower())
            if known:
                org.kinds |= known.kinds
                org.the = org.the or known.the
            if fits(org):
                return org
        candidates = [o for o in self.orgs.values() if fits(o)]
        if not candidates and head == "agency" and not mod:
            # "the agency" for a ministry or department when the story names no agency
            candidates = [o for o in self.orgs.values() if o.kinds & {"ministry", "department"}]
        if not candidates and head in _COMPANY_HEADS:
            # Nothing says which is a company: only if the article named one organisation
            plain = [o for o in self.orgs.values() if not o.kinds and not o.name.isupper()
                     and not _INSTITUTION.search(o.name) and o.name.lower() not in KNOWN_ORGS]
            candidates = plain if len(self.orgs) == 1 else []
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        # "The company employs 85 people" in a profile of a start-up after its investors were
        # named: the company the article is about, not the one named last
        top = _most_mentioned(candidates)
        if len(top) == 1 and _in_lead(top[0]):
            return top[0]
        earliest = min((o.first for o in top), default=-1)
        first = [o for o in top if o.first == earliest]
        if len(first) == 1 and first[0].block == 0:
            return first[0]  # as often named as another, but the headline's
        if len(first) > 1 and _in_lead(first[0]):
            return None  # two companies with equal billing (a merger): which one?
        best = max(candidates, key=lambda o: o.last)
        if any(o is not best and o.last == best.last for o in candidates):
            return None  # two of a kind in the same sentence: which one?
        return best


# ----------------------------------------------------------------------------- helpers

_FIRST_WORD = re.compile(r"^\W{0,2}([A-Z][a-z][\w'’-]*),\s")
# Blocks of the lead (headline, then standfirst or first paragraphs): where the article names
# what it is about
_LEAD_BLOCKS = 3


def _named(org: _Org) -> bool:
    """"Northland Central Bank", not "Central bank" (a headline's capital on a common noun)."""
    return all(w[:1].isupper() or w in _PORTFOLIO_LINKS for w in org.name.split())


def _most_mentioned(candidates: list[_Org]) -> list[_Org]:
    """The named organisations mentioned in the most sentences so far."""
    named = [o for o in candidates if _named(o)]
    top = max((o.mentions for o in named), default=0)
    return [o for o in named if o.mentions == top]


def _in_lead(org: _Org) -> bool:
    """First named in the lead: headline, standfirst, first paragraphs."""
    return 0 <= org.block < _LEAD_BLOCKS


_ORG_HEAD_RE = (r"(union|council|group|party|agency|ministry|bank|committee|commission|government"
                r"|administration|authority|board|institute|university|association|federation"
                r"|foundation|company|firm)\b")
_HEAD_AFTER = re.compile(rf"\s+{_ORG_HEAD_RE}")
# "Ostland's health ministry", "Kelby's planning committee": a place's institution
_PLACE_HEAD_AFTER = re.compile(r"['’]s(?:\s+[a-z][a-z-]+){0,2}?\s+(ministry|government|council"
                               r"|parliament|agency|department|committee|commission|authority"
                               r"|administration)\b")


def _with_org_heads(sentence: str, ents: list[Entity]) -> list[Entity]:
    """"the IG Metall union", "the Kelby council": the name and its head are one organisation."""
    out = []
    for e in ents:
        m = _HEAD_AFTER.match(sentence, e.span.end)
        if not m and e.type in ("place", "other"):
            m = _PLACE_HEAD_AFTER.match(sentence, e.span.end)
        if m and e.type in ("person", "other", "place", "organisation"):
            e = Entity(text=sentence[e.span.start : m.end()],
                       span=e.span.model_copy(update={"end": m.end()}), type="organisation")
        out.append(e)
    return out


def _org_info(sentence: str, e: Entity, index: int) -> _Org:
    """What one mention says about an organisation: its kinds ("agency", "company", ...)."""
    key = e.text.lower()
    before = sentence[: e.span.start]
    org = _Org(e.text, the=before.lower().endswith("the "), last=index)
    org.kinds |= set(re.findall(r"[a-z]+", key)) & _ORG_DESCRIPTION_HEADS
    cue = re.search(r"([a-z][a-z-]+)\s+$", before)
    if cue and cue.group(1) in _ORG_DESCRIPTION_HEADS | _COMPANY_CUES:
        org.kinds.add(cue.group(1))  # "battery maker Volta Cells"
    cue = re.match(r"\s+([a-z]+)\b", sentence[e.span.end :])
    if cue and cue.group(1) in _ORG_DESCRIPTION_HEADS - _COMPANY_HEADS:
        org.kinds.add(cue.group(1))  # "the IG Metall union"
    m = _APPOSITIVE_AFTER.match(sentence[e.span.end :])
    if m:  # "Volta Cells, a battery maker founded in 2016,"
        org.kinds |= set(re.findall(r"[a-z][a-z-]*", m.group("np"))) & _ORG_DESCRIPTION_HEADS
    if key in _AGENCY_LIKE or re.search(r"\b(?:agency|administration)\b", key):
        org.kinds.add("agency")
    if re.search(r"\b(?:ministry|department)\b", key):
        org.kinds |= {"ministry", "department"}
    corporate = _CORPORATE.search(e.text) and not _INSTITUTION.search(e.text)  # not "State
    # Mining Authority"
    if corporate or key in _KNOWN_COMPANIES or org.kinds & _COMPANY_CUES:
        org.kinds.add("company")
    return org


_QUOTE_SPAN = re.compile(r"“[^”]*”|\"[^\"]*\"")
_WITH_OTHER = re.compile(r"^\s*,\s+who\b[^.;\"“”]*?\b(?:with|for|to|by|from|about|alongside"
                         r"|succeeded|replaced|met|knew|followed|married)\s+(?P<p>her|him)\b")


def _other_gender(sentence: str, e: Entity) -> str | None:
    """The gender a person's own words or relative clause show someone else has, hence theirs
    is the other: '"She never let anyone off," said Tom Reyes, who worked with her': "she" is not
    Tom Reyes, so a later "she" is not him either."""
    start = e.span.start
    m = _WITH_OTHER.match(sentence[e.span.end :])
    if m:
        return "m" if m.group("p") == "her" else "f"
    quotes = [q for q in _QUOTE_SPAN.finditer(sentence) if not q.start() <= start < q.end()]
    if not quotes or not _SPEAKS_NEAR.search(sentence[max(0, start - 30) : e.span.end + 20]):
        return None
    said = " ".join(q.group().lower() for q in quotes)
    her = re.search(r"\b(?:she|her)\b", said)
    him = re.search(r"\b(?:he|him)\b", said)
    if her and not him:
        return "m"
    if him and not her:
        return "f"
    return None


_YOU_OPENS = re.compile(r"^\W*You\b")
# "Arden Grid has finished the first stage of its upgrade, the operator said": a two-word name
# that owns "its" or that a company word reports on is a company, not a person
_ITS_AFTER = re.compile(r"^\s+(?:has\s+|have\s+|had\s+|will\s+)?[a-z]+\b[^,;:\"“”]{0,60}?\bits\b")
_COMPANY_SAID = re.compile(r",\s+the\s+([a-z-]+)\s+(?:said|says|announced|reported)\b[^,]*\.?\s*$")
_PERSONAL = re.compile(r"\b(?:he|she|his|her|him|hers)\b", re.IGNORECASE)


def _company_subject(sentence: str, e: Entity) -> bool:
    """Does the sentence open with the name and treat it as a company?"""
    if sentence[: e.span.start].strip(" \"“'‘*") or _PERSONAL.search(sentence):
        return False
    said = _COMPANY_SAID.search(sentence)
    return bool(_ITS_AFTER.match(sentence[e.span.end :]) or (
        said and said.group(1) in _COMPANY_CUES))


def _bare_name(name: str) -> str:
    return _LEAD_DET.sub("", name)


def _display(org: _Org) -> str:
    if org.the or _TAKES_THE.search(org.name):
        return "the " + _bare_name(org.name)
    return org.name


def _verb_follows(toks: list[Tok], i: int) -> bool:
    j = i + 1
    if j < len(toks) and _ADVERB.match(toks[j].low) and is_finite(toks, j + 1):
        return True
    return is_finite(toks, j)


def _next_verb(toks: list[Tok], i: int) -> str:
    j = i + 1
    while j < len(toks) and _ADVERB.match(toks[j].low):
        j += 1
    return toks[j].low if j < len(toks) else ""


def _bare_prefix(toks: list[Tok], i: int, times: list[tuple[int, int]]) -> bool:
    """Only connectives and time phrases before toks[i]: it opens the sentence."""
    for t in toks[:i]:
        if not t.text[:1].isalnum():
            continue
        if any(s <= t.start and t.end <= e for s, e in times):
            continue
        if t.low not in _BARE:
            return False
    return True


def _subject_of(sentence: str, toks: list[Tok], ents: list[Entity], refs: list[Reference],
                ctx: ArticleContext) -> tuple[Referent | None, bool, bool]:
    """The referent of the sentence's subject, and whether other noun phrases compete."""
    sv = subject_verb(toks)
    if sv is None:
        # "The company, which employs 41,000 people, said ...": the words before the aside
        end = next((k for k, t in enumerate(toks) if (t.text == "," and t.depth == 0)
                    or is_finite(toks, k)), len(toks))
        if 0 < end <= 8 and toks[0].text[:1].isalpha():
            sv = (0, end)
    # "Route 9, which links the port to the airport, opened in 2020": what the subject's own
    # relative names does not compete with it for a later "it"
    aside_end = 0
    if sv is not None and sv[1] + 1 < len(toks) and toks[sv[1]].text == "," and \
            toks[sv[1] + 1].low in ("which", "who"):
        aside_end = next((k + 1 for k in range(sv[1] + 2, len(toks) - 1) if toks[k].text == ","
                          and toks[k].depth == 0 and is_finite(toks, k + 1)), 0)
    subject: Referent | None = None
    s_end = 0
    verb = 0
    if sv is not None:
        s0, verb = sv
        subj = toks[s0:verb]
        cut = next((k for k, t in enumerate(subj) if t.text == "," and t.depth == 0), None)
        if cut is not None:
            subj = subj[:cut]
        while subj and not subj[-1].text[:1].isalnum():
            subj = subj[:-1]
        if subj:
            start, s_end = subj[0].start, subj[-1].end
            subject = _referent_of(sentence, subj, start, s_end, ents, refs, ctx)
    rivals = plural = False
    # Noun phrases after the verb that "it" / "they" could stand for
    for k in range(max(verb, aside_end, s_end and next(
            (t.idx for t in toks if t.start >= s_end), len(toks))), len(toks) - 1):
        t, nxt = toks[k], toks[k + 1]
        if t.depth > 0:
            continue
        if t.low in _NP_DET and nxt.text[:1].isalpha() and not nxt.text[:1].isupper():
            noun = _np_head(toks, k + 1)
            if noun in _TIME_NOUNS:
                continue  # "300 million euros a year"
            if noun.endswith("s") and not noun.endswith("ss"):
                plural = True
            else:
                rivals = True
        elif t.text[:1].isdigit() or t.low in ("two", "three", "four", "five", "several",
                                              "many", "some", "both"):
            plural = True
    for e in ents:
        if e.span.start >= s_end and e.type != "person" and not _after_preposition(sentence, e):
            rivals = True
    return subject, rivals, plural


def _np_head(toks: list[Tok], k: int) -> str:
    """Last word of the noun phrase starting at toks[k] (before a preposition or verb)."""
    head = toks[k].low
    for t in toks[k : k + 5]:
        if not t.text[:1].isalpha() or t.low in STOPWORDS or is_finite(toks, t.idx):
            break
        head = t.low
    return head


def _after_preposition(sentence: str, e: Entity) -> bool:
    return bool(re.search(r"\b(?:in|at|on|from|to|near|off|of|with|for|by|into|across)\s+"
                          r"(?:the\s+)?$", sentence[: e.span.start]))


def _referent_of(sentence: str, subj: list[Tok], start: int, end: int, ents: list[Entity],
                 refs: list[Reference], ctx: ArticleContext) -> Referent | None:
    for r in refs:
        if start <= r.start and r.end <= end:
            if r.possessive:
                return None  # "Its chief executive": about the executive
            return r.referent if r.start == start or len(subj) <= 3 else None
    named = [e for e in ents if start <= e.span.start and e.span.end <= end]
    if not named:
        return None
    if len(named) >= 2:
        covered = all(any(e.span.start <= t.start and t.end <= e.span.end for e in named)
                      or t.low in ("and", ",", "the") for t in subj)
        if covered and any(t.low == "and" for t in subj):
            return Referent("group", sentence[start:end].lower(),
                            _LEAD_DET.sub("", sentence[start:end]))
    head = next((e for e in named if e.span.end == end), None)
    if head is None or any(t.low in _PREPOSITIONS for t in subj if t.start < head.span.start):
        return None  # "Shares in Harlow": about the shares
    if head.type == "person":
        words = _without_title(head.text).split()
        key = words[-1].lower().removesuffix("'s").removesuffix("’s") if words else ""
        return Referent("person", key, _without_title(head.text))
    low = head.text.lower()
    org = ctx.orgs.get(low) or next((o for o in ctx.orgs.values() if head.type == "other"
                                     and o.name.lower().startswith(low + " ")), None)
    if org:
        return Referent("thing", org.name.lower(), _display(org))
    the = sentence[: head.span.start].lower().endswith("the ")
    name = "the " + head.text if the or _TAKES_THE.search(head.text) else head.text
    return Referent("thing", low, name)


# ----------------------------------------------------------------------------- claim text

def substitute(claim_text: str, pieces: list[tuple[int, int]], sentence_start: int,
               sentence: str, refs: list[Reference]) -> tuple[str, list[tuple[Reference, str]]]:
    """Put the names of `refs` into a claim built from `pieces` (offsets into the article).

    Returns the new text and the references used, each with the words put in. A reference is
    placed by counting: the claim text keeps the order of its pieces, so the n-th "it" of the
    pieces is the n-th "it" of the text. Nothing is substituted where the name already appears
    before it.
    """
    edits: list[tuple[int, int, str, Reference]] = []
    for ref in refs:
        a, b = sentence_start + ref.start, sentence_start + ref.end
        pattern = re.compile(rf"\b{re.escape(ref.text)}\b", re.IGNORECASE)
        count = 0
        found = False
        for s, e in pieces:
            if s <= a and b <= e:
                count += len(pattern.findall(sentence[s - sentence_start : a - sentence_start]))
                found = True
                break
            count += len(pattern.findall(sentence[s - sentence_start : e - sentence_start]))
        if not found:
            continue
        matches = list(pattern.finditer(claim_text))
        if count >= len(matches):
            continue
        m = matches[count]
        before = claim_text[: m.start()].lower()
        name = ref.name
        if _bare_name(ref.name).lower() in before or (ref.referent.kind == "person" and re.search(
                rf"\b{re.escape(ref.referent.key)}\b", before)) or (
                ref.again and any(r.referent == ref.referent for *_, r in edits)):
            if ref.again is None:
                continue  # already named in the claim: "Volta Cells said it ..."
            name = ref.again  # "Ines Carvalho didn't eat fish until I was 17": "until she"
        if m.start() == 0 or (m.group()[:1].isupper() and m.group() != "I"):
            name = name[:1].upper() + name[1:]
        end = m.end()
        if ref.text.lower() in ("i", "you", "we"):
            n, verb = agree(claim_text[end:])  # "I am" -> "Ines Carvalho is"
            if n:
                name, end = name + verb, end + n
        edits.append((m.start(), end, name, ref))
    for s, e, name, _ in sorted(edits, key=lambda x: x[0], reverse=True):
        claim_text = claim_text[:s] + name + claim_text[e:]
    return claim_text, [(ref, name) for _, _, name, ref in edits]
