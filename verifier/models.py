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


class TimeExpression(BaseModel):
    """A date or time phrase in a claim, normalised: "last December" -> "2020-12" (month)."""

    text: str = Field(description="the words as written")
    span: Span
    value: str = Field(description="ISO-like: 2021-03-09, 2020-12, 2020, 2024-Q1, 2022-summer, "
                                   "2021-W10, 199X; XXXX where the year is unknown")
    precision: Literal["day", "week", "month", "season", "quarter", "year", "decade"]
    relative: bool = Field(False, description="resolved against the article date")
    inferred: bool = Field(False, description="the year was not written and was inferred")


class NumberValue(BaseModel):
    text: str
    span: Span
    value: float
    unit: str | None = Field(None, description="%, USD, EUR, km, ... or the counted noun")
    approx: bool = False
    ordinal: bool = False


class Entity(BaseModel):
    text: str
    span: Span
    type: Literal["person", "organisation", "place", "mission", "other"]


class ResolvedReference(BaseModel):
    """A pronoun or description in a claim replaced by the actor the article named earlier."""

    text: str = Field(description="the words as written: 'the agency', 'He'")
    span: Span = Field(description="where those words are in the article")
    name: str = Field(description="what the claim text says instead: 'Roscosmos'")


class Claim(BaseModel):
    """A check-worthy statement taken from the article.

    `span` covers the claim's words; `spans` lists the exact pieces it was built from. When
    `rewritten` is False, `text` is exactly `span.slice(article_text)`; a decomposed claim
    ("Russia has worked with NASA ..." out of "Russia, which has worked with NASA ..., is ...")
    or one whose reference was resolved has `rewritten` True and its spans point at the
    original words.
    """

    id: str
    text: str
    span: Span
    spans: list[Span] = Field(default_factory=list)
    sentence: Span | None = Field(None, description="the whole sentence the claim comes from")
    rewritten: bool = False
    attributed_to: str | None = Field(None, description="who the article says made the claim")
    attribution: Span | None = Field(None, description="the words naming that source")
    time_expressions: list[TimeExpression] = Field(default_factory=list)
    numbers: list[NumberValue] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    negated: bool = False
    as_of: dt.date | None = Field(
        None, description="the article's publication date: the claim is checked as of then")
    resolved: list[ResolvedReference] = Field(
        default_factory=list, description="references replaced in `text` (then `rewritten`)")

    def result_fields(self) -> dict:
        """What a verdict on this claim repeats about it."""
        return {"id": self.id, "text": self.text, "span": self.span, "spans": self.spans,
                "rewritten": self.rewritten, "attributed_to": self.attributed_to,
                "resolved": self.resolved}


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
    score: float  # dense cosine similarity of the passage to the claim, whatever ranked it
    fused: float | None = Field(
        None, description="hybrid ranking score (second stage over dense + BM25 fusion); "
        "candidates are ordered by it when present. Not a similarity: do not threshold it",
    )
    lexical: float | None = Field(None, description="BM25 score of the passage for the claim")


class Evidence(BaseModel):
    doc_id: str
    title: str
    publisher: str
    date: dt.date | None
    url: str
    quote: str
    span: Span
    score: float = Field(description="retrieval similarity of the passage to the claim (cosine)")

    def key(self) -> str:
        """Names this passage (document id and characters), for reviewers and report diffs."""
        return f"{self.doc_id}:{self.span.start}-{self.span.end}"


class Discrepancy(BaseModel):
    kind: Literal["date", "number", "name", "negation"]
    claim_value: str
    evidence_value: str
    doc_id: str
    note: str = ""


class Review(BaseModel):
    """A human reviewer's decision on one claim, applied from a review file (verifier.review).

    The claim's own `verdict` stays the machine's, so both are visible side by side.
    """

    verdict: Label | None = Field(
        None, description="the reviewer's verdict; null: the reviewer left the machine's verdict")
    note: str = ""
    struck_evidence: list[str] = Field(
        default_factory=list,
        description="Evidence.key() (doc_id:start-end) or doc ids the reviewer rejected; the "
        "evidence stays in the report, shown struck",
    )
    reviewer: str | None = None
    machine_verdict_seen: Label = Field(
        description="the machine verdict the reviewer decided against")
    machine_verdict_changed: bool = Field(
        False, description="the machine verdict is no longer the one the reviewer saw: a human "
        "should look at this claim again",
    )

    def strikes(self, evidence: Evidence) -> bool:
        return evidence.key() in self.struck_evidence or evidence.doc_id in self.struck_evidence


class OrphanedReview(BaseModel):
    """A review entry that matches no claim of the report; listed so no decision is lost."""

    id: str
    text_hash: str
    text: str = ""
    verdict: Label | None = None
    note: str = ""
    reviewer: str | None = None
    reason: str


class ClaimResult(BaseModel):
    id: str
    text: str
    span: Span
    spans: list[Span] = Field(default_factory=list, description="the words the claim came from")
    rewritten: bool = Field(False, description="text is not the article's words at `span`")
    attributed_to: str | None = None
    resolved: list[ResolvedReference] = Field(
        default_factory=list, description="pronouns and descriptions replaced in `text`")
    verdict: Label
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str
    evidence: list[Evidence] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(default_factory=list)
    review: Review | None = Field(None, description="a human reviewer's decision, if any")

    @property
    def final_verdict(self) -> Label:
        """The reviewer's verdict when there is one, else the machine's."""
        return self.review.verdict if self.review and self.review.verdict else self.verdict


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
    errors: int = Field(
        default=0, ge=0,
        description="claims whose judging failed: each is `unverified` with a reason starting "
        "'error:'; the CLI exits with code 6 when this is not 0",
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="what a reviewer should know about this run: limits applied (sentences "
        "too long, claims over the limit), no claim found, text that does not look English",
    )


class Report(BaseModel):
    article: ArticleInfo
    claims: list[ClaimResult]
    dropped: list[DroppedSentence] = Field(default_factory=list)
    run: RunInfo
    orphaned_reviews: list[OrphanedReview] = Field(
        default_factory=list,
        description="review entries whose claim is not in this report (its text changed or it "
        "is gone): not applied, listed for a human",
    )

    def counts(self) -> dict[str, int]:
        """Claims per verdict, the reviewer's verdict where there is one."""
        out = {"supported": 0, "contradicted": 0, "unverified": 0}
        for c in self.claims:
            out[c.final_verdict] += 1
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


class SkippedDocument(BaseModel):
    """A reference file (or JSONL record) left out of an index, and why."""

    path: str
    reason: str


class IndexManifest(BaseModel):
    format_version: int
    index_id: str
    tool_version: str
    created_at: str
    embedding_model: ModelInfo
    documents: dict[str, DocumentEntry]
    passage_count: int
    files: dict[str, str] = Field(description="file name -> sha256, checked on load")
    index_type: str = Field("flat", description="flat (exact inner product) or hnsw")
    index_params: dict[str, int] = Field(default_factory=dict, description="HNSW M, efSearch..")
    lexical: dict[str, float] = Field(default_factory=dict, description="BM25 parameters")
    passage_rule: int = Field(1, description="version of the passage splitting rule")
    skipped: list[SkippedDocument] = Field(
        default_factory=list,
        description="files not indexed (--skip-bad, symlinks out of the folder) and why",
    )
