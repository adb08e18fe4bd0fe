"""An optional judge that asks a language model, through any Haystack chat generator.

    from haystack.components.generators.chat import OpenAIChatGenerator  # or any local one
    from verifier.llm_judge import LLMJudge
    verifier = Verifier.load("index/reference")
    verifier.judge = LLMJudge(OpenAIChatGenerator(model="..."))

The model only chooses a label and which numbered passages it relies on; quotes, spans and
citations always come from our own passages, so a model cannot invent evidence. A reply that
cannot be parsed makes the claim `unverified` with an `error:` reason instead of a guess.
"""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

from haystack.dataclasses import ChatMessage

from verifier.models import Candidate, Claim, ClaimResult, Evidence

_SYSTEM = (
    "You check one factual claim against numbered reference passages from trusted sources. "
    "Decide: 'supported' only if the passages state the claim, 'contradicted' only if they state "
    "something incompatible (a different date, number, name or place), otherwise 'unverified'. "
    'Answer with JSON only: {"verdict": ..., "passages": [numbers you rely on], '
    '"confidence": 0..1, "reason": "one sentence"}.'
)
_JSON = re.compile(r"\{.*\}", re.DOTALL)
_VERDICTS = {"supported", "contradicted", "unverified"}


class ChatGenerator(Protocol):
    def run(self, messages: list[ChatMessage], **kwargs: Any) -> dict[str, Any]: ...


class LLMJudge:
    """Same interface as RuleJudge: `judge(claim, candidates) -> ClaimResult`."""

    def __init__(self, generator: ChatGenerator, *, passages: int = 6) -> None:
        if passages < 1:
            msg = f"passages must be at least 1, got {passages}"
            raise ValueError(msg)
        self.generator = generator
        self.passages = passages
        self.name = f"llm:{type(generator).__name__}"

    def _prompt(self, claim: Claim, candidates: list[Candidate]) -> list[ChatMessage]:
        numbered = "\n".join(
            f"[{i}] {c.document.publisher}, {c.document.date or 'undated'}, "
            f"{c.document.title}: {c.passage.text}"
            for i, c in enumerate(candidates, 1)
        )
        return [ChatMessage.from_system(_SYSTEM),
                ChatMessage.from_user(f"Claim: {claim.text}\n\nPassages:\n{numbered}")]

    def judge(self, claim: Claim, candidates: list[Candidate]) -> ClaimResult:
        shown = candidates[: self.passages]
        base = claim.result_fields()
        try:
            replies = self.generator.run(messages=self._prompt(claim, shown))["replies"]
            answer = json.loads(_JSON.search(replies[0].text or "").group())
            verdict = str(answer["verdict"]).lower().strip()
            if verdict not in _VERDICTS:
                msg = f"unknown verdict {verdict!r}"
                raise ValueError(msg)
            cited = [shown[int(i) - 1] for i in answer.get("passages", [])
                     if 1 <= int(i) <= len(shown)]
            confidence = min(1.0, max(0.0, float(answer.get("confidence", 0.5))))
        except Exception as exc:  # a bad reply must not become a verdict
            return ClaimResult(**base, verdict="unverified", confidence=0.0,
                               reason=f"error: the language model's answer was unusable ({exc})")
        if verdict != "unverified" and not cited:
            return ClaimResult(**base, verdict="unverified", confidence=0.0,
                               reason="error: the language model gave a verdict without citing "
                                      "a passage")
        return ClaimResult(
            **base, verdict=verdict, confidence=round(confidence, 3),
            reason=str(answer.get("reason") or "").strip() or f"{verdict} by {self.name}",
            evidence=[
                Evidence(doc_id=c.document.id, title=c.document.title,
                         publisher=c.document.publisher, date=c.document.date,
                         url=c.document.url, quote=c.passage.text, span=c.passage.span,
                         score=round(c.score, 4))
                for c in cited
            ],
        )
