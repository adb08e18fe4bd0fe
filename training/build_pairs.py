"""Build the stance training pairs and the held-out evaluation sets (deterministic, seeded).

    /tmp/venvtest/bin/python training/build_pairs.py            # -> training/data/

Every record is {"claim", "evidence", "label", "source", "kind", "group"} with label one of
supported / contradicted / neutral. The model reads (premise=evidence, hypothesis=claim).

Splits (never train on a held-out item):
  * SciFact claims_train: claims with id % 5 == 0 are held out.
  * Climate-FEVER dev, HealthVer dev: claims whose sha1(claim text) % 5 == 0 are held out.
  * Synthetic swaps: SciFact abstracts with sha1(doc_id) % 5 == 0 (and not cited by a training
    claim), reference documents with sha1(doc id) % 5 == 0, Climate-FEVER evidence sentences
    of held-out claims: only in heldout_synthetic.jsonl. Training synthetic pairs come only from
    the other documents (and never from an abstract cited by a held-out SciFact claim).
  * General NLI (training only): mnli, fever_rte_dev, snli_cad, scitail. sick and control are
    non-commercial and never used; covidfact/fnc1 state no licence and are not used.

Synthetic pairs from a real sentence S:
  contradicted: S with one number / date (day, month, year) / named entity / mission designator
                swapped, a negation inserted or removed, or an antonym swapped; half of them
                are applied on top of a light paraphrase so "edited" does not mean "false";
  supported:    a light paraphrase of S (clause moved, parenthetical or relative clause dropped,
                date or number format changed, attribution dropped, first clause only);
  neutral:      another sentence of the same document (the most word-overlapping one, so it is
                on topic), or S against a version of S that lacks a clause the claim states.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from verifier.textio import sha256_files  # noqa: E402

SEED = 20261125
LABELS = ("supported", "contradicted", "neutral")
NLI_MAP = {"entailment": "supported", "contradiction": "contradicted", "neutral": "neutral"}


def sha1_bucket(text: str) -> int:
    return int(hashlib.sha1(str(text).encode("utf-8")).hexdigest(), 16) % 5


def rec(claim: str, evidence: str, label: str, source: str, kind: str, group: str) -> dict:
    assert label in LABELS, label
    return {"claim": claim.strip(), "evidence": evidence.strip(), "label": label,
            "source": source, "kind": kind, "group": str(group)}


# --------------------------------------------------------------------------- perturbations

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MON_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MON_RE = "|".join(MONTHS)
NUM_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
             "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "hundred"]
NUM_WORD_VAL = {w: i + 1 for i, w in enumerate(NUM_WORDS[:12])}
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
            "ninth", "tenth"]
ANTONYMS = [
    ("increase", "decrease"), ("increased", "decreased"), ("increases", "decreases"),
    ("increasing", "decreasing"), ("higher", "lower"), ("more", "less"), ("greater", "smaller"),
    ("larger", "smaller"), ("positive", "negative"), ("positively", "negatively"),
    ("before", "after"), ("first", "last"), ("reduced", "increased"), ("reduces", "increases"),
    ("inhibits", "promotes"), ("inhibited", "promoted"), ("enhances", "reduces"),
    ("upregulated", "downregulated"), ("activates", "inhibits"), ("activated", "inhibited"),
    ("above", "below"), ("rise", "fall"), ("rose", "fell"), ("gain", "loss"),
    ("successful", "unsuccessful"), ("success", "failure"), ("longer", "shorter"),
    ("earliest", "latest"), ("maximum", "minimum"), ("north", "south"), ("east", "west"),
    ("near side", "far side"), ("improved", "worsened"), ("lowest", "highest"),
    ("majority", "minority"), ("all", "none of the"), ("always", "never"),
    ("accepted", "rejected"), ("approved", "rejected"), ("won", "lost"), ("entered", "left"),
    ("joined", "left"), ("launched", "cancelled"), ("succeeded", "failed"), ("present", "absent"),
    ("required", "not required"), ("associated", "not associated"), ("effective", "ineffective"),
    ("safe", "unsafe"), ("likely", "unlikely"), ("crewed", "uncrewed"), ("manned", "unmanned"),
]
_ANT = {}
for a, b in ANTONYMS:
    _ANT.setdefault(a, b)
    _ANT.setdefault(b, a)
_ANT_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _ANT), key=len, reverse=True))
                     + r")\b")
AUX = r"(is|are|was|were|has|have|had|can|could|will|would|does|did|should|may|might|must)"
_AUX_RE = re.compile(rf"\b{AUX}\b(?! not\b)(?!n't)")
_NEG_RE = re.compile(r"\b(is|are|was|were|has|have|had|can|could|will|would|does|did|should|"
                     r"may|might|must) not\b|\bnot\s+")
_YEAR_RE = re.compile(r"(?<![\w.,$-])(1[89]\d\d|20\d\d)(?![\w%-]|,\d|\.\d)")
_DAY_MON_RE = re.compile(rf"\b(\d{{1,2}})(st|nd|rd|th)? ({_MON_RE})\b")
_MON_DAY_RE = re.compile(rf"\b({_MON_RE}) (\d{{1,2}})(st|nd|rd|th)?\b(?!,?\d)")
_MONTH_RE = re.compile(rf"\b({_MON_RE})\b")
_NUM_RE = re.compile(r"(?<![\w.,$:/-])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\w:/-]|\.\d|,\d)")
_DESIG_RE = re.compile(r"\b([A-Z][\w'’]*(?:-| ))(\d{1,2}|I{1,3}|IV|V|VI)\b(?![\w.,]\d)")
_NUMWORD_RE = re.compile(r"\b(" + "|".join(NUM_WORDS[:12] + ORDINALS) + r")\b")
_NAME_RE = re.compile(
    r"\b((?:[A-Z][\w'’]*(?:-\w+)*)(?: (?:of |de |the |and )?(?:[A-Z][\w'’]*(?:-\w+)*))*)")
_SKIP_DESIG = {"COVID-", "CoV-", "SARS-CoV-", "Covid-", "COVID ", "Type ", "type "}
_NOT_NAMES = set(MONTHS) | set(MON_ABBR) | {
    "The", "A", "An", "In", "On", "At", "For", "This", "That", "These", "Those", "It", "We",
    "Our", "Here", "However", "After", "Before", "During", "Following", "With", "By", "As",
    "Its", "Their", "They", "He", "She", "There", "When", "While", "Although", "Since", "From",
    "To", "Of", "And", "But", "Both", "Each", "All", "Some", "Many", "Most", "Among", "Using",
    "Results", "Methods", "Conclusions", "Conclusion", "Background", "Objective", "Design",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "I", "II",
    "Beijing", "If", "Under", "Over", "Also", "Thus", "Further", "Furthermore", "Moreover",
    "Together", "Finally", "Then", "Now", "Today", "Yesterday", "One", "Two", "Three", "Moon",
    "Earth", "Sun",
}


def _sub_at(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _fmt_int(n: int, like: str) -> str:
    return f"{n:,}" if "," in like else str(n)


def swap_number(s: str, rng: random.Random) -> str | None:
    cands = []
    for m in _NUM_RE.finditer(s):
        val = m.group(1)
        n = int(val.replace(",", ""))
        if m.group(2) is None and 1800 <= n <= 2099 and "," not in val:
            continue  # a year: date swaps handle it
        cands.append(m)
    words = list(_NUMWORD_RE.finditer(s))
    if not cands and not words:
        return None
    if cands and (not words or rng.random() < 0.8):
        m = rng.choice(cands)
        val, frac = m.group(1), m.group(2)
        n = int(val.replace(",", ""))
        if frac:
            digits = len(frac) - 1
            x = float(val.replace(",", "") + frac)
            for _ in range(10):
                y = round(x * rng.choice([0.5, 0.7, 1.3, 1.5, 2.0]) + rng.choice([-1, 1]) * 10
                          ** -digits, digits)
                new = f"{y:.{digits}f}"
                if new != val.replace(",", "") + frac and y >= 0:
                    return _sub_at(s, m.start(), m.end(), new)
            return None
        opts = [n + 1, n + 2, n - 1, n * 2, n * 3, n + 10, max(n // 2, 0), n * 10]
        if n >= 100:
            opts += [n + n // 10, n - n // 10, round(n * 1.5)]
        opts = [o for o in opts if o != n and o >= 0]
        new = rng.choice(opts)
        return _sub_at(s, m.start(1), m.end(1), _fmt_int(new, val))
    m = rng.choice(words)
    w = m.group(1)
    pool = ORDINALS if w in ORDINALS else NUM_WORDS[:12]
    new = rng.choice([x for x in pool if x != w])
    if s[m.start()].isupper():
        new = new.capitalize()
    return _sub_at(s, m.start(), m.end(), new) if new.lower() != w.lower() else None


def swap_date(s: str, rng: random.Random) -> str | None:
    opts = []
    for m in _YEAR_RE.finditer(s):
        opts.append(("year", m))
    for m in _DAY_MON_RE.finditer(s):
        opts.append(("day", m))
    for m in _MON_DAY_RE.finditer(s):
        opts.append(("mday", m))
    for m in _MONTH_RE.finditer(s):
        if m.group(1) == "May" and not re.search(r"\d", s[max(0, m.start() - 4): m.end() + 6]):
            continue  # the modal verb "May"
        opts.append(("month", m))
    if not opts:
        return None
    kind, m = rng.choice(opts)
    if kind == "year":
        y = int(m.group(1))
        new = y + rng.choice([-3, -2, -1, 1, 1, 2, 3, 5])
        return _sub_at(s, m.start(1), m.end(1), str(new))
    if kind in ("day", "mday"):
        g = 1 if kind == "day" else 2
        d = int(m.group(g))
        new = rng.choice([x for x in (d - 1, d + 1, d + 2, d - 7, d + 7, d + 10, 1, 15, 28)
                          if 1 <= x <= 28 and x != d] or [d % 28 + 1])
        return _sub_at(s, m.start(g), m.end(g), str(new))
    mon = m.group(1)
    i = MONTHS.index(mon)
    new = MONTHS[(i + rng.choice([-2, -1, 1, 1, 2, 6])) % 12]
    return _sub_at(s, m.start(1), m.end(1), new)


def names_in(s: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _NAME_RE.finditer(s):
        t = m.group(1)
        if t in _NOT_NAMES or (t.split()[0] in _NOT_NAMES and len(t.split()) == 1):
            continue
        if m.start() == 0 and " " not in t and t.lower() in _COMMON_START:
            continue
        if len(t) < 2:
            continue
        out.append((m.start(1), m.end(1), t))
    return out


_COMMON_START = {"the", "a", "an", "this", "these", "in", "we", "our", "here", "however"}


def swap_name(s: str, rng: random.Random, doc_names: list[str], pool: list[str]) -> str | None:
    found = [n for n in names_in(s) if n[2] not in ("I",)]
    if not found:
        return None
    start, end, name = rng.choice(found)
    same_doc = [n for n in doc_names if n != name and n not in s and name not in n
                and n not in name]
    cand = same_doc if same_doc and rng.random() < 0.6 else []
    if not cand:
        nwords = len(name.split())
        cand = [n for n in rng.sample(pool, min(len(pool), 200))
                if n != name and abs(len(n.split()) - nwords) <= 1 and n not in s]
    if not cand:
        return None
    return _sub_at(s, start, end, rng.choice(cand))


def swap_designator(s: str, rng: random.Random) -> str | None:
    found = [m for m in _DESIG_RE.finditer(s) if m.group(1) not in _SKIP_DESIG
             and m.group(1).strip() not in _NOT_NAMES]
    if not found:
        return None
    m = rng.choice(found)
    d = m.group(2)
    romans = ["I", "II", "III", "IV", "V", "VI"]
    if d in romans:
        new = rng.choice([r for r in romans[:4] if r != d])
    else:
        n = int(d)
        new = str(rng.choice([x for x in (n - 1, n + 1, n + 2) if x >= 1 and x != n]))
    return _sub_at(s, m.start(2), m.end(2), new)


def flip_negation(s: str, rng: random.Random) -> str | None:
    m = _NEG_RE.search(s)
    if m and rng.random() < 0.8:
        if m.group(1):
            return _sub_at(s, m.start(), m.end(), m.group(1))
        return _sub_at(s, m.start(), m.end(), "")
    found = list(_AUX_RE.finditer(s))
    if found:
        m = found[0]
        return _sub_at(s, m.start(), m.end(), m.group(1) + " not")
    m = re.search(r"\b(\w+ed)\b", s[1:])
    if m and len(m.group(1)) > 4:
        w = m.group(1)
        base = w[:-1] if w.endswith("ied") is False and w[-3:-2] in "aeiou" and w.endswith("ed")\
            and len(w) > 5 and w[-3] == "e" else w[:-2]
        if w.endswith("ied"):
            base = w[:-3] + "y"
        return _sub_at(s, m.start() + 1, m.end() + 1, f"did not {base}")
    return None


def swap_antonym(s: str, rng: random.Random) -> str | None:
    found = list(_ANT_RE.finditer(s))
    if not found:
        return None
    m = rng.choice(found)
    new = _ANT[m.group(1)]
    return _sub_at(s, m.start(1), m.end(1), new)


CONTRA = {
    "number": swap_number, "date": swap_date, "designator": swap_designator,
    "negation": flip_negation, "antonym": swap_antonym,
}
# How often each kind is tried: number/date/name swaps are what the judge needs most.
CONTRA_WEIGHTS = {"number": 5.0, "date": 6.0, "name": 3.0, "designator": 1.0,
                  "negation": 1.0, "antonym": 1.5}


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _end(s: str) -> str:
    s = s.rstrip(" ,;:")
    return s if s.endswith((".", "!", "?")) else s + "."


_LEAD_RE = re.compile(
    r"^((?:On|In|At|During|After|Before|Following|By|Since|Earlier|Later|Last|According to|"
    r"Through|With|Under|For|Over|Within|Between|Among|Despite|Unlike)\b[^,]{2,70}),\s+(.+?)"
    r"([.!?])$")
_TAIL_DATE_RE = re.compile(
    rf"^(.{{12,}}?)\s+(on|in)\s+((?:\d{{1,2}} (?:{_MON_RE}) \d{{4}})|(?:(?:{_MON_RE}) "
    rf"\d{{1,2}}, \d{{4}})|(?:(?:{_MON_RE}) \d{{4}})|(?:\d{{4}}))([.!?])$")
_ATTR_RE = re.compile(r"^(.{3,80}?)\b(said|announced|stated|reported|confirmed|noted|"
                      r"explained|added|found|showed|demonstrated|suggested) that\s+(.{20,})$")
_TRAIL_ATTR_RE = re.compile(r"^(.{20,}),\s+(?:[A-Z][\w .'’-]{1,60})\s+(?:said|says|announced|"
                            r"stated|added|noted)(?: [^,.]{0,40})?\.$")


def _first_lower(s: str) -> str:
    w = s.split(" ", 1)[0]
    if len(w) > 1 and (w.isupper() or any(c.isupper() for c in w[1:])):
        return s
    if w in _NOT_NAMES or w.lower() in _COMMON_START or w in ("On", "In", "At", "During",
                                                               "After", "Before", "By", "For"):
        return s[:1].lower() + s[1:]
    return s


_CONJ_LEAD_RE = re.compile(r"^((?:(?:On|In|At|During|After|Following|Earlier|Later|Last)\b"
                           r"[^,]{2,60}, )?)([A-Z][^,]{1,70}?) and ([A-Z].+)$")
_PLURAL_VERB = {"have": "has"}
# "A and B are partners", "A and B met": said of the pair, not of each one.
_JOINT_VERBS = {"are", "were", "met", "agreed", "merged", "married", "differ", "differed"}


def drop_conjunct(s: str) -> list[str]:
    """'A and B signed X' -> 'A signed X', 'B signed X': each named subject did it."""
    m = _CONJ_LEAD_RE.match(s)
    if not m:
        return []
    lead, left, rest = m.group(1), m.group(2), m.group(3).split(" ")
    right: list[str] = []
    while rest and (rest[0][:1].isupper() or (len(rest) > 1 and rest[1][:1].isupper())):
        right.append(rest.pop(0))
    words = left.split()
    capitalised = sum(w[:1].isupper() for w in words)
    if (not right or len(rest) < 3 or not rest[0][:1].islower() or rest[0] in _JOINT_VERBS
            or len(words) > 10
            or capitalised * 2 < len(words) or len(right) > 10):
        return []
    verb = _PLURAL_VERB.get(rest[0], rest[0])
    tail = " ".join([verb, *rest[1:]])
    return [_cap(f"{lead}{subject} {tail}") for subject in (left, " ".join(right))]


GENERIC_SAYERS = ("Officials", "A spokesperson", "Sources")
COLLECTIVE_SAYERS = ("Both agencies", "Both sides", "The two organisations", "All the partners")


def reattributed(s: str, rng: random.Random) -> tuple[str, str] | None:
    """'X said that S' -> ('Officials said that S', supported) or ('Both agencies said that S',
    neutral: the claim credits more sayers than the evidence names)."""
    m = _ATTR_RE.match(s)
    if not m or len(m.group(1).split()) > 6 or not m.group(1)[:1].isupper():
        return None
    if rng.random() < 0.5:
        return f"{rng.choice(GENERIC_SAYERS)} {m.group(2)} that {m.group(3)}", "supported"
    return f"{rng.choice(COLLECTIVE_SAYERS)} {m.group(2)} that {m.group(3)}", "neutral"


def paraphrases(s: str) -> list[tuple[str, str, str | None]]:
    """Light meaning-preserving rewrites: (text, kind, dropped_part or None)."""
    out: list[tuple[str, str, str | None]] = []
    m = _LEAD_RE.match(s)
    if m:
        out.append((f"{_cap(m.group(2))} {_first_lower(m.group(1))}{m.group(3)}",
                    "move_clause", None))
    m = _TAIL_DATE_RE.match(s)
    if m and "," not in m.group(1)[-3:]:
        out.append((f"{_cap(m.group(2))} {m.group(3)}, {_first_lower(m.group(1))}{m.group(4)}",
                    "move_clause", None))
    for pat in (r"\s*\([^()]{2,90}\)", r",\s+(?:which|who|whose|where)\s[^,]{3,90},",
                r",\s+(?:which|who|whose)\s[^,]{3,120}(?=\.$)",
                r",\s+(?:including|such as|as well as|making it|bringing)\s[^,]{3,100}(?=\.$)",
                r"\s+at \d{1,2}:\d\d(?: [A-Z][a-z]+)? (?:time|UTC|GMT|EDT|EST|a\.m\.|p\.m\.)"):
        mm = re.search(pat, s)
        if mm:
            t = s[: mm.start()] + ("," if mm.group().endswith(",") and False else "") \
                + s[mm.end():]
            t = re.sub(r"\s+([,.])", r"\1", t)
            if len(t.split()) >= 5:
                out.append((t, "drop_clause", mm.group()))
    m = _ATTR_RE.match(s)
    if m:
        out.append((_end(_cap(m.group(3))), "drop_attribution", m.group(1) + m.group(2)))
    m = _TRAIL_ATTR_RE.match(s)
    if m:
        out.append((_end(m.group(1)), "drop_attribution", s[len(m.group(1)):]))
    out += [(t, "drop_conjunct", None) for t in drop_conjunct(s)]
    for sep in ("; ", ", and ", ", but ", ", while ", ", whereas "):
        i = s.find(sep)
        if i > 0 and len(s[:i].split()) >= 6:
            out.append((_end(s[:i]), "first_clause", s[i:]))
            break
    # date formats: 24 November 2020 <-> November 24, 2020; drop the day
    m = re.search(rf"\b(\d{{1,2}}) ({_MON_RE}) (\d{{4}})\b", s)
    if m:
        out.append((_sub_at(s, m.start(), m.end(), f"{m.group(2)} {m.group(1)}, {m.group(3)}"),
                    "date_format", None))
        lead = m.start() - 3 if s[max(0, m.start() - 3): m.start()] == "on " else m.start()
        out.append((_sub_at(s, lead, m.end(), ("in " if lead < m.start() else "")
                            + f"{m.group(2)} {m.group(3)}"), "date_less_precise", None))
    m = re.search(rf"\b({_MON_RE}) (\d{{1,2}}), (\d{{4}})\b", s)
    if m:
        out.append((_sub_at(s, m.start(), m.end(), f"{m.group(2)} {m.group(1)} {m.group(3)}"),
                    "date_format", None))
    m = re.search(r"(?<![\w.,-])([2-9]|1[0-2])(?= [a-z])", s)
    if m:
        out.append((_sub_at(s, m.start(), m.end(), NUM_WORDS[int(m.group(1)) - 1]),
                    "number_format", None))
    m = re.search(r"\b(" + "|".join(NUM_WORDS[1:12]) + r")(?= [a-z])", s)
    if m:
        out.append((_sub_at(s, m.start(), m.end(), str(NUM_WORD_VAL[m.group(1)])),
                    "number_format", None))
    m = re.search(r"\b(\d{1,3}),(\d{3})\b(?!,)", s)
    if m:
        out.append((_sub_at(s, m.start(), m.end(), m.group(1) + m.group(2)),
                    "number_format", None))
    return [(t, k, d) for t, k, d in out if t != s and len(t.split()) >= 4]


_CONTENT = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}|\d[\d,.]*")


def content_words(s: str) -> set[str]:
    return {w.lower() for w in _CONTENT.findall(s)}


def contradiction(s: str, rng: random.Random, doc_names: list[str], pool: list[str],
                  kinds: list[str] | None = None) -> tuple[str, str] | None:
    ks = list(CONTRA_WEIGHTS)
    ws = [CONTRA_WEIGHTS[k] for k in ks]
    tried = set()
    for _ in range(8):
        k = rng.choices(ks, ws)[0] if kinds is None else rng.choice(kinds)
        if k in tried:
            continue
        tried.add(k)
        new = swap_name(s, rng, doc_names, pool) if k == "name" else CONTRA[k](s, rng)
        if new and new != s and len(new.split()) >= 4:
            return new, k
    return None


def synthetic_for_doc(sents: list[str], rng: random.Random, pool: list[str], source: str,
                      group: str, per_sentence: dict[str, float]) -> list[dict]:
    """Pairs for one document; per_sentence gives the expected count of each label."""
    doc_names = sorted({n for s in sents for _, _, n in names_in(s)})
    words = [content_words(s) for s in sents]
    out: list[dict] = []

    def count(x: float) -> int:
        return int(x) + (1 if rng.random() < x - int(x) else 0)

    for i, s in enumerate(sents):
        paras = paraphrases(s)
        # contradictions: on S or on a paraphrase of S
        for _ in range(count(per_sentence["contradicted"])):
            base, kind = s, "same"
            if paras and rng.random() < 0.5:
                base, kind, _ = rng.choice(paras)
                kind = "para_" + kind
            c = contradiction(base, rng, doc_names, pool)
            if c:
                out.append(rec(c[0], s, "contradicted", source, "swap_" + c[1], group))
                # The unedited rewrite next to its edited twin: the edit, not the rewrite,
                # is what makes a claim false.
                if kind != "same" and rng.random() < 0.5:
                    out.append(rec(base, s, "supported", source, kind, group))
        said = reattributed(s, rng) if rng.random() < 0.5 else None
        if said:
            kind = "para_generic_attribution" if said[1] == "supported" else "claim_adds_sayers"
            out.append(rec(said[0], s, said[1], source, kind, group))
        # supported
        for _ in range(count(per_sentence["supported"])):
            if paras and rng.random() < 0.85:
                t, k, _ = rng.choice(paras)
                out.append(rec(t, s, "supported", source, "para_" + k, group))
            elif rng.random() < 0.4:
                out.append(rec(s, s, "supported", source, "same", group))
        # neutral: an on-topic other sentence of the document, or the claim says more
        for _ in range(count(per_sentence["neutral"])):
            dropped = [(t, d) for t, k, d in paras if d and k in ("drop_clause", "first_clause")
                       and len(content_words(d) - content_words(t)) >= 2]
            if dropped and rng.random() < 0.25:
                t, _ = rng.choice(dropped)
                out.append(rec(s, t, "neutral", source, "claim_says_more", group))
                continue
            others = [j for j in range(len(sents)) if j != i and sents[j] != s]
            if not others:
                continue
            if rng.random() < 0.7:
                j = max(others, key=lambda j: (len(words[i] & words[j]), rng.random()))
            else:
                j = rng.choice(others)
            claim = sents[j]
            if rng.random() < 0.3:  # a swapped claim with unrelated evidence is still neutral
                c = contradiction(claim, rng, doc_names, pool)
                if c:
                    claim = c[0]
            out.append(rec(claim, s, "neutral", source, "other_sentence", group))
    return out


# --------------------------------------------------------------------------- real data

def load_scifact(bench: Path, rng: random.Random) -> tuple[dict, dict, set, set, dict]:
    corpus = {}
    with (bench / "scifact" / "corpus.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            corpus[int(d["doc_id"])] = d
    train, held = [], []
    cited_train, cited_held = set(), set()
    with (bench / "scifact" / "claims_train.jsonl").open(encoding="utf-8") as fh:
        claims = [json.loads(line) for line in fh]
    for c in claims:
        is_held = c["id"] % 5 == 0
        docs = {int(d) for d in c.get("cited_doc_ids", [])} | {int(d) for d in c["evidence"]}
        (cited_held if is_held else cited_train).update(docs)
        pairs = []
        for doc_id in sorted(docs):
            doc = corpus.get(doc_id)
            if doc is None:
                continue
            sents = doc["abstract"]
            rationale: dict[int, str] = {}
            for ev in c["evidence"].get(str(doc_id), []):
                label = "supported" if ev["label"] == "SUPPORT" else "contradicted"
                for i in ev["sentences"]:
                    rationale[i] = label
                if len(ev["sentences"]) > 1:
                    joined = " ".join(sents[i] for i in ev["sentences"] if i < len(sents))
                    pairs.append(rec(c["claim"], joined, label, "scifact", "rationale_set",
                                     c["id"]))
            for i, lab in rationale.items():
                if i < len(sents):
                    pairs.append(rec(c["claim"], sents[i], lab, "scifact", "rationale", c["id"]))
            neutral = [i for i in range(len(sents)) if i not in rationale]
            rng.shuffle(neutral)
            cap = 6 if is_held else 4
            for i in sorted(neutral[:cap]):
                pairs.append(rec(c["claim"], sents[i], "neutral", "scifact", "non_rationale",
                                 c["id"]))
        (held if is_held else train).extend(pairs)
    return {"train": train, "held": held}, corpus, cited_train, cited_held, {}


def load_climate(bench: Path) -> tuple[dict, list[list[str]], list[list[str]]]:
    lab = {"SUPPORTS": "supported", "REFUTES": "contradicted", "NOT_ENOUGH_INFO": "neutral"}
    train, held, train_sents, held_sents = [], [], [], []
    with (bench / "climate-fever" / "climate-fever-dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            is_held = sha1_bucket(d["claim"]) == 0
            sents = []
            for e in d["evidences"]:
                if e["evidence_label"] not in lab:
                    continue
                r = rec(d["claim"], e["evidence"], lab[e["evidence_label"]], "climate_fever",
                        "evidence", d["claim_id"])
                (held if is_held else train).append(r)
                sents.append(e["evidence"])
            (held_sents if is_held else train_sents).append(sents)
    return {"train": train, "held": held}, train_sents, held_sents


def load_healthver(bench: Path) -> dict:
    lab = {"Supports": "supported", "Refutes": "contradicted", "Neutral": "neutral"}
    train, held = [], []
    with (bench / "healthver" / "healthver_dev.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["label"] not in lab:
                continue
            claim = row["claim"].strip()
            r = rec(claim, row["evidence"], lab[row["label"]], "healthver", "evidence",
                    hashlib.sha1(claim.encode()).hexdigest()[:10])
            (held if sha1_bucket(claim) == 0 else train).append(r)
    return {"train": train, "held": held}


def load_nli(bench: Path, name: str, n: int, rng: random.Random) -> list[dict]:
    path = bench / "nli" / name / "pairs.jsonl.gz"
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d.get("label") in NLI_MAP and d.get("premise") and d.get("hypothesis"):
                rows.append(rec(d["hypothesis"], d["premise"], NLI_MAP[d["label"]], "nli_" + name,
                                "nli", ""))
    rng.shuffle(rows)
    return rows[:n]


def reference_documents(folder: Path) -> list[tuple[str, list[str]]]:
    from verifier.corpus import load_documents
    from verifier.segment import sentence_spans

    out = []
    for doc in load_documents([folder]):
        sents = [sp.slice(doc.text) for sp in sentence_spans(doc.text)]
        sents = [s for s in sents if 5 <= len(s.split()) <= 80 and not s.startswith("#")]
        out.append((doc.id, sents))
    return out


# --------------------------------------------------------------------------- main

def write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    ap.add_argument("--reference-docs", type=Path, default=ROOT / "reference_docs")
    ap.add_argument("--out", type=Path, default=HERE / "data")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--scifact-synth-docs", type=int, default=850,
                    help="training abstracts to make synthetic pairs from")
    ap.add_argument("--ref-rounds", type=int, default=6,
                    help="rounds of synthetic pairs over each training reference document")
    ap.add_argument("--nli", default="mnli:4000,fever_rte_dev:4500,snli_cad:1000,scitail:800")
    args = ap.parse_args(argv)
    t0 = time.time()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    bench = args.bench

    sci, corpus, cited_train, cited_held, _ = load_scifact(bench, rng)
    clim, clim_train_sents, clim_held_sents = load_climate(bench)
    hv = load_healthver(bench)

    # synthetic: SciFact abstracts
    sci_train_docs = sorted(d for d in corpus if sha1_bucket(str(d)) != 0 and d not in cited_held)
    sci_held_docs = sorted(d for d in corpus if sha1_bucket(str(d)) == 0 and d not in cited_train)
    names_pool_sci = sorted({n for d in sci_train_docs[:3000] for s in corpus[d]["abstract"]
                             for _, _, n in names_in(s)})
    rng.shuffle(sci_train_docs)
    synth_train: list[dict] = []
    per_sci = {"contradicted": 0.75, "supported": 0.45, "neutral": 0.3}
    for d in sci_train_docs[: args.scifact_synth_docs]:
        sents = [s for s in corpus[d]["abstract"] if 6 <= len(s.split()) <= 60]
        synth_train += synthetic_for_doc(sents, rng, names_pool_sci, "synthetic_scifact", str(d),
                                         per_sci)
    synth_held: list[dict] = []
    rng_h = random.Random(args.seed + 1)
    rng_h.shuffle(sci_held_docs)
    for d in sci_held_docs[:150]:
        sents = [s for s in corpus[d]["abstract"] if 6 <= len(s.split()) <= 60]
        synth_held += synthetic_for_doc(sents, rng_h, names_pool_sci, "synthetic_scifact",
                                        str(d), {"contradicted": 0.5, "supported": 0.3,
                                                 "neutral": 0.3})

    # synthetic: Climate-FEVER evidence sentences (Wikipedia prose), grouped per claim
    names_pool_wiki = sorted({n for g in clim_train_sents for s in g for _, _, n in names_in(s)})
    per_wiki = {"contradicted": 0.8, "supported": 0.45, "neutral": 0.25}
    for i, g in enumerate(clim_train_sents):
        synth_train += synthetic_for_doc(g, rng, names_pool_wiki, "synthetic_wiki", f"cf{i}",
                                         per_wiki)
    for i, g in enumerate(clim_held_sents):
        synth_held += synthetic_for_doc(g, rng_h, names_pool_wiki, "synthetic_wiki", f"cfh{i}",
                                        {"contradicted": 0.3, "supported": 0.2, "neutral": 0.15})

    # synthetic: bundled reference documents (agency press releases)
    ref_docs = reference_documents(args.reference_docs)
    ref_train = [(i, s) for i, s in ref_docs if sha1_bucket(i) != 0]
    ref_held = [(i, s) for i, s in ref_docs if sha1_bucket(i) == 0]
    names_pool_ref = sorted({n for _, ss in ref_train for s in ss for _, _, n in names_in(s)})
    per_ref = {"contradicted": 1.2, "supported": 0.7, "neutral": 0.5}
    for _ in range(args.ref_rounds):
        for i, sents in ref_train:
            synth_train += synthetic_for_doc(sents, rng, names_pool_ref, "synthetic_ref", i,
                                             per_ref)
    names_pool_ref_all = sorted({n for _, ss in ref_docs for s in ss for _, _, n in names_in(s)})
    for _ in range(3):
        for i, sents in ref_held:
            synth_held += synthetic_for_doc(sents, rng_h, names_pool_ref_all, "synthetic_ref", i,
                                            {"contradicted": 1.0, "supported": 0.6,
                                             "neutral": 0.5})
    # drop duplicate held-out pairs and any held-out pair whose text appears in training
    seen_train = {(r["claim"], r["evidence"]) for r in synth_train}
    uniq, seen = [], set()
    for r in synth_held:
        key = (r["claim"], r["evidence"])
        if key in seen or key in seen_train:
            continue
        seen.add(key)
        uniq.append(r)
    synth_held = uniq

    nli: list[dict] = []
    for part in args.nli.split(","):
        if not part:
            continue
        name, n = part.split(":")
        if name in ("sick", "control"):
            raise SystemExit(f"{name} is non-commercial: not used for training")
        nli += load_nli(bench, name, int(n), rng)

    # real fact-check pairs are few: show them twice (SciFact rationales, HealthVer).
    sci_pos = [r for r in sci["train"] if r["label"] != "neutral"]
    train = (sci["train"] + sci_pos + clim["train"] + hv["train"] * 2 + synth_train + nli)
    rng.shuffle(train)
    write_jsonl(args.out / "train.jsonl", train)
    held_sets = {"scifact": sci["held"], "climate_fever": clim["held"],
                 "healthver": hv["held"], "synthetic": synth_held}
    for name, rows in held_sets.items():
        write_jsonl(args.out / f"heldout_{name}.jsonl", rows)

    inputs = [bench / "scifact" / "corpus.jsonl", bench / "scifact" / "claims_train.jsonl",
              bench / "climate-fever" / "climate-fever-dev.jsonl",
              bench / "healthver" / "healthver_dev.csv"]
    inputs += [bench / "nli" / p.split(":")[0] / "pairs.jsonl.gz" for p in args.nli.split(",")
               if p]
    inputs += sorted(args.reference_docs.glob("*.md"))
    manifest = {
        "seed": args.seed,
        "args": {k: str(v) for k, v in vars(args).items()},
        "inputs": {str(p.relative_to(p.parents[2]) if "bench" in p.parts else
                       Path("reference_docs") / p.name): sha256_files([p]) for p in inputs},
        "train_pairs": len(train),
        "train_by_source": dict(Counter(r["source"] for r in train)),
        "train_by_label": dict(Counter(r["label"] for r in train)),
        "train_synthetic_by_kind": dict(Counter(r["kind"] for r in synth_train)),
        "heldout": {k: {"pairs": len(v), "by_label": dict(Counter(r["label"] for r in v))}
                    for k, v in held_sets.items()},
        "heldout_reference_docs": [i for i, _ in ref_held],
        "files": {p.name: sha256_files([p]) for p in sorted(args.out.glob("*.jsonl"))},
        "seconds": round(time.time() - t0, 1),
    }
    (args.out / "build_manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(json.dumps({k: manifest[k] for k in ("train_pairs", "train_by_source",
                                                "train_by_label", "heldout", "seconds")},
                     indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
