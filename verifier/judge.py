"""Stage 3: decide whether retrieved passages support, contradict or leave a claim unverified.

The rule judge only says `supported` when one passage (or a few passages of one document) uses
most of the claim's words and matches every name, number and date in it, and only says
`contradicted` when a passage about the same thing states a different date, number or name.
Everything else is `unverified`, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from verifier.facts import (
    Facts,
    coverage,
    dates_agree,
    facts_of,
    looks_like_misnamed,
    numbers_agree,
    spelling_variant,
)
from verifier.models import Candidate, Claim, ClaimResult, Discrepancy, Evidence, SourceDocument


@dataclass(frozen=True)
class JudgeSettings:
    related_similarity: float = 0.45  # below this a passage is not about the claim
    related_coverage: float = 0.35
    support_similarity: float = 0.55
    support_coverage: float = 0.7
    candidates: int = 8  # how many retrieved passages are read
    max_evidence: int = 3


@dataclass
class _Reading:
    """What one candidate passage says about the claim."""

    candidate: Candidate
    doc: SourceDocument
    facts: Facts
    coverage: float
    discrepancies: list[Discrepancy] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def strength(self) -> float:
        return 0.5 * self.candidate.score + 0.5 * self.coverage


def _doc_words(doc: SourceDocument) -> set[str]:
    return {w.lower() for w, _, _ in facts_of(doc.title).words} | {
        w.lower() for w, _, _ in facts_of(doc.text).words
    }


def _name_found(name: str, words: set[str]) -> bool:
    low = name.lower()
    return low in words or any(spelling_variant(low, w) for w in words if w[:1] == low[:1])


def _has_digit_twin(name: str, names: list[str]) -> bool:
    """'Chang'e-3' against 'Chang'e-4': the same family, a different mission."""
    stripped = "".join(ch for ch in name if not ch.isdigit())
    return any(
        n != name and any(ch.isdigit() for ch in n) and "".join(c for c in n if not c.isdigit())
        == stripped for n in names
    )


def _source_label(doc: SourceDocument) -> str:
    kind = doc.doc_type.replace("_", " ")
    when = f" of {doc.date.isoformat()}" if doc.date else ""
    return f"{doc.publisher} {kind}{when}"


class RuleJudge:
    """Explicit date/number/name checks over lexical coverage and embedding similarity."""

    name = "rules-v1"

    def __init__(self, settings: JudgeSettings | None = None) -> None:
        self.settings = settings or JudgeSettings()

    def _read(self, claim: Facts, cand: Candidate) -> _Reading:
        doc = cand.document
        ev = facts_of(cand.passage.text)
        title = facts_of(doc.title)
        reading = _Reading(cand, doc, ev, coverage(claim, ev.content | title.content))
        doc_words = _doc_words(doc)
        claim_words = {w.lower() for w, _, _ in claim.words}
        ev_names = [n.text for n in ev.names] + [n.text for n in title.names]

        for d in claim.dates:
            same_event = [e for e in ev.dates if d.event and e.event == d.event]
            verdicts = [dates_agree(d, e) for e in same_event]
            if any(v is True for v in verdicts) or any(dates_agree(d, e) for e in ev.dates):
                continue
            wrong = [e for e, v in zip(same_event, verdicts, strict=True) if v is False]
            if wrong:
                e = wrong[0]
                reading.discrepancies.append(Discrepancy(
                    kind="date", claim_value=d.text, evidence_value=e.describe(), doc_id=doc.id,
                    note=f"{e.event} date",
                ))
            else:
                reading.missing.append(d.text)
        for n in claim.numbers:
            comparable = [e for e in ev.numbers if e.ordinal == n.ordinal and e.context & n.context]
            if any(numbers_agree(n, e) for e in comparable):
                continue
            if comparable:
                e = comparable[0]
                reading.discrepancies.append(Discrepancy(
                    kind="number", claim_value=n.text, evidence_value=e.text, doc_id=doc.id,
                    note=" ".join(sorted(n.context & e.context)),
                ))
            else:
                reading.missing.append(n.text)
        for name in claim.names:
            if _name_found(name.text, doc_words):
                continue
            if _has_digit_twin(name.text, ev_names):
                reading.coverage = 0.0  # a sibling mission or product: not the same subject
                break
            # A look-alike the claim itself also uses ("States" / "Station") is not a rename.
            twins = [n for n in ev_names if looks_like_misnamed(name.text, n)
                     and not _name_found(n, claim_words)]
            if twins:
                reading.discrepancies.append(Discrepancy(
                    kind="name", claim_value=name.text, evidence_value=twins[0], doc_id=doc.id,
                ))
            else:
                reading.missing.append(name.text)
        if claim.negated != ev.negated:
            reading.missing.append("negation" if claim.negated else "(evidence is negated)")
        return reading

    def _evidence(self, reading: _Reading) -> Evidence:
        p, doc = reading.candidate.passage, reading.doc
        return Evidence(
            doc_id=doc.id, title=doc.title, publisher=doc.publisher, date=doc.date, url=doc.url,
            quote=p.text, span=p.span, score=round(reading.candidate.score, 4),
        )

    def judge(self, claim: Claim, candidates: list[Candidate]) -> ClaimResult:
        s = self.settings
        cf = facts_of(claim.text)
        readings = [self._read(cf, c) for c in candidates[: s.candidates]]
        related = [
            r for r in readings
            if r.candidate.score >= s.related_similarity and r.coverage >= s.related_coverage
        ]
        supporting = [
            r for r in related
            if not r.discrepancies and not r.missing
            and r.candidate.score >= s.support_similarity and r.coverage >= s.support_coverage
        ]
        contradicting = [r for r in related if r.discrepancies]
        base = {"id": claim.id, "text": claim.text, "span": claim.span}

        best_support = max(supporting, key=lambda r: r.strength, default=None)
        best_contra = max(contradicting, key=lambda r: r.strength, default=None)
        if best_contra and not (best_support and best_support.coverage > best_contra.coverage):
            found = best_contra.discrepancies
            said = "; ".join(
                f"article says {d.claim_value!r}, source says {d.evidence_value!r}"
                + (f" ({d.note})" if d.note else "")
                for d in found
            )
            return ClaimResult(
                **base, verdict="contradicted",
                confidence=round(min(0.95, 0.4 + 0.6 * best_contra.strength), 3),
                reason=f"{_source_label(best_contra.doc)}: {said}.",
                evidence=[self._evidence(best_contra)],
                discrepancies=found,
            )
        if best_support:
            others = [r for r in supporting if r is not best_support][: s.max_evidence - 1]
            conflict = (f" Note: {_source_label(best_contra.doc)} states a different value."
                        if best_contra else "")
            return ClaimResult(
                **base, verdict="supported",
                confidence=round(min(0.95, 0.3 + 0.6 * best_support.strength), 3),
                reason=(f"{_source_label(best_support.doc)} states it: names, numbers and dates "
                        f"in the claim all match.{conflict}"),
                evidence=[self._evidence(r) for r in [best_support, *others]],
            )
        if related:
            best = max(related, key=lambda r: r.strength)
            gaps = sorted(set(best.missing))
            what = (f"it does not mention {', '.join(gaps)}" if gaps
                    else f"it shares only {best.coverage:.0%} of the claim's words")
            return ClaimResult(
                **base, verdict="unverified",
                confidence=round(max(0.05, 1 - best.strength), 3),
                reason=f"Evidence neutral: the closest passage ({_source_label(best.doc)}) is "
                       f"related, but {what}.",
                evidence=[self._evidence(best)],
            )
        top = readings[0] if readings else None
        closest = (f" (closest: {top.doc.title!r}, similarity {top.candidate.score:.2f})"
                   if top else "")
        return ClaimResult(
            **base, verdict="unverified",
            confidence=round(max(0.05, 1 - (top.strength if top else 0.0)), 3),
            reason=f"No relevant evidence found in the reference corpus{closest}.",
        )
