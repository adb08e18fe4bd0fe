"""Pydantic contracts between the pipeline stages: extract -> retrieve -> judge -> report.

Offsets are Python string indices (Unicode code points) into the decoded text they name:
claim spans into the article as read, evidence spans into the reference document body.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Label = Literal["supported", "contradicted", "unverified"]


class Span(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            msg = f"span end {self.end} is before start {self.start}"
            raise ValueError(msg)
        return self

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class SourceDocument(BaseModel):
    """A trusted reference document; `text` is the body that passage spans point into."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    date: dt.date | None = None
    url: str = ""
    doc_type: str = "press_release"
    text: str = Field(min_length=1)
    source: str = ""  # file the document came from, for error messages and reviewers


class Passage(BaseModel):
    """A retrievable unit: one sentence of a reference document."""

    id: int
    doc_id: str
    text: str
    span: Span


class Claim(BaseModel):
    """A check-worthy statement taken from the article."""

    id: str
    text: str
    span: Span


class DroppedSentence(BaseModel):
    text: str
    span: Span
    reason: str


class Extraction(BaseModel):
    claims: list[Claim]
    dropped: list[DroppedSentence]


class Candidate(BaseModel):
    """A passage retrieved for a claim, before judging, with the document it belongs to."""

    passage: Passage
    document: SourceDocument
    score: float


class Evidence(BaseModel):
    doc_id: str
    title: str
    publisher: str
    date: dt.date | None
    url: str
    quote: str
    span: Span
    score: float = Field(description="retrieval similarity of the passage to the claim (cosine)")


class Discrepancy(BaseModel):
    kind: Literal["date", "number", "name", "negation"]
    claim_value: str
    evidence_value: str
    doc_id: str
    note: str = ""


class ClaimResult(BaseModel):
    id: str
    text: str
    span: Span
    verdict: Label
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(default_factory=list)


class ArticleInfo(BaseModel):
    sha256: str
    chars: int
    title: str | None = None
    source: str | None = None


class RunInfo(BaseModel):
    tool_version: str
    index_id: str
    embedding_model: str
    judge: str
    created_at: str
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage")


class Report(BaseModel):
    article: ArticleInfo
    claims: list[ClaimResult]
    dropped: list[DroppedSentence] = Field(default_factory=list)
    run: RunInfo

    def counts(self) -> dict[str, int]:
        out = {"supported": 0, "contradicted": 0, "unverified": 0}
        for c in self.claims:
            out[c.verdict] += 1
        return out


class ModelInfo(BaseModel):
    name: str
    sha256: str = Field(description="hash of the weight files: identifies the model by content")
    dim: int


class DocumentEntry(BaseModel):
    sha256: str
    title: str
    source: str
    passages: int


class IndexManifest(BaseModel):
    format_version: int
    index_id: str
    tool_version: str
    created_at: str
    embedding_model: ModelInfo
    documents: dict[str, DocumentEntry]
    passage_count: int
    files: dict[str, str] = Field(description="file name -> sha256, checked on load")
