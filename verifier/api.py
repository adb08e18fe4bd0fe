"""The plain Python API: `Verifier.load(index_dir).verify(text) -> Report`, and
`update_index(sources, index_dir)` (what `factcheck index` runs).

Limits (see verifier.textio): an article over MAX_ARTICLE_BYTES is refused; a sentence over
MAX_SENTENCE_CHARS and claims beyond MAX_CLAIMS are listed as dropped with the reason, never
checked. A judge failure on one claim marks that claim `unverified` with a reason starting
"error:" and counts it in `report.run.errors`; model and index faults stop the run.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from verifier.calibration import DEFAULT_TABLE, CalibrationTable, calibrated
from verifier.embed import Embedder
from verifier.errors import (
    ERROR_REASON_PREFIX,
    InputError,
    ModelLoadError,
    OutputError,
    VerifierError,
)
from verifier.extract import extract_claims
from verifier.index import (
    INDEX_TYPES,
    PassageIndex,
    build_index,
    index_is_current,
    load_index,
    read_manifest,
)
from verifier.judge import Judge, RuleJudge
from verifier.models import (
    Claim,
    ClaimResult,
    DroppedSentence,
    Extraction,
    IndexManifest,
    Report,
    SkippedDocument,
    Span,
)
from verifier.report import article_title, assemble_report
from verifier.retrieve import MODES, Retriever, SearchFilter
from verifier.segment import sentence_spans
from verifier.textio import MAX_CLAIMS, MAX_SENTENCE_CHARS, check_article, split_front_matter

log = logging.getLogger(__name__)

_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_WORD = re.compile(r"[^\W\d_]+")
# Function words that make up a fifth or more of any English prose.
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "was", "on", "for", "that", "with", "by", "as",
     "at", "from", "it", "its"]
)


def too_long_reason(chars: int) -> str:
    return f"sentence too long to check ({chars} characters)"


def over_limit_reason(max_claims: int) -> str:
    return f"over the {max_claims}-claim limit for one article"


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    """Stretches of text between blank lines: no sentence runs across a blank line."""
    out, pos = [], start
    for m in _BLANK_LINE.finditer(text, start):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _overlong_sentences(text: str, start: int, max_chars: int) -> list[Span]:
    """Sentences longer than `max_chars`; only paragraphs that long need segmenting."""
    return [
        span
        for p_start, p_end in _paragraphs(text, start)
        if p_end - p_start > max_chars
        for span in sentence_spans(text, p_start, p_end)
        if span.end - span.start > max_chars
    ]


def _language_warning(body: str) -> str | None:
    words = _WORD.findall(body[:20_000].lower())
    if len(words) < 30:
        return None
    latin = sum(1 for w in words if w[0] <= "\u024f")
    if latin < 0.5 * len(words):
        return ("the article is mostly not in Latin script; the reference corpus and models are "
                "English, so expect few claims to be verified")
    if sum(1 for w in words if w in _ENGLISH) < 0.05 * len(words):
        return ("the article does not look like English; the reference corpus and models are "
                "English, so expect few claims to be verified")
    return None


def extract_bounded(
    text: str, start: int = 0, *, max_sentence_chars: int = MAX_SENTENCE_CHARS,
    max_claims: int = MAX_CLAIMS,
) -> tuple[Extraction, list[str]]:
    """`extract_claims` within the limits, and what a reviewer should be told about them.

    Over-long sentences are blanked out before extraction (replaced by a blank line of the same
    length: no sentence runs across a blank line, and every offset stays valid) and listed as
    dropped; the sentences of claims past `max_claims` are moved to dropped, whole. Every span
    still slices `text` to exactly its sentence.
    """
    warnings = []
    overlong = _overlong_sentences(text, start, max_sentence_chars)
    masked = text
    if overlong:
        parts, pos = [], 0
        for span in overlong:
            parts += [text[pos : span.start], "\n" + " " * (span.end - span.start - 2) + "\n"]
            pos = span.end
        masked = "".join([*parts, text[pos:]])
    extraction = extract_claims(masked, start=start)
    dropped = list(extraction.dropped)
    dropped += [DroppedSentence(text=s.slice(text), span=s, reason=too_long_reason(s.end - s.start))
                for s in overlong]
    # Whole sentences are dropped, never part of one: a sentence split into several claims
    # (or a rewritten claim) is listed with the article's own words, so nothing is lost.
    groups: dict[tuple[int, int], list[Claim]] = {}
    for claim in extraction.claims:
        sentence = claim.sentence or claim.span
        groups.setdefault((sentence.start, sentence.end), []).append(claim)
    claims, too_long, over = [], 0, 0
    for (s_start, s_end), group in groups.items():
        sentence = Span(start=s_start, end=s_end)
        if s_end - s_start > max_sentence_chars:  # the segmenter may join what was blanked apart
            reason, too_long = too_long_reason(s_end - s_start), too_long + 1
        elif not over and len(claims) + len(group) <= max_claims:
            claims += group
            continue
        else:
            reason, over = over_limit_reason(max_claims), over + len(group)
        dropped.append(DroppedSentence(text=sentence.slice(text), span=sentence, reason=reason))
    too_long += len(overlong)
    if too_long:
        warnings.append(f"{too_long} sentence(s) longer than {max_sentence_chars} characters "
                        "were not checked")
    if over:
        warnings.append(f"only the first {len(claims)} claims were checked (limit "
                        f"{max_claims}); {over} more are listed as not checked")
    dropped.sort(key=lambda d: (d.span.start, d.span.end))
    if not claims:
        warnings.append("no check-worthy claim found: every sentence is listed as not checked, "
                        "with the reason")
    language = _language_warning(text[start:])
    if language:
        warnings.append(language)
    return Extraction(claims=claims, dropped=dropped), warnings


def article_text(raw: str, name: str = "article") -> str:
    """The text to verify: an HTML page's main text (scripts, navigation, comments left out;
    offsets then point into that text), anything else as given."""
    from verifier.article import detect_format, read_article

    if detect_format(raw, name) != "html":
        return raw
    return read_article(raw, name=name, fmt="html").text


def is_error(result: ClaimResult) -> bool:
    """True for a claim whose judging failed (it is `unverified`, and not because of evidence)."""
    return result.reason.startswith(ERROR_REASON_PREFIX)


def _error_result(claim: Claim, exc: Exception) -> ClaimResult:
    detail = " ".join(str(exc).split())[:300] or "no message"
    return ClaimResult(
        **claim.result_fields(), verdict="unverified", confidence=0.0,
        reason=f"{ERROR_REASON_PREFIX} the judge failed on this claim "
               f"({type(exc).__name__}: {detail}); it was not checked.",
    )


def judge_claim(judge: Judge, claim: Claim, candidates: list) -> ClaimResult:
    """One claim's verdict; a failure on this claim alone becomes an `error:` result."""
    try:
        return judge.judge(claim, candidates)
    except VerifierError:
        raise  # a model or index fault stops the run: no verdict without the model
    except Exception as exc:
        log.error("claim %s could not be judged: %s: %s", claim.id, type(exc).__name__, exc)
        return _error_result(claim, exc)


JUDGES = ("stance", "rules")
DEFAULT_JUDGE = "stance"  # fact checks plus the shipped stance model


def make_judge(
    kind: str = "stance", *, stance_model: str | Path | None = None,
    calibration: str | Path | None = DEFAULT_TABLE,
) -> Judge:
    """`stance`: fact checks plus the stance model (shipped weights unless `stance_model` names
    another local folder); `rules`: fact checks only. A stance model that cannot load is an
    error, never a quiet switch to rules.

    Confidences go through the calibration table (`verifier.calibration`; None: raw scores).
    A judge the table was not fitted for, such as another stance model, keeps raw scores and
    its name does not say "calibrated".
    """
    if kind == "rules":
        judge: Judge = RuleJudge()
    elif kind == "stance":
        from verifier.stance import StanceModel
        from verifier.stance_judge import StanceJudge

        judge = StanceJudge(StanceModel.load(stance_model))
    else:
        msg = f"unknown judge {kind!r}: choose one of {', '.join(JUDGES)}"
        raise InputError(msg)
    return calibrated(judge, CalibrationTable.load(calibration) if calibration else None)


def _retrieval_mode(retrieval: str | None) -> str | None:
    if retrieval is not None and retrieval not in MODES:
        msg = f"retrieval must be one of {', '.join(MODES)}, got {retrieval!r}"
        raise InputError(msg)
    return retrieval


def _search_filter(filters: SearchFilter | None) -> SearchFilter | None:
    if filters is not None and not isinstance(filters, SearchFilter):  # e.g. a dict
        msg = (f"filters must be a SearchFilter (e.g. SearchFilter.from_options(publisher="
               f"'NASA', since='2020-01-01')), got {type(filters).__name__}")
        raise InputError(msg)
    return filters


class Verifier:
    """Extract claims, retrieve evidence, judge, report. Load once, verify many articles.

    `retrieval` ("hybrid", "dense" or "lexical") and `filters` (a SearchFilter: publisher, date
    range, document type) choose the evidence, as `--retrieval`/`--publisher`/`--since`/
    `--until`/`--doc-type` do on the command line; `verify` and `check` can override both for
    one call.
    """

    def __init__(
        self, index: PassageIndex, embedder: Embedder, *, judge: Judge | None = None,
        top_k: int = 12, max_sentence_chars: int = MAX_SENTENCE_CHARS,
        max_claims: int = MAX_CLAIMS, retrieval: str = "hybrid",
        filters: SearchFilter | None = None,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.judge = judge or make_judge(DEFAULT_JUDGE)
        self.retriever = Retriever(index, embedder, top_k=top_k,
                                   mode=_retrieval_mode(retrieval) or "hybrid",
                                   filters=_search_filter(filters))
        self.max_sentence_chars = max_sentence_chars
        self.max_claims = max_claims

    @classmethod
    def load(
        cls, index_dir: str | Path, *, model_path: str | Path | None = None, top_k: int = 12,
        judge: str = DEFAULT_JUDGE, stance_model: str | Path | None = None,
        retrieval: str = "hybrid", filters: SearchFilter | None = None,
    ) -> Verifier:
        """Open an index; `model_path` must be the model it was built with (default: packaged).
        `judge` is "rules" or "stance" (see `make_judge`).

        Raises IndexProblem or ModelLoadError; never falls back to another model or index.
        """
        _retrieval_mode(retrieval)  # bad options fail before a model is loaded
        _search_filter(filters)
        embedder = Embedder(model_path)
        read_manifest(index_dir)  # a missing index is reported before a model is loaded
        _ = embedder.model  # a broken model fails here, as a model error, not as a mismatch
        index = load_index(index_dir, embedder)
        return cls(index, embedder, top_k=top_k,
                   judge=make_judge(judge, stance_model=stance_model), retrieval=retrieval,
                   filters=filters)

    def _judge_one(self, claim: Claim, candidates: list) -> ClaimResult:
        return judge_claim(self.judge, claim, candidates)

    def judge_claims(
        self, claims: list[Claim], *, filters: SearchFilter | None = None,
        retrieval: str | None = None,
    ) -> tuple[list[ClaimResult], dict[str, float]]:
        filters, retrieval = _search_filter(filters), _retrieval_mode(retrieval)
        t0 = time.perf_counter()
        try:
            candidates = self.retriever.retrieve(claims, filters=filters, mode=retrieval)
        except VerifierError:
            raise
        except Exception as exc:  # no verdict without evidence retrieval: stop, say why
            msg = f"the embedding model failed while retrieving evidence ({type(exc).__name__}: "\
                  f"{exc}); no claim was judged"
            raise ModelLoadError(msg) from exc
        t1 = time.perf_counter()
        results = [self._judge_one(c, cands) for c, cands in zip(claims, candidates, strict=True)]
        t2 = time.perf_counter()
        return results, {"retrieve": round(t1 - t0, 4), "judge": round(t2 - t1, 4)}

    def verify(
        self, article: str, *, source: str | None = None, filters: SearchFilter | None = None,
        retrieval: str | None = None,
    ) -> Report:
        """Verify every check-worthy claim in `article` (plain text or Markdown).

        `filters` / `retrieval`: this call only (default: the verifier's own).
        """
        name = source or "article"
        check_article(article, name)
        start = time.perf_counter()
        meta, body_start = split_front_matter(article, name)
        extraction, warnings = extract_bounded(
            article, body_start, max_sentence_chars=self.max_sentence_chars,
            max_claims=self.max_claims,
        )
        t_extract = time.perf_counter() - start
        results, timings = self.judge_claims(extraction.claims, filters=filters,
                                             retrieval=retrieval)
        timings = {"extract": round(t_extract, 4), **timings,
                   "total": round(time.perf_counter() - start, 4)}
        report = assemble_report(
            article=article, results=results, dropped=extraction.dropped,
            index_id=self.index.index_id, embedding_model=self.embedder.model_id,
            judge=self.judge.name, title=article_title(article, body_start, meta),
            source=source, timings=timings,
        )
        errors = sum(map(is_error, results))
        for w in warnings:  # the report carries them; the CLI shows them
            log.info("%s: %s", name, w)
        report.run = report.run.model_copy(update={"errors": errors, "warnings": warnings})
        return report

    def check(
        self, claims: Iterable[str | Claim], *, filters: SearchFilter | None = None,
        retrieval: str | None = None,
    ) -> list[ClaimResult]:
        """Verify given claim texts (no extraction). A claim's span covers its own text."""
        prepared = []
        for i, c in enumerate(claims, 1):
            if isinstance(c, str):
                c = Claim(id=f"c{i}", text=c, span=Span(start=0, end=len(c)))
            if not c.text.strip():
                msg = f"claim {c.id} is empty"
                raise InputError(msg)
            if len(c.text) > self.max_sentence_chars:
                msg = (f"claim {c.id} is {len(c.text)} characters, over the "
                       f"{self.max_sentence_chars}-character limit for one claim")
                raise InputError(msg)
            prepared.append(c)
        return self.judge_claims(prepared, filters=filters, retrieval=retrieval)[0]


def verify(
    article: str, index_dir: str | Path, *, model_path: str | Path | None = None,
    judge: str = DEFAULT_JUDGE, retrieval: str = "hybrid", filters: SearchFilter | None = None,
) -> Report:
    """One-shot convenience: load the index and verify one article."""
    return Verifier.load(index_dir, model_path=model_path, judge=judge, retrieval=retrieval,
                         filters=filters).verify(article)


# -- building the index ------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexUpdate:
    """What `update_index` did."""

    manifest: IndexManifest  # of the index now current
    built: bool  # False: it was already up to date
    reason: str  # why it was (re)built ('' when it was not)
    skipped: list[SkippedDocument]  # files left out (recorded in the manifest too)


def update_index(
    sources: Iterable[str | Path], index_dir: str | Path, *,
    model_path: str | Path | None = None, skip_bad: bool = False, index_type: str = "auto",
    force: bool = False, wait: float = 0.0, progress: bool = False,
) -> IndexUpdate:
    """Build or update the index of `sources` in `index_dir` (what `factcheck index` runs).

    Rebuilds only when documents, the model, `index_type`, the skipped files or a file checksum
    differ from the current build (or with `force`); unchanged documents keep their vectors.
    `skip_bad` indexes the good documents and lists the bad ones in `IndexUpdate.skipped` and
    the manifest; without it one bad document refuses the set (CorpusError). Another build
    holding the folder makes this one wait up to `wait` seconds (0: fail at once), then
    IndexProblem. A write failure is an OutputError; the previous index stays current.
    """
    from verifier.corpus import read_corpus

    if index_type not in INDEX_TYPES:
        msg = f"index type must be one of {', '.join(INDEX_TYPES)}, got {index_type!r}"
        raise InputError(msg)
    if not wait >= 0:  # also refuses NaN
        msg = f"wait must be 0 or more seconds, got {wait}"
        raise InputError(msg)
    corpus = read_corpus(sources, skip_bad=skip_bad)
    embedder = Embedder(model_path)
    why = index_is_current(index_dir, corpus.documents, embedder, index_type=index_type,
                           skipped=corpus.skipped)
    if not why and not force:
        log.info("index %s is up to date (%d documents)", index_dir, len(corpus.documents))
        return IndexUpdate(read_manifest(index_dir), False, "", corpus.skipped)
    why = why or "rebuild forced"
    log.info("building index %s: %s", index_dir, why)
    try:
        manifest = build_index(corpus.documents, index_dir, embedder, progress=progress,
                               index_type=index_type, lock_timeout=wait,
                               skipped=corpus.skipped)
    except OSError as exc:
        msg = (f"cannot write the index {index_dir} ({exc.strerror or exc}); the previous "
               "index, if any, is unchanged")
        raise OutputError(msg) from exc
    return IndexUpdate(manifest, True, why, corpus.skipped)
