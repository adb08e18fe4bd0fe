"""Structured facts of a claim: time expressions, numbers with units, named entities, negation.

All offsets are into the article text. Rule-based and deterministic; the word lists are small on
purpose: types are rough ("person", "organisation", "place", "mission", "other").

    >>> import datetime as dt
    >>> [(t.text, t.value, t.precision) for t in time_expressions(
    ...     "A spokesman said last December that ...", article_date=dt.date(2021, 3, 15))]
    [('last December', '2020-12', 'month')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from verifier.facts import MONTHS, NUMBER_WORDS, ORDINAL_WORDS, STOPWORDS, facts_of
from verifier.models import Entity, NumberValue, Span, TimeExpression

# ----------------------------------------------------------------------------- time

_MONTH_RE = (r"January|February|March|April|May|June|July|August|September|October|November"
             r"|December")
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY_RE = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
            "winter": "winter"}
_HOLIDAYS = {"christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
             "new year's day": (1, 1), "new year’s day": (1, 1), "new year's eve": (12, 31),
             "new year’s eve": (12, 31), "halloween": (10, 31), "valentine's day": (2, 14),
             "valentine’s day": (2, 14)}
_QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
             "4th": 4, "final": 4, "last": 4}
_COUNT = {**{k: v for k, v in NUMBER_WORDS.items() if v <= 20}, "a": 1, "an": 1}

_REL_UNIT = re.compile(
    r"\b(?:(?P<qual>late|early|mid|earlier|later)[\s-]+)?(?P<rel>last|this|next)\s+"
    rf"(?P<unit>year|month|week|summer|winter|spring|autumn|fall|{_MONTH_RE}|{_WEEKDAY_RE})\b",
    re.I,
)
_DEICTIC = re.compile(r"\b(?P<word>yesterday|today|tomorrow|tonight)\b", re.I)
_WEEKDAY = re.compile(rf"(?<!\bthe )(?<!\bThe )(?<!\bthat )(?<!\bevery )"
                      rf"\b(?:(?:on|since|by|until|from)\s+)?(?P<day>{_WEEKDAY_RE})s?\b")
_AGO = re.compile(
    r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty)"
    r"\s+(?P<unit>years?|months?|weeks?|days?|decades?)\s+ago\b", re.I)
_HOLIDAY = re.compile(r"\b(?:Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s\s+(?:Day|Eve)|Halloween"
                      r"|Valentine['’]s\s+Day)\b")
_QUARTER = re.compile(r"\b(?:(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
                      r"quarter(?:\s+of)?|Q(?P<q>[1-4]))\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_DECADE = re.compile(r"\b(?:the\s+)?(?P<dec>(?:1[89]|20)\d)0['’]?s\b")
_SEASON_YEAR = re.compile(r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?"
                          r"(?P<year>(?:19|20)\d\d)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|would|shall|plans?|planned|due|expects?|expected|scheduled"
                     r"|set to|going to|next)\b", re.I)


_PAST = re.compile(r"\b(?:was|were|had|did|ago|last|yesterday|earlier)\b|\b[a-z]{3,}ed\b"
                   r"|\b(?:said|told|made|took|gave|went|came|began|won|lost|sent|held|built|led"
                   r"|met|paid|rose|fell|grew|flew|left|brought|bought|sold|struck|saw|found"
                   r"|became|ran|set|put|cut|hit|spent|kept|thought|felt|knew)\b")
_SAID_BEFORE = re.compile(r"\b(?:said|says|told|announced|stated|reported|confirmed|added)"
                          r"\s*(?:\w+\s+)?$")


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: str
    precision: str
    relative: bool = False
    inferred: bool = False


def _month_value(year: int | None, month: int, day: int | None = None) -> str:
    y = f"{year:04d}" if year else "XXXX"
    return f"{y}-{month:02d}" + (f"-{day:02d}" if day else "")


def tense_of(text: str) -> str:
    """"future", "past" or "present": which way an undated "in December" most likely points."""
    if _FUTURE.search(text):
        return "future"
    if _PAST.search(text):
        return "past"
    return "present"


def _infer_year(month: int, day: int | None, ref: dt.date, tense: str) -> int:
    """Year of a month (and day) written without one: the most recent one for the past, the
    next one for the future, otherwise the one nearest the article date."""
    if tense == "future":
        return ref.year if (month, day or 31) >= (ref.month, ref.day) else ref.year + 1
    if tense == "past":
        return ref.year if (month, day or 1) <= (ref.month, ref.day) else ref.year - 1

    def distance(year: int) -> int:
        return abs((dt.date(year, month, min(day or 15, 28)) - ref).days)

    return min((ref.year - 1, ref.year, ref.year + 1), key=distance)


def time_expressions(
    text: str, *, offset: int = 0, article_date: dt.date | None = None,
    tense: str | None = None,
) -> list[TimeExpression]:
    """Dates and relative time phrases in `text`, spans shifted by `offset`.

    With `article_date`, "last year", "last December", "on Tuesday", "two years ago" are
    resolved (relative=True); a month or day written without a year gets the nearest past
    year for past-tense text, the next for future, the nearest otherwise (`tense`: "past",
    "future", "present"; None reads it from `text`), with inferred=True; without an article
    date the year is XXXX.
    """
    tense = tense or tense_of(text)
    found = _find_times(text, article_date, tense)
    return [
        TimeExpression(text=text[f.start : f.end], span=Span(start=offset + f.start,
                       end=offset + f.end), value=f.value, precision=f.precision,  # type: ignore[arg-type]
                       relative=f.relative, inferred=f.inferred)
        for f in found
    ]


@lru_cache(maxsize=8192)
def _find_times(text: str, ref: dt.date | None, tense: str) -> tuple[_Found, ...]:
    found: list[_Found] = []

    def free(s: int, e: int) -> bool:
        return not any(s < f.end and f.start < e for f in found)

    for m in _QUARTER.finditer(text):
        q = int(m.group("q")) if m.group("q") else _QUARTERS[m.group("ord").lower()]
        found.append(_Found(m.start(), m.end(), f"{m.group('year')}-Q{q}", "quarter"))
    for m in _SEASON_YEAR.finditer(text):
        if free(m.start(), m.end()):
            season = _SEASONS[m.group("season").lower()]
            found.append(_Found(m.start(), m.end(), f"{m.group('year')}-{season}", "season"))
    for m in _DECADE.finditer(text):
        if free(m.start(), m.end()):
            found.append(_Found(m.start(), m.end(), f"{m.group('dec')}X", "decade"))
    for m in _REL_UNIT.finditer(text):
        if not free(m.start(), m.end()):
            continue
        rel, unit = m.group("rel").lower(), m.group("unit").lower()
        shift = {"last": -1, "this": 0, "next": 1}[rel]
        found.append(_relative_unit(m.start(), m.end(), shift, unit, ref))
    for m in _DEICTIC.finditer(text):
        if free(m.start(), m.end()):
            shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[
                m.group("word").lower()]
            value = (ref + dt.timedelta(days=shift)).isoformat() if ref else "XXXX-XX-XX"
            found.append(_Found(m.start(), m.end(), value, "day", relative=True))
    for m in _AGO.finditer(text):
        if free(m.start(), m.end()):
            found.append(_ago(m, ref))
    dated = [(d.start, d.end) for d in facts_of(text).dates if d.day]
    for m in _WEEKDAY.finditer(text):
        if not free(m.start("day"), m.end("day")):
            continue
        if any(0 <= ds - m.end() <= 3 for ds, _ in dated):
            continue  # "on Sunday, 29 October": the date is read below
        wd = _WEEKDAYS.index(m.group("day").lower())
        if ref:
            # "said on Tuesday it will invest": the day of the saying, in the past
            said = _SAID_BEFORE.search(text[max(0, m.start() - 30) : m.start()])
            back = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
            ahead = ref + dt.timedelta(days=(wd - ref.weekday()) % 7)
            if said or tense == "past":
                day = back
            elif tense == "future":
                day = ahead
            else:
                day = min(back, ahead, key=lambda d: abs((d - ref).days))
            value = day.isoformat()
        else:
            value = f"XXXX-WXX-{wd + 1}"
        found.append(_Found(m.start(), m.end(), value, "day", relative=True))
    for m in _HOLIDAY.finditer(text):
        if not free(m.start(), m.end()):
            continue
        key = " ".join(m.group().lower().split())
        month, day = _HOLIDAYS.get(key, (12, 25))
        year = _infer_year(month, day, ref, tense) if ref else None
        found.append(_Found(m.start(), m.end(), _month_value(year, month, day), "day",
                            inferred=bool(year)))
    for d in facts_of(text).dates:
        if not free(d.start, d.end):
            continue
        if d.month is None:
            found.append(_Found(d.start, d.end, f"{d.year:04d}", "year"))
            continue
        year, inferred = d.year, False
        if year is None and ref is not None:
            year, inferred = _infer_year(d.month, d.day, ref, tense), True
        found.append(_Found(d.start, d.end, _month_value(year, d.month, d.day),
                            "day" if d.day else "month", inferred=inferred))
    found.sort(key=lambda f: f.start)
    return tuple(found)


def _relative_unit(start: int, end: int, shift: int, unit: str, ref: dt.date | None) -> _Found:
    if unit == "year":
        value = f"{ref.year + shift:04d}" if ref else "XXXX"
        return _Found(start, end, value, "year", relative=True)
    if unit == "month":
        if not ref:
            return _Found(start, end, "XXXX-XX", "month", relative=True)
        y, m = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
        return _Found(start, end, f"{y:04d}-{m + 1:02d}", "month", relative=True)
    if unit == "week":
        if not ref:
            return _Found(start, end, "XXXX-WXX", "week", relative=True)
        y, w, _ = (ref + dt.timedelta(weeks=shift)).isocalendar()
        return _Found(start, end, f"{y:04d}-W{w:02d}", "week", relative=True)
    if unit in _SEASONS:
        season = _SEASONS[unit]
        if not ref:
            return _Found(start, end, f"XXXX-{season}", "season", relative=True)
        return _Found(start, end, f"{ref.year + shift:04d}-{season}", "season", relative=True)
    if unit in _WEEKDAYS:
        wd = _WEEKDAYS.index(unit)
        if not ref:
            return _Found(start, end, f"XXXX-WXX-{wd + 1}", "day", relative=True)
        if shift < 0:
            delta = (ref.weekday() - wd) % 7 or 7
            day = ref - dt.timedelta(days=delta)
        elif shift > 0:
            delta = (wd - ref.weekday()) % 7 or 7
            day = ref + dt.timedelta(days=delta)
        else:
            day = ref + dt.timedelta(days=wd - ref.weekday())
        return _Found(start, end, day.isoformat(), "day", relative=True)
    month = MONTHS[unit]
    if not ref:
        return _Found(start, end, _month_value(None, month), "month", relative=True)
    if shift < 0:  # "last December": the most recent December before this month
        year = ref.year if month < ref.month else ref.year - 1
    elif shift > 0:
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return _Found(start, end, _month_value(year, month), "month", relative=True)


def _ago(m: re.Match[str], ref: dt.date | None) -> _Found:
    word = m.group("n").lower()
    n = int(word) if word.isdigit() else _COUNT.get(word, 1)
    unit = m.group("unit").lower().rstrip("s")
    precision = {"year": "year", "decade": "decade", "month": "month", "week": "week",
                 "day": "day"}[unit]
    if not ref:
        placeholder = {"year": "XXXX", "decade": "XXX", "month": "XXXX-XX", "week": "XXXX-WXX",
                       "day": "XXXX-XX-XX"}[unit]
        return _Found(m.start(), m.end(), placeholder, precision, relative=True)
    if unit == "year":
        value = f"{ref.year - n:04d}"
    elif unit == "decade":
        value = f"{(ref.year - 10 * n) // 10:03d}X"
    elif unit == "month":
        y, mo = divmod(ref.year * 12 + ref.month - 1 - n, 12)
        value = f"{y:04d}-{mo + 1:02d}"
    elif unit == "week":
        y, w, _ = (ref - dt.timedelta(weeks=n)).isocalendar()
        value = f"{y:04d}-W{w:02d}"
    else:
        value = (ref - dt.timedelta(days=n)).isoformat()
    return _Found(m.start(), m.end(), value, precision, relative=True)


# ----------------------------------------------------------------------------- numbers

_NUM = re.compile(
    r"(?P<cur>[$€£¥])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<suf>%|bn\b|mn\b|m\b|k\b|st\b|nd\b|rd\b|th\b|°C|°F|°)?"
)
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9,
           "mn": 1e6, "m": 1e6, "k": 1e3}
_CUR_SYMBOL = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CUR_WORD = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
             "yuan": "CNY", "renminbi": "CNY", "rubles": "RUB", "roubles": "RUB", "yen": "JPY",
             "rupees": "INR", "crowns": "crowns", "kronor": "SEK", "kroner": "crowns"}
_CUR_CODE = re.compile(r"\b(USD|EUR|GBP|CNY|RUB|JPY|CZK|SEK|NOK|DKK|CHF|INR|CAD|AUD)\s*$")
_UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "percentage point": "pp",
    "percentage points": "pp", "basis points": "bp", "basis point": "bp",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mi", "mile": "mi", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "m": "m", "mm": "mm", "cm": "cm", "kg": "kg", "kilograms": "kg", "grams": "g", "g": "g",
    "tonnes": "t", "tons": "t", "hectares": "ha", "acres": "acre", "gigawatt-hours": "GWh",
    "gwh": "GWh", "mw": "MW", "megawatts": "MW", "gigawatts": "GW", "cubic metres": "m3",
    "cubic meters": "m3", "degrees": "°", "°c": "°C", "°f": "°F",
}
_APPROX = re.compile(r"\b(?:about|around|approximately|nearly|almost|roughly|some|over|more than"
                     r"|less than|fewer than|up to|at least|at most|under|below|above|estimated"
                     r"|just over|just under|close to)\s*$", re.I)
_NUMBER_WORD = re.compile(
    r"\b(?P<a>a\s+)?(?P<w>" + "|".join(sorted({*NUMBER_WORDS, *ORDINAL_WORDS}, key=len,
                                               reverse=True)) + r")\b", re.I)
_SKIP_COUNTED = STOPWORDS | {"other", "more", "additional", "extra", "last", "next", "per",
                             "percent", "cent", "a", "year", "years", "ago"}


def numbers(text: str, *, offset: int = 0, taken: list[tuple[int, int]] | None = None
            ) -> list[NumberValue]:
    """Numbers in `text` (digits and number words) with value, unit and approximation flag.

    `taken` are (start, end) ranges of `text` already read as dates: numbers there are skipped.
    """
    taken = list(taken or [])
    out: list[NumberValue] = []

    def free(s: int, e: int) -> bool:
        return not any(s < te and ts < e for ts, te in taken)

    for m in _NUM.finditer(text):
        s, e = m.start(), m.end()
        before = text[max(0, s - 1) : s]
        if before and (before.isalnum() or before in "_'’"):
            continue  # L2, Chang'e4, 3rd-party ids
        if before == "-" and s >= 2 and text[s - 2].isalnum():
            continue  # Luna-25, 2022-23
        if not free(s, e) or re.search(r"\bNo\.\s*$", text[max(0, s - 4) : s]):
            continue
        if re.fullmatch(r"(?:1[89]|20)\d\d", m.group("num")) and re.match(r"[-–/]\d", text[e:]):
            continue  # "the 2022-23 school year"
        value = float(m.group("num").replace(",", ""))
        suf = (m.group("suf") or "").lower()
        unit = None
        ordinal = suf in ("st", "nd", "rd", "th")
        if suf in ("%",):
            unit = "%"
        elif suf in ("°c", "°f", "°"):
            unit = suf.replace("°c", "°C").replace("°f", "°F")
        if before == "-" or before == "−":
            s -= 1
            value = -value
        end = e
        if suf in ("bn", "mn", "m", "k"):
            value *= _SCALES[suf]
        rest = text[end:]
        sm = re.match(r"\s+(thousand|million|billion|trillion)\b", rest, re.I)
        if sm:
            value *= _SCALES[sm.group(1).lower()]
            end += sm.end()
            rest = text[end:]
        if m.group("cur"):
            unit = _CUR_SYMBOL[m.group("cur")]
        code = _CUR_CODE.search(text[max(0, s - 5) : s])
        if code and unit is None:
            unit = code.group(1)
        if unit is None:
            unit, end = _unit_after(text, end)
        approx = bool(_APPROX.search(text[max(0, s - 16) : s]))
        out.append(NumberValue(text=text[s:end], span=Span(start=offset + s, end=offset + end),
                               value=round(value, 6), unit=unit, approx=approx,
                               ordinal=ordinal))
        taken.append((s, end))
    for m in _NUMBER_WORD.finditer(text):
        s, e = m.start("w"), m.end("w")
        word = m.group("w").lower()
        if not free(s, e):
            continue
        if (word == "second" and re.match(r"\s*(?:$|[.,;])", text[e:])) or \
                re.search(r"\bper\s+$", text[max(0, s - 5) : s]):
            continue  # "per second"
        if word in ORDINAL_WORDS:
            value, ordinal = float(ORDINAL_WORDS[word]), True
        else:
            value, ordinal = float(NUMBER_WORDS[word]), False
        if word in ("one",) and not re.match(r"\s+\w", text[e:]):
            continue
        end = e
        sm = re.match(r"\s+(thousand|million|billion|trillion)\b", text[end:], re.I)
        if sm:
            value *= _SCALES[sm.group(1).lower()]
            end += sm.end()
        start = s
        unit = None
        if not ordinal:
            unit, end = _unit_after(text, end)
        out.append(NumberValue(text=text[start:end], span=Span(start=offset + start,
                               end=offset + end), value=value, unit=unit,
                               approx=bool(_APPROX.search(text[max(0, s - 16) : s])),
                               ordinal=ordinal))
    for m in re.finditer(r"\ba\s+(thousand|million|billion|trillion)\b", text, re.I):
        if free(m.start(), m.end()) and not any(
                n.span.start <= offset + m.start() < n.span.end for n in out):
            unit, end = _unit_after(text, m.end())
            out.append(NumberValue(text=text[m.start() : end],
                                   span=Span(start=offset + m.start(), end=offset + end),
                                   value=_SCALES[m.group(1).lower()], unit=unit, approx=True))
    out.sort(key=lambda n: n.span.start)
    return out


def _unit_after(text: str, end: int) -> tuple[str | None, int]:
    """The unit, currency or counted noun right after a number; returns (unit, new end)."""
    rest = text[end:]
    m = re.match(r"\s*(?:-\s*)?([A-Za-z°][\w°-]*(?:\s+(?:points?|metres|meters|cent))?)", rest)
    if not m:
        return None, end
    word = m.group(1)
    low = word.lower()
    for candidate in (low, low.split()[0]):
        if candidate in _UNITS:
            n = len(m.group(0)) if candidate == low else rest.lower().find(candidate) + len(
                candidate)
            return _UNITS[candidate], end + n
    cur = re.match(r"\s+(?:[A-Z][a-z]+\s+)?([a-z]+)\b", rest)
    if cur and cur.group(1) in _CUR_WORD:
        return _CUR_WORD[cur.group(1)], end + cur.end()
    two = re.match(r"\s+([a-z][a-z-]+)(?:\s+([a-z][a-z-]+))?", rest)
    if not two:
        return None, end
    w1, w2 = two.group(1), two.group(2)
    if w1 in _SKIP_COUNTED:
        m2 = re.match(r"\s+[a-z-]+\s+([a-z][a-z-]+)", rest)
        if m2 and m2.group(1) not in _SKIP_COUNTED:
            return m2.group(1), end
        return None, end
    if w2 and w2.endswith("s") and not w1.endswith("s") and w2 not in _SKIP_COUNTED:
        return f"{w1} {w2}", end
    return w1, end


# ----------------------------------------------------------------------------- entities

_TITLES = {
    "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "gen", "gen.", "sen",
    "sen.", "rep", "rep.", "gov", "gov.", "president", "governor", "minister", "councillor",
    "councilor", "senator", "director", "chancellor", "commissioner", "administrator", "judge",
    "justice", "king", "queen", "prince", "princess", "pope", "chairman", "chairwoman", "mayor",
    "premier", "secretary", "ambassador", "general", "colonel", "captain", "sir", "lady", "lord",
    "astronaut", "cosmonaut", "professor", "chief", "executive", "leader", "spokesman",
    "spokeswoman",
}
_ORG_WORDS = {
    "agency", "administration", "center", "centre", "centers", "centres", "council", "congress",
    "committee", "ministry", "department", "office", "bank", "inc", "inc.", "corp", "corp.",
    "ltd", "ltd.", "group", "university", "institute", "commission", "government", "party",
    "democrats", "republicans", "senate", "parliament", "union", "association", "organization",
    "organisation", "foundation", "headquarters", "court", "police", "army", "navy", "force",
    "corporation", "company", "authority", "board", "bureau", "service", "hospital", "school",
    "college", "airlines", "motors", "times", "news", "network", "laboratory", "laboratories",
    "society", "federation", "fund", "reserve", "assembly", "cabinet", "house", "club", "team",
    "industries", "holdings", "partners", "systems", "technologies", "labs", "cells",
    "administration's", "court's", "plc", "ag", "gmbh", "llc", "engineering",
    "logistics", "pharmaceuticals", "pharma", "robotics", "aerospace", "electronics",
    "chemicals", "ventures", "airways", "shipping", "solutions", "software", "telecom",
    "telecoms", "foods", "energy", "mining", "steel", "brands", "capital", "studios",
    "construction",
}
KNOWN_ORGS = {
    "nasa", "roscosmos", "roskosmos", "esa", "cnsa", "jaxa", "isro", "csa", "cdc", "who", "un",
    "eu", "nato", "imf", "opec", "greenpeace", "spacex", "boeing", "airbus", "reuters", "ap",
    "afp", "bbc", "xinhua", "tass", "nordbank", "ons", "fda", "nih", "wto", "oecd", "unesco",
    "unicef", "fbi", "cia", "pentagon", "kremlin", "congress", "google", "apple", "microsoft",
    "amazon", "tesla", "ilrs", "wire",
}
_PLACE_WORDS = {
    "river", "lake", "sea", "ocean", "mountain", "mountains", "mount", "island", "islands",
    "province", "county", "city", "street", "st", "road", "avenue", "square", "bridge", "valley",
    "bay", "port", "republic", "kingdom", "states", "gulf", "peninsula", "desert", "region",
    "coast", "spaceport", "airport", "harbour", "harbor", "district", "village", "town",
    "cosmodrome", "strait", "canal", "park", "reservoir",
}
KNOWN_PLACES = {
    "russia", "china", "japan", "canada", "france", "germany", "italy", "spain", "india",
    "brazil", "mexico", "ukraine", "poland", "hungary", "sweden", "norway", "denmark", "finland",
    "britain", "england", "scotland", "wales", "ireland", "europe", "asia", "africa", "america",
    "australia", "korea", "israel", "iran", "iraq", "egypt", "turkey", "greece", "portugal",
    "netherlands", "belgium", "austria", "switzerland", "czechia", "slovakia", "romania",
    "bulgaria", "serbia", "croatia", "argentina", "chile", "peru", "colombia", "venezuela",
    "nigeria", "kenya", "ethiopia", "pakistan", "bangladesh", "indonesia", "vietnam",
    "thailand", "philippines", "malaysia", "singapore", "taiwan", "kazakhstan", "luxembourg",
    "uae", "u.s.", "us", "usa", "u.k.", "uk", "moscow", "beijing", "washington", "paris",
    "london", "berlin", "tokyo", "kyiv", "kiev", "shanghai", "delhi", "houston", "florida",
    "texas", "california", "arizona", "ohio", "pennsylvania", "philadelphia", "phoenix",
    "columbus", "new york", "chicago", "seville", "ostrava", "zhengzhou", "luoyang", "kourou",
    "guiana", "baikonur", "vostochny", "xichang", "wenchang", "moon", "mars", "earth", "venus",
    "jupiter", "saturn", "sun", "mercury", "skelleftea", "frankfurt", "brussels", "geneva",
}
# "Line 1", "Terminal 2", "Route 9": a capitalised noun and its number name one thing
_DESIGNATED = frozenset(("line", "route", "terminal", "gate", "platform", "runway", "pier",
                        "berth", "reactor", "ward", "phase", "building", "tower", "highway",
                        "motorway", "exit"))
_MISSION_WORDS = {
    "mission", "missions", "telescope", "station", "gateway", "rover", "lander", "probe",
    "orbiter", "program", "programme", "project", "rocket", "spacecraft", "satellite", "capsule",
    "module", "shuttle", "artemis", "apollo", "hubble", "webb", "ariane", "soyuz", "falcon",
    "starship", "perseverance", "ingenuity", "zhurong", "euclid", "juice", "tianwen", "zarya",
    "queqiao", "canadarm3", "angara", "proton", "voyager", "cassini", "curiosity",
}
_MISSION_PREFIX = re.compile(r"^(?:chang['’]e|luna|tianwen|chandrayaan|hayabusa|artemis|apollo"
                             r"|soyuz|ariane|falcon|gaganyaan|shenzhou|tiangong|mars)\b", re.I)
_OTHER_WORDS = {"agreement", "agreements", "accords", "accord", "treaty", "act", "memorandum",
                "plan", "directive", "law", "bill", "declaration", "resolution", "convention",
                # events and venues: "Harbourlight Festival" is no person
                "festival", "championship", "championships", "games", "olympics", "expo",
                "summit", "fair", "marathon", "tournament", "stadium", "arena", "museum",
                "theatre", "theater", "cathedral", "mine", "dam", "tunnel"}
_ORG_CUES = {"maker", "company", "firm", "group", "startup", "start-up", "brand", "retailer",
             "carrier", "lender", "insurer", "developer", "operator", "manufacturer", "giant",
             "producer", "supplier", "agency", "charity", "broadcaster", "newspaper", "outlet",
             "regulator", "bank", "automaker", "airline", "publisher", "organisation",
             "organization"}
_ABBREV = {"dr.", "mr.", "mrs.", "ms.", "st.", "prof.", "gen.", "sen.", "rep.", "gov.", "jr.",
           "sr.", "inc.", "corp.", "ltd.", "co.", "no.", "mt.", "ft."}
_CONNECT = {"of", "for", "and", "de", "del", "la", "von", "van", "the", "on", "da", "al"}
_POSSESSIVE_NEXT = {"hospital", "university", "college", "church", "cathedral", "school", "bay",
                    "island", "park", "square"}
_ENT_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’-]*\.?|\d[\d,.]*|\((?:[A-Z]{2,6}|L\d)\)"
                        r"|\S")
_NOT_NAMES = STOPWORDS | {
    "last", "most", "each", "many", "several", "every", "like", "despite", "part", "so", "far",
    "only", "even", "meanwhile", "however", "still", "yet", "already", "once", "now", "today",
    "yesterday", "tomorrow", "here", "there", "because", "although", "though", "whether",
    "construction", "economists", "markets", "experts", "analysts", "officials", "local",
    "heavy", "food", "inflation", "yields", "opposition", "vaccination", "outbreaks", "measles",
    "pediatric", "other", "is", "what", "let's", "want", "quick", "pretty", "talk", "sign",
    "share", "read", "voters", "environmental", "people", "both", "next", "first",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    *(m for m in MONTHS if len(m) > 3), "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}


@dataclass
class EntityMemory:
    """What the article has said about names so far: "Varga" is the person "Elena Varga"."""

    persons: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)
    known: set[str] = field(default_factory=set)  # lower-cased names seen mid-sentence


def _tokens(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _ENT_TOKEN.finditer(text):
        tok = m.group()
        if tok.endswith(".") and tok.lower() not in _ABBREV and not re.fullmatch(
                r"(?:[A-Z]\.){2,}", tok):
            out.append((tok[:-1], m.start(), m.end() - 1))
            out.append((".", m.end() - 1, m.end()))
        else:
            out.append((tok, m.start(), m.end()))
    return out


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper() or bool(re.fullmatch(r"\((?:[A-Z]{2,6}|L\d)\)", tok))


_MONTH_ABBREVS = frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                            "nov", "dec"})


def _not_name(toks: list[tuple[str, int, int]], j: int) -> bool:
    """A capitalised word that is no name ("However", "June") -- but "Jan Vogt" is a person."""
    tok = toks[j][0]
    low = tok.lower()
    if low not in _NOT_NAMES or tok.isupper():
        return False
    if low in _MONTH_ABBREVS and j + 1 < len(toks):
        nxt = toks[j + 1][0]
        return not (nxt[:1].isupper() and nxt.isalpha() and nxt.lower() not in MONTHS)
    return True


def entities(text: str, *, offset: int = 0, memory: EntityMemory | None = None,
             sentence_start: bool = True) -> list[Entity]:
    """Capitalised name sequences in `text`, typed roughly; spans shifted by `offset`.

    `sentence_start` says whether `text` begins a sentence (its first word is capitalised
    anyway, so it counts as a name only if known, an acronym or followed by another name).
    """
    memory = memory or EntityMemory()
    toks = _tokens(text)
    out: list[Entity] = []
    i = 0
    while i < len(toks):
        tok, _s, _ = toks[i]
        if not _is_cap(tok) or _not_name(toks, i):
            i += 1
            continue
        first_word = i == 0 and sentence_start
        j = i + 1
        while j < len(toks):
            t = toks[j][0]
            prev = toks[j - 1][0]
            if _is_cap(t) and t.lower() not in ("i",) and not _not_name(toks, j):
                if prev.endswith(("'s", "’s")) and t.lower() not in _POSSESSIVE_NEXT:
                    break
                j += 1
                continue
            low_t = t.lower()
            if low_t in _CONNECT and j + 1 < len(toks) and _is_cap(toks[j + 1][0]):
                if low_t == "and":
                    ok = any(x[0].lower() in ("for", "of") for x in toks[i:j])
                elif low_t == "the":
                    ok = prev.lower() in ("of", "for")
                else:
                    ok = True
                if ok:
                    j += 1
                    continue
            if re.fullmatch(r"\d+|[IVX]+", t.rstrip(",;:")) and (prev.lower() == "no." or (
                    prev.lower() in _MISSION_WORDS or prev.lower() in _DESIGNATED
                    or _MISSION_PREFIX.match(prev))):
                j += 1
                continue
            break
        run = toks[i:j]
        while run and run[-1][0].lower() in _CONNECT:
            run = run[:-1]
        if first_word and len(run) == 1:
            name = run[0][0]
            low = name.lower().removesuffix("'s").removesuffix("’s")
            if not (name.isupper() or low in memory.known or low in KNOWN_PLACES
                    or low in KNOWN_ORGS or low in memory.persons or low in memory.orgs
                    or _MISSION_PREFIX.match(name) or re.search(r"\d", name)):
                i = j
                continue
        for part in _split_run(run):
            ent = _make_entity(text, part, toks, offset, memory)
            if ent is not None:
                out.append(ent)
        i = max(j, i + 1)
    return out


def _split_run(run: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """"Director of the China Space Administration Zhang Kejian" -> title part + person."""
    for k in range(1, len(run) - 1):
        if run[k][0].lower() in _ORG_WORDS and len(run) - k - 1 >= 2 and all(
                _is_cap(t[0]) and t[0].lower() not in _ORG_WORDS | _PLACE_WORDS | _MISSION_WORDS
                for t in run[k + 1 :]):
            return [run[: k + 1], run[k + 1 :]]
    return [run]


def _make_entity(text: str, run, toks, offset: int, memory: EntityMemory) -> Entity | None:
    if not run:
        return None
    start, end = run[0][1], run[-1][2]
    if run[0][0] in ("The", "A", "An") and len(run) > 1:
        start = run[1][1]
        run = run[1:]
    surface = text[start:end]
    while surface[-1:] in (",", ";", ":"):  # "Line 1, which ...": the number took the comma
        end -= 1
        surface = surface[:-1]
    if surface.endswith(("'s", "’s")):
        end -= 2
        surface = surface[:-2]
    words = [t[0].lower().rstrip(".").removesuffix("'s").removesuffix("’s") for t in run]
    low = surface.lower()
    kind: str
    before = text[max(0, start - 30) : start].lower().split()
    titled = next((i for i, w in enumerate(words[:-1]) if w in _TITLES), None)
    if any(w in _OTHER_WORDS for w in words):
        kind = "other"
    elif titled is not None and not any(w in _ORG_WORDS | _TITLES for w in words[titled + 1 :]):
        kind = "person"  # "Energy Minister Jan Vogt": a title, then a name
    elif any(w in _MISSION_WORDS for w in words) or _MISSION_PREFIX.match(surface) or (
            re.search(r"\d", surface) and not low.startswith("no.")):
        kind = "mission"
    elif any(w in _ORG_WORDS for w in words) or low in KNOWN_ORGS or low in memory.orgs or (
            before and before[-1] in _ORG_CUES):
        kind = "organisation"
    elif any(w in _TITLES for w in words[:-1]) and words[-1] not in _TITLES:
        kind = "person"
    elif low in KNOWN_PLACES or any(w in _PLACE_WORDS for w in words) or (
            words[-1] in KNOWN_PLACES and len(words) <= 2):
        kind = "place"
    elif surface.isupper() and len(surface) >= 2:
        kind = "organisation"
    elif low in memory.persons or 2 <= len(words) <= 3:
        kind = "person"
    else:
        kind = "other"
    if kind == "person":
        names = [t[0] for t in run if t[0].lower().rstrip(".") not in _TITLES]
        if names:
            memory.persons.add(names[-1].lower())
            memory.persons.add(" ".join(names).lower())
    elif kind == "organisation":
        memory.orgs.add(low)
    return Entity(text=surface, span=Span(start=offset + start, end=offset + end),
                  type=kind)  # type: ignore[arg-type]


def negated(text: str) -> bool:
    return facts_of(text).negated
