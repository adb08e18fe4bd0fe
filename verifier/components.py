"""Haystack components: thin adapters over the plain pipeline stages.

    from haystack import Pipeline
    from verifier.components import ClaimExtractor, ClaimJudge, ClaimRetriever, ReportAssembler

    p = Pipeline()
    p.add_component("extract", ClaimExtractor())
    p.add_component("retrieve", ClaimRetriever(index_dir="index/reference"))
    p.add_component("judge", ClaimJudge())
    p.add_component("report", ReportAssembler())
    p.connect("extract.claims", "retrieve.claims")
    p.connect("extract.claims", "judge.claims")
    p.connect("retrieve.candidates", "judge.candidates")
    p.connect("judge.results", "report.results")
    p.connect("extract.dropped", "report.dropped")
    p.connect("retrieve.index_id", "report.index_id")
    p.connect("retrieve.embedding_model", "report.embedding_model")
    p.connect("judge.judge", "report.judge")
    out = p.run({"extract": {"text": article}, "report": {"article": article}})
    report = out["report"]["report"]

`verifier.pipeline.build_pipeline()` wires exactly this.
"""

from __future__ import annotations

from typing import Any

from haystack import component, default_from_dict, default_to_dict

import verifier.offline  # noqa: F401
from verifier.api import DEFAULT_JUDGE, JUDGES, extract_bounded, judge_claim, make_judge
from verifier.embed import Embedder
from verifier.index import load_index
from verifier.judge import Judge
from verifier.models import Candidate, Claim, ClaimResult, DroppedSentence, Report
from verifier.report import article_title, assemble_report
from verifier.retrieve import MODES, Retriever, SearchFilter
from verifier.textio import check_article, split_front_matter


@component
class ClaimExtractor:
    """Splits an article (plain text or Markdown with front matter) into check-worthy claims."""

    @component.output_types(claims=list[Claim], dropped=list[DroppedSentence])
    def run(self, text: str) -> dict[str, Any]:
        text = check_article(text, "article")
        _, body_start = split_front_matter(text, "article")
        extraction, _ = extract_bounded(text, body_start)
        return {"claims": extraction.claims, "dropped": extraction.dropped}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimExtractor:
        return default_from_dict(cls, data)


@component
class ClaimRetriever:
    """Finds candidate evidence passages for each claim in a factcheck index folder.

        ClaimRetriever(index_dir="index/reference", retrieval="hybrid", publishers=["NASA"],
                       since="2020-01-01")

    `model_path` must name the model the index was built with (default: the packaged
    all-MiniLM-L6-v2); a mismatch is refused at warm-up. `retrieval` (hybrid, dense, lexical)
    and the filters `publishers`, `since`, `until`, `doc_types` are those of `factcheck verify
    --retrieval/--publisher/--since/--until/--doc-type` (see `verifier.retrieve.SearchFilter`).
    """

    def __init__(
        self, *, index_dir: str, model_path: str | None = None, top_k: int = 12,
        retrieval: str = "hybrid", publishers: list[str] | None = None,
        since: str | None = None, until: str | None = None, doc_types: list[str] | None = None,
    ) -> None:
        if top_k < 1:
            msg = f"top_k must be at least 1, got {top_k}"
            raise ValueError(msg)
        if retrieval not in MODES:
            msg = f"retrieval must be one of {', '.join(MODES)}, got {retrieval!r}"
            raise ValueError(msg)
        self.index_dir = str(index_dir)
        self.model_path = str(model_path) if model_path else None
        self.top_k = top_k
        self.retrieval = retrieval
        # Plain lists and ISO strings, so that to_dict/from_dict (YAML) round-trip them.
        self.publishers = [publishers] if isinstance(publishers, str) else (
            list(publishers) if publishers else None)
        self.since = str(since) if since else None
        self.until = str(until) if until else None
        self.doc_types = [doc_types] if isinstance(doc_types, str) else (
            list(doc_types) if doc_types else None)
        self._filters = SearchFilter.from_options(  # checks the dates now, not at run time
            publisher=self.publishers, since=self.since, until=self.until,
            doc_type=self.doc_types)
        self._retriever: Retriever | None = None

    def warm_up(self) -> None:
        if self._retriever is None:
            embedder = Embedder(self.model_path)
            index = load_index(self.index_dir, embedder)
            self._retriever = Retriever(index, embedder, top_k=self.top_k, mode=self.retrieval,
                                        filters=self._filters)

    @component.output_types(
        candidates=list[list[Candidate]], index_id=str, embedding_model=str
    )
    def run(self, claims: list[Claim]) -> dict[str, Any]:
        self.warm_up()
        assert self._retriever is not None
        return {
            "candidates": self._retriever.retrieve(claims),
            "index_id": self._retriever.index.index_id,
            "embedding_model": self._retriever.embedder.model_id,
        }

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(
            self, index_dir=self.index_dir, model_path=self.model_path, top_k=self.top_k,
            retrieval=self.retrieval, publishers=self.publishers, since=self.since,
            until=self.until, doc_types=self.doc_types,
        )

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimRetriever:
        return default_from_dict(cls, data)


@component
class ClaimJudge:
    """Labels each claim supported / contradicted / unverified from its candidate passages."""

    def __init__(self, *, judge: str = DEFAULT_JUDGE, stance_model: str | None = None) -> None:
        if judge not in JUDGES:
            msg = f"unknown judge {judge!r}: choose one of {', '.join(JUDGES)}"
            raise ValueError(msg)
        self.judge = judge
        self.stance_model = stance_model
        self._judge: Judge | None = None

    def warm_up(self) -> None:
        if self._judge is None:
            self._judge = make_judge(self.judge, stance_model=self.stance_model)

    @component.output_types(results=list[ClaimResult], judge=str)
    def run(self, claims: list[Claim], candidates: list[list[Candidate]]) -> dict[str, Any]:
        if len(claims) != len(candidates):
            msg = f"got {len(claims)} claims but {len(candidates)} candidate lists"
            raise ValueError(msg)
        self.warm_up()
        assert self._judge is not None
        results = [judge_claim(self._judge, c, cands)
                   for c, cands in zip(claims, candidates, strict=True)]
        return {"results": results, "judge": self._judge.name}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, judge=self.judge, stance_model=self.stance_model)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ClaimJudge:
        return default_from_dict(cls, data)


@component
class ReportAssembler:
    """Builds the report (the JSON contract) from the judged claims and dropped sentences."""

    @component.output_types(report=Report)
    def run(
        self,
        article: str,
        results: list[ClaimResult],
        dropped: list[DroppedSentence],
        index_id: str,
        embedding_model: str,
        judge: str,
    ) -> dict[str, Any]:
        meta, body_start = split_front_matter(article, "article")
        report = assemble_report(
            article=article, results=results, dropped=dropped, index_id=index_id,
            embedding_model=embedding_model, judge=judge,
            title=article_title(article, body_start, meta),
        )
        return {"report": report}

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportAssembler:
        return default_from_dict(cls, data)
