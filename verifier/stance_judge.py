"""The default judge when a stance model is available: explicit fact checks plus a learned
cross-encoder reading each claim-passage pair.

Order of trust:
1. an explicit date/number/name mismatch on a passage about the same thing -> contradicted;
2. passages of one document that confirm every checkable fact -> supported, unless the stance
   model reads them as contradicting the claim (all the words can match while the sense does
   not);
3. otherwise the stance model alone, above its thresholds, on one of the closest retrieved
   passages that leaves no number or date of the claim unmentioned;
4. otherwise unverified, with the reason.

The model reads the closest retrieved passages whether or not the word-overlap rules call them
related: paraphrased evidence ("SARS-CoV-2" for "the coronavirus") shares few words with the
claim, and gating the model on overlap left it unread for four claims in five on HealthVer.
"""

from __future__ import annotations

from dataclasses import dataclass

from verifier.judge import (
    Assessment,
    JudgeSettings,
    Reading,
    assess,
    confidence_of,
    contradicted_by_facts,
    evidence_of,
    source_label,
    unverified,
)
from verifier.models import Candidate, Claim, ClaimResult
from verifier.stance import StanceModel


@dataclass(frozen=True)
class StanceSettings:
    reads: int = 4  # closest retrieved passages per claim the model reads (~20-50 pairs/s on CPU)
    # Fact-complete support stands unless the model reads it as a contradiction at least this
    # sure. A low support reading alone is no veto: the model often reads one passage of a
    # multi-passage match, or a close paraphrase, as neutral.
    veto_above: float = 0.5
    # Model-only verdicts: the stronger of its support and contradiction readings decides once
    # it reaches these. Chosen by bench/tune_stance.py on the claims the model's training held
    # out (cross-validated figures in the README); contradiction asks for more than support
    # because a wrong "contradicted" costs a desk more than a missed support (at 0.25 the
    # model contradicted a true sentence of the example article). 0.5 / 0.9 is the cautious
    # alternative.
    support_above: float = 0.25
    contradict_above: float = 0.4


class StanceJudge:
    def __init__(
        self,
        model: StanceModel,
        *,
        settings: JudgeSettings | None = None,
        stance: StanceSettings | None = None,
    ) -> None:
        self.model = model
        self.settings = settings or JudgeSettings()
        self.stance = stance or StanceSettings()
        self.name = f"rules-v2+stance:{model.name}@sha256:{model.sha256[:12]}"

    def _read_pairs(self, a: Assessment) -> list[tuple[Reading, float, float]]:
        closest = sorted(a.readings, key=lambda r: r.candidate.score, reverse=True)
        shown = closest[: self.stance.reads]
        shown += [r for r in a.support or [] if r not in shown]
        if not shown:
            return []
        probs = self.model.predict([(a.claim.text, r.candidate.passage.text) for r in shown])
        return [(r, float(p[0]), float(p[1])) for r, p in zip(shown, probs, strict=True)]

    def judge(self, claim: Claim, candidates: list[Candidate]) -> ClaimResult:
        a = assess(claim, candidates, self.settings)
        if a.standing:
            return contradicted_by_facts(a)
        read = self._read_pairs(a)
        st = self.stance
        if a.support:
            p_sup = max((ps for r, ps, _ in read if r in a.support), default=0.0)
            p_con = max((pc for r, _, pc in read if r in a.support), default=0.0)
            if not (p_con >= st.veto_above and p_con > p_sup):
                return ClaimResult(
                    **a.base, verdict="supported",
                    confidence=confidence_of(0.5 + 0.5 * p_sup),
                    reason=(f"{source_label(a.support[0].doc)} states it: every name, number "
                            f"and date in the claim is in the cited passage(s); stance model "
                            f"support {p_sup:.2f}."),
                    evidence=[evidence_of(r) for r in a.support],
                )
        numeric = {k for k in a.facts_keys() if k.startswith(("date:", "number:"))}
        usable = [(r, ps, pc) for r, ps, pc in read if not numeric & set(r.missing)]
        best_c = max(usable, key=lambda t: t[2], default=None)
        best_s = max(usable, key=lambda t: t[1], default=None)
        sure_c = best_c is not None and best_c[2] >= st.contradict_above
        sure_s = best_s is not None and best_s[1] >= st.support_above
        if sure_c and not (sure_s and best_s[1] > best_c[2]):
            return _model_reading(a, "contradicted", best_c, best_s if sure_s else None)
        if sure_s:
            return _model_reading(a, "supported", best_s, best_c if sure_c else None)
        note = ""
        if a.support:
            note = " The stance model reads the matching passages as contradicting the claim."
        return unverified(a, note)


# How a model-only verdict reads, and how it names a passage read the other way.
_MODEL_READS = {
    "contradicted": ("contradicting the claim ({p:.2f}); no explicit date, number or name "
                     "mismatch was found.", "as support ({p:.2f})"),
    "supported": ("supporting the claim ({p:.2f}).", "as contradicting it ({p:.2f})"),
}


def _model_reading(
    a: Assessment, verdict: str, win: tuple[Reading, float, float],
    other: tuple[Reading, float, float] | None,
) -> ClaimResult:
    """A verdict the stance model decided alone; a passage it reads the other way is cited too."""
    col = 1 if verdict == "supported" else 2
    r, p = win[0], win[col]
    reads, other_reads = _MODEL_READS[verdict]
    reason = (f"{source_label(r.doc)}: the stance model reads the passage as "
              + reads.format(p=p))
    evidence = [evidence_of(r)]
    if other is not None and other[0] is not r:
        reason += (f" Conflicting: it reads {source_label(other[0].doc)} "
                   + other_reads.format(p=other[3 - col]) + ".")
        evidence.append(evidence_of(other[0]))
    return ClaimResult(**a.base, verdict=verdict, confidence=confidence_of(p), reason=reason,
                       evidence=evidence)
