"""Stage 3: decide whether retrieved passages support, contradict or leave a claim unverified.

The rule judge reads each candidate passage for the claim's checkable facts (dates, numbers,
names, negation) and records which it confirms, which it contradicts and which it does not
mention. It says `supported` only when the passages of one document use most of the claim's
words and confirm every checkable fact, and `contradicted` only when a passage about the same
thing states a different date, number or name that no equally close passage confirms.
Everything else is `unverified`, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from verifier.facts import (
    Facts,
    coverage,
    date_confirms,
    dates_agree,
    facts_of,
    looks_like_misnamed,
    name_similarity,
    numbers_agree,
    role_holders,
    spelling_variant,
)
from verifier.models import Candidate, Claim, ClaimResult, Discrepancy, Evidence, SourceDocument


@dataclass(frozen=True)
class JudgeSettings:
    related_similarity: float = 0.45  # below this a passage is not about the claim
    related_coverage: float = 0.35
    # A passage this close restates the claim, so any other date in it for a compatible event
    # is a contradiction even when neither names the event ("on 4 May" / "on 5 May").
    restating_similarity: float = 0.7
    restating_coverage: float = 0.7
    support_similarity: float = 0.55
    support_coverage: float = 0.7
    candidates: int = 10  # how many retrieved passages are read
    max_evidence: int = 3


@dataclass
class Reading:
    """What one candidate passage says about the claim's checkable facts."""

    candidate: Candidate
    facts: Facts
    coverage: float
    confirmed: set[str] = field(default_factory=set)
    missing: dict[str, str] = field(default_factory=dict)  # fact key -> words from the claim
    discrepancies: dict[str, Discrepancy] = field(default_factory=dict)
    same_subject: bool = True

    @property
    def doc(self) -> SourceDocument:
        return self.candidate.document

    @property
    def strength(self) -> float:
        return 0.5 * self.candidate.score + 0.5 * self.coverage


def _doc_words(doc: SourceDocument) -> frozenset[str]:
    return _words_of(doc.title, doc.text)


# Several candidates of one claim usually come from the same document: read its words once.
@lru_cache(maxsize=256)
def _words_of(title: str, text: str) -> frozenset[str]:
    words = {w.lower() for t in (title, text) for w, _, _ in facts_of(t).words}
    # "NASA-led" also mentions NASA.
    return frozenset(words | {part for w in words if "-" in w for part in w.split("-") if part})


def _name_found(name: str, words: set[str]) -> bool:
    low = name.lower()
    return low in words or any(spelling_variant(low, w) for w in words if w[:1] == low[:1])


def _has_digit_twin(name: str, names: list[str]) -> bool:
    """'Chang'e-3' against 'Chang'e-4': the same family, a different mission."""
    stripped = "".join(ch for ch in name if not ch.isdigit())
    return any(
        n != name
        and any(ch.isdigit() for ch in n)
        and "".join(c for c in n if not c.isdigit()) == stripped
        for n in names
    )


def confidence_of(value: float) -> float:
    # Never certain either way: the scores behind it are heuristics (similarity can be negative).
    return round(min(0.95, max(0.05, value)), 3)


def source_label(doc: SourceDocument) -> str:
    kind = doc.doc_type.replace("_", " ")
    when = f" of {doc.date.isoformat()}" if doc.date else ""
    return f"{doc.publisher} {kind}{when}"


def _read(claim: Facts, cand: Candidate, settings: JudgeSettings) -> Reading:
    doc = cand.document
    ev = facts_of(cand.passage.text)
    title = facts_of(doc.title)
    r = Reading(cand, ev, coverage(claim, ev.content | title.content))
    restates = (cand.score >= settings.restating_similarity
                and r.coverage >= settings.restating_coverage)
    doc_words = _doc_words(doc)
    claim_words = {w.lower() for w, _, _ in claim.words}
    ev_names = [n.text for n in ev.names] + [n.text for n in title.names]

    for d in claim.dates:
        key = f"date:{d.start}"
        # A date only speaks to the claim's date if it is about the same kind of event.
        comparable = [e for e in ev.dates if not (d.event and e.event and d.event != e.event)]
        if any(date_confirms(d, e) for e in comparable):
            r.confirmed.add(key)
            continue
        wrong = [e for e in comparable if dates_agree(d, e) is False
                 and (restates or (d.event and e.event == d.event))]
        if wrong:
            r.discrepancies[key] = Discrepancy(
                kind="date", claim_value=d.text, evidence_value=wrong[0].describe(),
                doc_id=doc.id, note=f"{wrong[0].event} date",
            )
        else:
            r.missing[key] = d.text
    for n in claim.numbers:
        key = f"number:{n.start}"
        comparable = [e for e in ev.numbers if e.ordinal == n.ordinal and e.context & n.context]
        if any(numbers_agree(n, e) for e in comparable):
            r.confirmed.add(key)
        elif comparable:
            e = comparable[0]
            r.discrepancies[key] = Discrepancy(
                kind="number", claim_value=n.text, evidence_value=e.text, doc_id=doc.id,
                note=" ".join(sorted(n.context & e.context)),
            )
        else:
            r.missing[key] = n.text
    for name in claim.names:
        key = f"name:{name.text.lower()}"
        if _name_found(name.text, doc_words):
            r.confirmed.add(key)
            continue
        if _has_digit_twin(name.text, ev_names):
            r.same_subject = False  # a sibling mission: not the same subject at all
            continue
        # A look-alike the claim itself also uses ("States" / "Station") is not a rename.
        twins = [n for n in ev_names
                 if looks_like_misnamed(name.text, n) and not _name_found(n, claim_words)]
        if twins:
            twin = max(twins, key=lambda n: name_similarity(name.text, n))
            r.discrepancies[key] = Discrepancy(
                kind="name", claim_value=name.text, evidence_value=twin, doc_id=doc.id,
            )
        else:
            r.missing[key] = name.text
    _check_roles(claim, ev, r, doc_words, claim_words)
    if claim.negated == ev.negated:
        r.confirmed.add("negation")
    else:
        r.missing["negation"] = "the negation" if claim.negated else "(the source negates it)"
    return r


def _check_roles(claim: Facts, ev: Facts, r: Reading, doc_words: frozenset[str],
                 claim_words: set[str]) -> None:
    """'its director general, Igor Komarov' against 'Director General Dmitry Rogozin'."""
    claim_names = {n.text.lower() for n in claim.names}
    theirs = sorted(
        (h for h in role_holders(ev.words) if not all(_name_found(w, claim_words) for w in h[1])),
        # The holder whose organisation the claim names: "Roscosmos Director General ..."
        key=lambda h: len({w.lower() for w in h[0]} & claim_names),
    )
    for _, person in role_holders(claim.words):
        unknown = [w for w in person if not _name_found(w, doc_words)]
        if not unknown or not theirs:
            continue
        key = f"name:{unknown[-1].lower()}"
        if key in r.discrepancies:
            continue
        r.missing.pop(key, None)
        r.discrepancies[key] = Discrepancy(
            kind="name", claim_value=" ".join(person), evidence_value=" ".join(theirs[-1][1]),
            doc_id=r.doc.id, note="office holder",
        )


def _fact_keys(claim: Facts) -> set[str]:
    return ({f"date:{d.start}" for d in claim.dates} | {f"number:{n.start}" for n in claim.numbers}
            | {f"name:{n.text.lower()}" for n in claim.names} | {"negation"})


def evidence_of(reading: Reading) -> Evidence:
    p, doc = reading.candidate.passage, reading.doc
    return Evidence(
        doc_id=doc.id, title=doc.title, publisher=doc.publisher, date=doc.date, url=doc.url,
        quote=p.text, span=p.span, score=round(reading.candidate.score, 4),
    )


@dataclass
class Assessment:
    """Everything the fact checks found for one claim, before a verdict is chosen."""

    claim: Claim
    facts: Facts
    readings: list[Reading]
    related: list[Reading]
    standing: list[tuple[Reading, Discrepancy]]  # mismatches no closer passage contradicts
    support: list[Reading] | None  # passages of one document confirming every fact
    # Mismatches that only sources published after the article state, on facts that change
    # over time: they may record a later state rather than an error.
    superseded: list[tuple[Reading, Discrepancy]] = field(default_factory=list)

    @property
    def base(self) -> dict:
        return self.claim.result_fields()

    def facts_keys(self) -> set[str]:
        return _fact_keys(self.facts)


def assess(claim: Claim, candidates: list[Candidate], settings: JudgeSettings) -> Assessment:
    s = settings
    cf = facts_of(claim.text)
    readings = [_read(cf, c, s) for c in candidates[: s.candidates]]
    related = [
        r for r in readings
        if r.same_subject and r.candidate.score >= s.related_similarity
        and r.coverage >= s.related_coverage
    ]
    # A mismatch stands only if no passage at least as close to the claim confirms the fact.
    standing: list[tuple[Reading, Discrepancy]] = []
    superseded: list[tuple[Reading, Discrepancy]] = []
    for r in related:
        for key, d in r.discrepancies.items():
            if not any(key in o.confirmed and o.strength >= r.strength for o in related):
                later = _may_have_changed(claim, cf, r, d)
                (superseded if later else standing).append((r, d))
    return Assessment(claim, cf, readings, related, standing, _best_support(cf, related, s),
                      superseded)


def _may_have_changed(claim: Claim, facts: Facts, reading: Reading, d: Discrepancy) -> bool:
    """A later source's different count or office holder may be a later state, not an error.

    "The Accords have six signatories" (March 2021) is not refuted by a 2023 release naming
    eight; "six nations signed on 13 October 2020" is, whatever the source's date, because the
    claim fixes the moment it speaks of. Dates of events do not change, so they always count.
    """
    published = reading.doc.date
    if claim.as_of is None or published is None or published <= claim.as_of or facts.dates:
        return False
    return d.kind == "number" or (d.kind == "name" and d.note == "office holder")


def contradicted_by_facts(a: Assessment) -> ClaimResult:
    top = max((r for r, _ in a.standing), key=lambda r: r.strength)
    found = [d for r, d in a.standing if r is top]
    said = "; ".join(
        f"article says {d.claim_value!r}, source says {d.evidence_value!r}"
        + (f" ({d.note})" if d.note else "")
        for d in found
    )
    reason, evidence = f"{source_label(top.doc)}: {said}.", [evidence_of(top)]
    if a.support:  # a less close source agrees with the article: show both, say which won
        other = a.support[0]
        reason += (f" Conflicting: {source_label(other.doc)} matches the claim, in a passage "
                   "less close to it; the explicit mismatch decides.")
        evidence.append(evidence_of(other))
    return ClaimResult(
        **a.base, verdict="contradicted",
        confidence=confidence_of(0.4 + 0.6 * top.strength),
        reason=reason, evidence=evidence, discrepancies=found,
    )


def unverified(a: Assessment, note: str = "") -> ClaimResult:
    if a.superseded:
        r, d = max(a.superseded, key=lambda x: x[0].strength)
        return ClaimResult(
            **a.base, verdict="unverified",
            confidence=confidence_of(0.4 + 0.6 * r.strength),
            reason=(f"Only a later source disagrees: {source_label(r.doc)} says "
                    f"{d.evidence_value!r} where the article ({a.claim.as_of.isoformat()}) says "
                    f"{d.claim_value!r}; it may describe a later state, so it is not counted as "
                    f"a contradiction.{note}"),
            evidence=[evidence_of(r)], discrepancies=[d],
        )
    if a.related:
        best = max(a.related, key=lambda r: r.strength)
        gaps = sorted(set(best.missing.values()))
        what = (f"it does not mention {', '.join(gaps)}" if gaps
                else f"it shares only {best.coverage:.0%} of the claim's words")
        return ClaimResult(
            **a.base, verdict="unverified",
            confidence=confidence_of(1 - best.strength),
            reason=f"Evidence neutral: the closest passage ({source_label(best.doc)}) is "
                   f"related, but {what}.{note}",
            evidence=[evidence_of(best)],
        )
    top = a.readings[0] if a.readings else None
    closest = (f" (closest: {top.doc.title!r}, similarity {top.candidate.score:.2f})"
               if top else "")
    return ClaimResult(
        **a.base, verdict="unverified",
        confidence=confidence_of(1 - (top.strength if top else 0.0)),
        reason=f"No relevant evidence found in the reference corpus{closest}.",
    )


class Judge(Protocol):
    """What the pipeline needs from a judge (rules, rules + stance model, LLM)."""

    name: str

    def judge(self, claim: Claim, candidates: list[Candidate]) -> ClaimResult: ...


class RuleJudge:
    """Explicit date/number/name checks over lexical coverage and embedding similarity."""

    name = "rules-v2"

    def __init__(self, settings: JudgeSettings | None = None) -> None:
        self.settings = settings or JudgeSettings()

    def judge(self, claim: Claim, candidates: list[Candidate]) -> ClaimResult:
        a = assess(claim, candidates, self.settings)
        # An explicit mismatch outweighs support from other passages: those may match the claim's
        # words while speaking of another event (a launch date read as a landing date).
        if a.standing:
            return contradicted_by_facts(a)
        if a.support:
            return ClaimResult(
                **a.base, verdict="supported",
                confidence=confidence_of(0.3 + 0.6 * a.support[0].strength),
                reason=(f"{source_label(a.support[0].doc)} states it: every name, number and "
                        "date in the claim is in the cited passage(s)."),
                evidence=[evidence_of(r) for r in a.support],
            )
        return unverified(a)


def _best_support(
    claim: Facts, related: list[Reading], s: JudgeSettings
) -> list[Reading] | None:
    """The passages of one document that together confirm every checkable fact."""
    needed = _fact_keys(claim)
    best: list[Reading] | None = None
    for doc_id in dict.fromkeys(r.doc.id for r in related):
        group = sorted((r for r in related if r.doc.id == doc_id),
                       key=lambda r: r.strength, reverse=True)
        lead = group[0]
        if lead.candidate.score < s.support_similarity or lead.coverage < s.support_coverage:
            continue
        if any(lead.discrepancies.get(k) for k in needed):
            continue
        chosen, confirmed = [lead], set(lead.confirmed)
        for r in group[1:]:
            if len(chosen) >= s.max_evidence:
                break
            if r.confirmed - confirmed and not r.discrepancies:
                chosen.append(r)
                confirmed |= r.confirmed
        if needed <= confirmed and (best is None or lead.strength > best[0].strength):
            best = chosen
    return best
