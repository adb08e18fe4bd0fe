"""A ready Haystack pipeline: extract -> retrieve -> judge -> report.

    from verifier.pipeline import build_pipeline, run_pipeline
    pipe = build_pipeline("index/reference")
    report = run_pipeline(pipe, article_text)

Saved pipelines name our components by module path (`verifier.components.*`); Haystack 3 only
imports modules on its deserialization allowlist, so load them with `load_pipeline()` (which
allows `verifier`) or pass `allowed_modules=["verifier"]` to `Pipeline.loads` yourself.
"""

from __future__ import annotations

from haystack import Pipeline

from verifier.api import DEFAULT_JUDGE
from verifier.components import ClaimExtractor, ClaimJudge, ClaimRetriever, ReportAssembler
from verifier.models import Report

ALLOWED_MODULES = ["verifier"]


def build_pipeline(
    index_dir: str, *, model_path: str | None = None, top_k: int = 12, judge: str = DEFAULT_JUDGE,
    stance_model: str | None = None, retrieval: str = "hybrid",
    publishers: list[str] | None = None, since: str | None = None, until: str | None = None,
    doc_types: list[str] | None = None,
) -> Pipeline:
    """`retrieval` and the filters are ClaimRetriever's (those of `factcheck verify`)."""
    pipe = Pipeline()
    pipe.add_component("extract", ClaimExtractor())
    pipe.add_component(
        "retrieve",
        ClaimRetriever(index_dir=index_dir, model_path=model_path, top_k=top_k,
                       retrieval=retrieval, publishers=publishers, since=since, until=until,
                       doc_types=doc_types),
    )
    pipe.add_component("judge", ClaimJudge(judge=judge, stance_model=stance_model))
    pipe.add_component("report", ReportAssembler())
    pipe.connect("extract.claims", "retrieve.claims")
    pipe.connect("extract.claims", "judge.claims")
    pipe.connect("retrieve.candidates", "judge.candidates")
    pipe.connect("judge.results", "report.results")
    pipe.connect("judge.judge", "report.judge")
    pipe.connect("extract.dropped", "report.dropped")
    pipe.connect("retrieve.index_id", "report.index_id")
    pipe.connect("retrieve.embedding_model", "report.embedding_model")
    return pipe


def run_pipeline(pipe: Pipeline, article: str) -> Report:
    out = pipe.run({"extract": {"text": article}, "report": {"article": article}})
    return out["report"]["report"]


def load_pipeline(yaml_text: str) -> Pipeline:
    """Load a saved pipeline YAML whose components come from this package."""
    return Pipeline.loads(yaml_text, allowed_modules=ALLOWED_MODULES)
