"""The LLM judge with a stub generator: parsing, citations from our passages only, errors."""

import datetime as dt

from haystack.dataclasses import ChatMessage

from verifier.llm_judge import LLMJudge
from verifier.models import Candidate, Claim, Passage, SourceDocument, Span

DOC = SourceDocument(id="d", title="Zarya launch", publisher="NASA", date=dt.date(1998, 11, 20),
                     url="https://example.org/z", text="Zarya was launched on 20 November 1998.")
CAND = Candidate(passage=Passage(id=0, doc_id="d", text=DOC.text,
                                 span=Span(start=0, end=len(DOC.text))), document=DOC, score=0.9)
CLAIM = Claim(id="c1", text="Zarya was launched in 1996.", span=Span(start=0, end=27))


class StubGenerator:
    def __init__(self, reply: str):
        self.reply = reply
        self.seen: list[ChatMessage] = []

    def run(self, messages, **kwargs):
        self.seen = messages
        return {"replies": [ChatMessage.from_assistant(self.reply)]}


def test_parses_verdict_and_cites_our_passage():
    gen = StubGenerator('Sure: {"verdict": "contradicted", "passages": [1], "confidence": 0.8, '
                        '"reason": "The source says 1998."}')
    result = LLMJudge(gen).judge(CLAIM, [CAND])
    assert result.verdict == "contradicted" and result.confidence == 0.8
    assert result.evidence[0].quote == DOC.text and result.evidence[0].doc_id == "d"
    assert "Zarya was launched in 1996." in gen.seen[1].text
    assert "[1] NASA, 1998-11-20" in gen.seen[1].text


def test_unparseable_reply_is_an_error_not_a_verdict():
    result = LLMJudge(StubGenerator("I think it is true")).judge(CLAIM, [CAND])
    assert result.verdict == "unverified" and result.reason.startswith("error:")


def test_verdict_without_citation_is_refused():
    gen = StubGenerator('{"verdict": "supported", "passages": [7], "reason": "yes"}')
    result = LLMJudge(gen).judge(CLAIM, [CAND])
    assert result.verdict == "unverified" and "without citing" in result.reason
