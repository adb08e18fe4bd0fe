"""Stage 1: pull check-worthy claims out of an article, keeping exact spans.

Every sentence ends up either as (part of) a claim or in `dropped` with a reason, so a reviewer
can see that nothing was lost.
"""

from __future__ import annotations

import re

from verifier.facts import STOPWORDS, facts_of
from verifier.models import Claim, DroppedSentence, Extraction, Span
from verifier.segment import sentence_spans

_BOILERPLATE = re.compile(
    r"^(?:previous post|next post|share (?:this|on)|read more|related (?:posts|articles|stories)"
    r"|subscribe|sign up|click here|advertisement|all rights reserved|follow us|copyright|©"
    r"|tags?:|filed under|leave a (?:comment|reply)|posted (?:in|by|on))",
    re.IGNORECASE,
)
_MARKUP_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*|[-*+]\s+|\d{1,3}[.)]\s+)+")
_MIN_CLAIM_WORDS = 4


def _strip_markup(text: str, span: Span) -> Span:
    m = _MARKUP_PREFIX.match(span.slice(text))
    return Span(start=span.start + m.end(), end=span.end) if m else span


def _known_names(text: str) -> set[str]:
    """Words written capitalised somewhere other than at a sentence start: proper names."""
    names = set()
    for span in sentence_spans(text):
        for name in facts_of(span.slice(text)).names[1:]:
            names.add(name.text.lower())
        first = facts_of(span.slice(text)).names[:1]
        if first and first[0].start > 0:
            names.add(first[0].text.lower())
    return names


def _checkable(sentence: str, names: set[str]) -> bool:
    f = facts_of(sentence)
    if f.dates or f.numbers:
        return True
    return any(n.start > 0 or n.text.lower() in names or n.text.isupper() for n in f.names)


def _normal(sentence: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", sentence.lower()) if w not in STOPWORDS)


def extract_claims(text: str, *, start: int = 0) -> Extraction:
    """Split text[start:] into claims and dropped sentences (offsets into `text`)."""
    names = _known_names(text[start:])
    claims: list[Claim] = []
    dropped: list[DroppedSentence] = []
    seen: dict[str, int] = {}
    previous_line_end = -1  # where the line of the last claim ends: fragments attach within it
    for raw in sentence_spans(text, start):
        span = _strip_markup(text, raw)
        sentence = span.slice(text)
        words = re.findall(r"\w+", sentence)
        line_end = text.find("\n", span.start)
        line_end = len(text) if line_end == -1 else line_end
        reason = None
        if not words:
            reason = "no words"
        elif _BOILERPLATE.match(sentence):
            reason = "page boilerplate"
        elif sentence.rstrip().endswith("?"):
            reason = "a question, not a claim"
        elif len(words) < _MIN_CLAIM_WORDS:
            if claims and previous_line_end == line_end:
                # "Congress approved. In 2011." completes the sentence before it.
                last = claims[-1]
                merged = Span(start=last.span.start, end=span.end)
                claims[-1] = last.model_copy(update={"span": merged, "text": merged.slice(text)})
                continue
            reason = "fragment too short to check"
        elif _normal(sentence) in seen:
            reason = f"repeats claim {claims[seen[_normal(sentence)]].id}"
        elif not _checkable(sentence, names):
            reason = "no checkable fact (no name, number or date)"
        if reason:
            dropped.append(DroppedSentence(text=sentence, span=span, reason=reason))
            continue
        seen[_normal(sentence)] = len(claims)
        claims.append(Claim(id=f"c{len(claims) + 1}", text=sentence, span=span))
        previous_line_end = line_end
    return Extraction(claims=claims, dropped=dropped)
