"""The plain Python API: `Verifier.load(index_dir).verify(text) -> Report`."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from pathlib import Path

from verifier.embed import Embedder
from verifier.errors import InputError
from verifier.extract import extract_claims
from verifier.index import PassageIndex, load_index
from verifier.judge import RuleJudge
from verifier.models import Claim, ClaimResult, Extraction, Report, Span
from verifier.report import article_title, assemble_report
from verifier.retrieve import Retriever
from verifier.textio import split_front_matter

log = logging.getLogger(__name__)


class Verifier:
    """Extract claims, retrieve evidence, judge, report. Load once, verify many articles."""

    def __init__(
        self, index: PassageIndex, embedder: Embedder, *, judge: RuleJudge | None = None,
        top_k: int = 12,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.judge = judge or RuleJudge()
        self.retriever = Retriever(index, embedder, top_k=top_k)

    @classmethod
    def load(
        cls, index_dir: str | Path, *, model_path: str | Path | None = None, top_k: int = 12
    ) -> Verifier:
        """Open an index; `model_path` must be the model it was built with (default: packaged)."""
        embedder = Embedder(model_path)
        return cls(load_index(index_dir, embedder), embedder, top_k=top_k)

    def judge_claims(self, claims: list[Claim]) -> tuple[list[ClaimResult], dict[str, float]]:
        t0 = time.perf_counter()
        candidates = self.retriever.retrieve(claims)
        t1 = time.perf_counter()
        results = [self.judge.judge(c, cands) for c, cands in zip(claims, candidates, strict=True)]
        t2 = time.perf_counter()
        return results, {"retrieve": round(t1 - t0, 4), "judge": round(t2 - t1, 4)}

    def verify(self, article: str, *, source: str | None = None) -> Report:
        """Verify every check-worthy claim in `article` (plain text or Markdown)."""
        if not isinstance(article, str):
            msg = f"article must be text (str), got {type(article).__name__}"
            raise InputError(msg)
        if not article.strip():
            msg = f"{source or 'article'}: the article is empty"
            raise InputError(msg)
        start = time.perf_counter()
        meta, body_start = split_front_matter(article, source or "article")
        extraction: Extraction = extract_claims(article, start=body_start)
        t_extract = time.perf_counter() - start
        results, timings = self.judge_claims(extraction.claims)
        timings = {"extract": round(t_extract, 4), **timings,
                   "total": round(time.perf_counter() - start, 4)}
        return assemble_report(
            article=article, results=results, dropped=extraction.dropped,
            index_id=self.index.index_id, embedding_model=self.embedder.model_id,
            judge=self.judge.name, title=article_title(article, body_start, meta),
            source=source, timings=timings,
        )

    def check(self, claims: Iterable[str | Claim]) -> list[ClaimResult]:
        """Verify given claim texts (no extraction). A claim's span covers its own text."""
        prepared = []
        for i, c in enumerate(claims, 1):
            if isinstance(c, str):
                c = Claim(id=f"c{i}", text=c, span=Span(start=0, end=len(c)))
            if not c.text.strip():
                msg = f"claim {c.id} is empty"
                raise InputError(msg)
            prepared.append(c)
        return self.judge_claims(prepared)[0]


def verify(article: str, index_dir: str | Path, *, model_path: str | Path | None = None) -> Report:
    """One-shot convenience: load the index and verify one article."""
    return Verifier.load(index_dir, model_path=model_path).verify(article)
