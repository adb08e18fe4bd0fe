"""Fault injection: feed the verifier bad articles, bad corpora, broken indexes and broken
models, and show for each what happened and that nothing was lost.

    python bench/fault_injection.py               # every case, packaged model; prints a table
    python bench/fault_injection.py --model DIR   # another local model (a tiny one is fast)
    python bench/fault_injection.py -k index      # only cases whose group or name has "index"
    python bench/fault_injection.py --json

The same cases run in the test suite (tests/test_reliability.py), with a tiny model.
Each case runs in its own temporary folder; the command-line cases run `factcheck` in-process
and read its exit code and one-line error. "Nothing lost" means, per kind of case:

- article: refused with a one-line message before anything is written, or a report in which
  every span slices the text back exactly and every letter of the body is in a claim or in a
  sentence listed as not checked (with its reason);
- corpus: the bad file is named, and either the whole set is refused (nothing indexed, an
  existing index left as it was) or every good document is loaded and nothing from the bad
  file or from outside the folder is; with `factcheck index --skip-bad`, the good documents
  are indexed, the bad file is named in the closing summary and in the manifest's `skipped`
  list, and the run exits 6;
- index and model: the run stops with a one-line message and no verdict, or (for a failed or
  killed build) the previous index still loads unchanged and no half-written build is visible;
  a damaged index is rebuilt by a plain `factcheck index` (no --force), which warns about a
  file whose checksum does not match;
- batch: every article ends up with a complete report set or listed as failed, and a rerun
  skips the finished ones.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import functools
import io
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_batch import (  # noqa: E402
    EXAMPLE_ARTICLE,
    REFERENCE_DOCS,
    synthetic_articles,
    synthetic_text,
)

# Reference documents the small test corpus is made of: what the example article talks about.
CORPUS_DOCS = (
    "cnsa-roscosmos-ilrs-mou-2021-03-09.md",
    "cnsa-change4-far-side-landing-2019-01-03.md",
    "cnsa-change4-launch-2018-12-08.md",
    "nasa-artemis-accords-founding-signatories-2020-10-13.md",
    "nasa-iss-zarya-launch-1998-11-20.md",
    "us-congress-pl-112-10-sec-1340-2011-04-15.md",
)
# A case over this many seconds counts as unbounded (the max-size article has its own).
TIME_BUDGET = 30.0
# Exit codes of a verification that ran (6: some claim could not be judged, said in the report).
VERIFIED = (0, 6)


@dataclass
class Outcome:
    happened: str  # what the tool did, one line
    result: str  # exit code or exception
    nothing_lost: bool
    why: str  # why nothing was lost, or what was
    seconds: float = 0.0


@dataclass(frozen=True)
class Case:
    group: str
    name: str
    run: Callable[[Context], Outcome]
    slow: bool = False  # a subprocess or a big input: kept out of the fast test suite
    budget: float = TIME_BUDGET

    @property
    def id(self) -> str:
        return f"{self.group}: {self.name}"


CASES: list[Case] = []


def case(group: str, name: str, *, slow: bool = False, budget: float = TIME_BUDGET):
    def register(fn: Callable[[Context], Outcome]) -> Callable[[Context], Outcome]:
        CASES.append(Case(group, name, fn, slow, budget))
        return fn

    return register


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def error_line(self) -> str:
        lines = [line for line in self.err.splitlines() if line.startswith("ERROR")]
        return lines[-1].removeprefix("ERROR: ") if lines else ""

    @property
    def one_line_error(self) -> bool:
        return bool(self.error_line) and "Traceback" not in self.err


class Context:
    """What the cases share: a work folder, a model, a small corpus and its index."""

    def __init__(self, work: Path, model_dir: Path | None = None) -> None:
        self.work = Path(work)
        self.model_dir = Path(model_dir) if model_dir else None
        self._n = 0

    def fresh(self, name: str) -> Path:
        self._n += 1
        path = self.work / f"{self._n:03d}-{name}"
        path.mkdir(parents=True)
        return path

    def short(self, text: str) -> str:
        return text.replace(str(self.work) + "/", "").replace(str(ROOT) + "/", "")

    @property
    def model_args(self) -> list[str]:
        return ["--model", str(self.model_dir)] if self.model_dir else []

    @cached_property
    def embedder(self):
        from verifier.embed import Embedder

        return Embedder(self.model_dir)

    @cached_property
    def corpus(self) -> Path:
        folder = self.fresh("corpus")
        for name in CORPUS_DOCS:
            shutil.copy(REFERENCE_DOCS / name, folder / name)
        return folder

    @cached_property
    def index(self) -> Path:
        from verifier.corpus import load_documents
        from verifier.index import build_index

        out = self.fresh("index") / "idx"
        build_index(load_documents([self.corpus]), out, self.embedder, progress=False)
        return out

    @cached_property
    def verifier(self):
        from verifier.api import Verifier

        return Verifier.load(self.index, model_path=self.model_dir)

    def index_copy(self) -> Path:
        out = self.fresh("index-copy") / "idx"
        shutil.copytree(self.index, out)
        return out

    def cli(self, *argv: str, stdin: bytes | None = None) -> CliRun:
        from verifier.cli import main

        out, err = io.StringIO(), io.StringIO()
        saved = sys.stdin
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(list(argv))
        finally:
            sys.stdin = saved
            logging.getLogger().handlers.clear()  # the CLI pointed them at our buffers
        return CliRun(code, out.getvalue(), err.getvalue())

    def verify_cli(self, article: Path | str, *extra: str, index: Path | None = None,
                   stdin: bytes | None = None) -> tuple[CliRun, Path]:
        reports = self.fresh("reports")
        run = self.cli("verify", str(article), "--index", str(index or self.index),
                       "--report-dir", str(reports), "--quiet", *self.model_args, *extra,
                       stdin=stdin)
        return run, reports


def run_case(c: Case, ctx: Context) -> Outcome:
    start = time.perf_counter()
    try:
        outcome = c.run(ctx)
    except Exception as exc:  # a case that crashes is a finding, not a crash of the table
        outcome = Outcome("the case itself raised", f"{type(exc).__name__}: {exc}", False,
                          "unexpected exception")
    outcome.seconds = round(time.perf_counter() - start, 2)
    if outcome.seconds > c.budget:
        outcome.nothing_lost = False
        outcome.why += f"; took {outcome.seconds} s, over the {c.budget:.0f} s budget"
    return outcome


# -- checks ------------------------------------------------------------------------------------


def span_problems(report: dict, text: str) -> list[str]:
    """Spans that do not slice the text back to what the report quotes.

    A claim the extractor rewrote ("The agency" -> "NASA") is not the article's words; its span
    points at them. Claims are held to an exact slice when the report says they were not
    rewritten (tests/test_properties.py holds every extracted claim to it).
    """
    problems = []
    for c in report["claims"]:
        spans = [c["span"], *c.get("spans", [])] + ([c["sentence"]] if c.get("sentence") else [])
        if any(not 0 <= s["start"] <= s["end"] <= len(text) for s in spans):
            problems.append(f"claim {c['id']}: span outside the text")
        elif c.get("rewritten") is False and text[c["span"]["start"] : c["span"]["end"]] != c[
                "text"]:
            problems.append(f"claim {c['id']}: span does not slice back to its text")
    for d in report["dropped"]:
        if text[d["span"]["start"] : d["span"]["end"]] != d["text"]:
            problems.append(f"dropped {d['text'][:30]!r}: span does not slice back")
        if not d["reason"]:
            problems.append(f"dropped {d['text'][:30]!r}: no reason")
    return problems


def with_sentences(report: dict, text: str, body_start: int) -> list[str]:
    """Give each claim of the report the sentence it came from, when the report lacks it.

    A sentence split into several claims ("... NASA and China ...") leaves words such as "and"
    outside every claim span; the extractor records the whole sentence, the report (ClaimResult)
    does not carry it yet. Extraction is deterministic (tests/test_properties.py), so running it
    again gives the sentences; a report whose claims differ from that extraction is a problem.
    """
    from verifier.api import extract_bounded

    if all("sentence" in c for c in report["claims"]):
        return []
    extraction, _ = extract_bounded(text, body_start)
    by_id = {c.id: c for c in extraction.claims}
    problems = []
    for c in report["claims"]:
        claim = by_id.get(c["id"])
        if claim is None or claim.span.model_dump() != c["span"]:
            problems.append(f"claim {c['id']}: not what extraction gives for this text")
        elif claim.sentence is not None:
            c["sentence"] = claim.sentence.model_dump()
    return problems


def lost_letters(report: dict, text: str, body_start: int = 0) -> str:
    """Letters of the body in neither a claim nor a dropped sentence ('' when none)."""
    covered = bytearray(len(text))
    spans = [d["span"] for d in report["dropped"]]
    for c in report["claims"]:
        spans += [c["span"], *c.get("spans", [])] + ([c["sentence"]] if c.get("sentence") else [])
    for s in spans:
        covered[s["start"] : s["end"]] = b"\x01" * (s["end"] - s["start"])
    lost = [i for i in range(body_start, len(text)) if text[i].isalpha() and not covered[i]]
    if not lost:
        return ""
    first = lost[0]
    return f"{len(lost)} letter(s) unaccounted for, first at {first}: {text[first:first + 40]!r}"


def refused(ctx: Context, run: CliRun, reports: Path, *, code: int, fragment: str) -> Outcome:
    wrote = sorted(p.name for p in reports.rglob("*") if p.is_file())
    ok = run.code == code and run.one_line_error and fragment in run.error_line and not wrote
    why = "refused before anything was written" if ok else (
        f"expected exit {code} and a one-line error with {fragment!r}; wrote {wrote}")
    return Outcome(f"refused: {ctx.short(run.error_line)}", f"exit {run.code}", ok, why)


def reported(run: CliRun, reports: Path, stem: str, text: str, *, code: int = 0,
             expect: Callable[[dict], str] | None = None) -> Outcome:
    """A report was written: spans exact, nothing silently left out, plus `expect` (a check
    returning '' when met, else what is wrong)."""
    from verifier.textio import split_front_matter

    path = reports / f"{stem}.json"
    if not path.is_file():
        return Outcome(f"no report ({run.error_line or 'no error'})", f"exit {run.code}", False,
                       "expected a report")
    report = json.loads(path.read_text(encoding="utf-8"))
    _, body_start = split_front_matter(text, "article")
    problems = span_problems(report, text) + with_sentences(report, text, body_start)
    lost = lost_letters(report, text, body_start)
    extra = expect(report) if expect else ""
    reasons = sorted({d["reason"].split(" (")[0] for d in report["dropped"]})
    happened = (f"report: {len(report['claims'])} claims, {len(report['dropped'])} not checked"
                + (f" ({'; '.join(reasons[:3])})" if reasons else ""))
    if report["run"].get("warnings"):
        happened += f"; warns: {report['run']['warnings'][0]}"
    ok = run.code == code and not problems and not lost and not extra and "Traceback" not in run.err
    why = ("every span exact; every sentence a claim or listed with its reason" if ok
           else "; ".join([*problems[:2], lost, extra, f"exit {run.code}"]).strip("; "))
    return Outcome(happened, f"exit {run.code}", ok, why)


@contextlib.contextmanager
def patched(obj: object, name: str, value: object) -> Iterator[None]:
    saved = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, saved)


@contextlib.contextmanager
def captured_logs() -> Iterator[list[str]]:
    records: list[str] = []

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(f"{record.levelname}: {record.getMessage()}")

    handler, logger = _Keep(logging.WARNING), logging.getLogger("verifier")
    saved_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved_level)


# -- bad articles ------------------------------------------------------------------------------


def _article_file(ctx: Context, name: str, data: bytes) -> Path:
    path = ctx.fresh("article") / name
    path.write_bytes(data)
    return path


def _refuse_file(ctx: Context, name: str, data: bytes, fragment: str) -> Outcome:
    run, reports = ctx.verify_cli(_article_file(ctx, name, data))
    return refused(ctx, run, reports, code=2, fragment=fragment)


@case("article", "empty file")
def _empty(ctx: Context) -> Outcome:
    return _refuse_file(ctx, "empty.md", b"", "empty")


@case("article", "only whitespace")
def _whitespace(ctx: Context) -> Outcome:
    return _refuse_file(ctx, "blank.md", b" \n\t\r\n \n", "empty")


@case("article", "binary file (PNG)")
def _binary(ctx: Context) -> Outcome:
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    return _refuse_file(ctx, "photo.md", data, "binary")


@case("article", "binary without NUL bytes")
def _binary_no_nul(ctx: Context) -> Outcome:
    rng = random.Random(3)
    data = bytes(rng.randrange(1, 256) for _ in range(20_000))
    return _refuse_file(ctx, "noise.txt", data, "binary")


def _example_text() -> str:
    return EXAMPLE_ARTICLE.read_text(encoding="utf-8")


@case("article", "Latin-1 (not UTF-8)")
def _latin1(ctx: Context) -> Outcome:
    text = "The Kármán line café report: NASA launched Zarya on 20 November 1998 from Baïkonur.\n"
    run, reports = ctx.verify_cli(_article_file(ctx, "latin1.txt", text.encode("latin-1")))
    outcome = reported(run, reports, "latin1", text,
                       expect=lambda r: "" if "Kármán" in r["claims"][0]["text"] else "mojibake")
    if "not valid UTF-8" not in run.err:
        outcome.nothing_lost, outcome.why = False, "no warning that the file is not UTF-8"
    return outcome


@case("article", "UTF-16 with byte-order mark")
def _utf16(ctx: Context) -> Outcome:
    text = _example_text()
    run, reports = ctx.verify_cli(_article_file(ctx, "utf16.md", text.encode("utf-16")))
    return reported(run, reports, "utf16", text)


@case("article", "UTF-16 without byte-order mark")
def _utf16_nobom(ctx: Context) -> Outcome:
    text = _example_text()
    run, reports = ctx.verify_cli(_article_file(ctx, "utf16le.md", text.encode("utf-16-le")))
    return reported(run, reports, "utf16le", text)


@case("article", "10 MB of text (file)")
def _ten_mb(ctx: Context) -> Outcome:
    line = "NASA said the station was launched in 1998 and has been crewed since 2000.\n"
    data = (line * (10 * 2**20 // len(line) + 1)).encode()
    return _refuse_file(ctx, "huge.txt", data, "byte limit")


@case("article", "10 MB of text (stdin)")
def _ten_mb_stdin(ctx: Context) -> Outcome:
    line = b"NASA said the station was launched in 1998 and has been crewed since 2000.\n"
    run, reports = ctx.verify_cli("-", stdin=line * (10 * 2**20 // len(line) + 1))
    return refused(ctx, run, reports, code=2, fragment="byte limit")


@case("article", "largest accepted article (1 MiB, >500 claims)", slow=True, budget=240)
def _max_size(ctx: Context) -> Outcome:
    from verifier.textio import MAX_ARTICLE_BYTES, MAX_CLAIMS

    text = synthetic_text(MAX_ARTICLE_BYTES - 1024)
    run, reports = ctx.verify_cli(_article_file(ctx, "max.md", text.encode()))

    def capped(report: dict) -> str:
        over = [d for d in report["dropped"] if "claim limit" in d["reason"]]
        ok = MAX_CLAIMS - 10 < len(report["claims"]) <= MAX_CLAIMS and over
        return "" if ok else "claim limit not applied"

    return reported(run, reports, "max", text, expect=capped)


@case("article", "one 100,000-character sentence")
def _long_sentence(ctx: Context) -> Outcome:
    words = ("NASA launched", "12 rockets", "in 2019", "and", "the agency", "said", "that")
    rng = random.Random(5)
    body = ""
    while len(body) < 100_000:
        body += rng.choice(words) + " "
    sentence = "The report says " + body[: 100_000 - len("The report says ") - 1] + "."
    text = ("# Budget\n\nNASA launched Zarya on 20 November 1998.\n\n" + sentence
            + "\n\nChang'e-4 landed on the far side of the Moon on 3 January 2019.\n")
    run, reports = ctx.verify_cli(_article_file(ctx, "long.md", text.encode()))

    def dropped_long(report: dict) -> str:
        reasons = [d["reason"] for d in report["dropped"]]
        ok = "sentence too long to check (100000 characters)" in reasons
        return "" if ok and len(report["claims"]) == 2 else f"reasons {reasons}"

    return reported(run, reports, "long", text, expect=dropped_long)


HTML_PAGE = """<!doctype html>
<html><head><title>Lunar pact | Example Desk</title>
<script>var launches = 2019; document.write("NASA launched 99 rockets in 1970.");</script>
<style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<!-- SECRET-COMMENT: Roscosmos launched 500 probes in 1950. -->
<article><h1>Moscow and Beijing sign lunar station pact</h1>
<p>Russia and China signed a memorandum on the International Lunar Research Station on
9 March 2021.</p>
<iframe src="https://ads.example/x">Zarya was launched in 1990 by IFRAME-TEXT.</iframe>
<p>Chang'e-4 landed on the far side of the Moon on 3 January 2019.</p>
<script>trackPageView("Chang'e-4 landed in 2025");</script>
</article>
<footer>Copyright 2021 Example Desk. All rights reserved.</footer></body></html>
"""


@case("article", "HTML with scripts, iframes, comments")
def _html(ctx: Context) -> Outcome:
    from verifier.api import article_text

    run, reports = ctx.verify_cli(_article_file(ctx, "page.html", HTML_PAGE.encode()))
    text = article_text(HTML_PAGE, "page.html")

    def no_code(report: dict) -> str:
        seen = " ".join([c["text"] for c in report["claims"]]
                        + [d["text"] for d in report["dropped"]])
        leaked = [m for m in ("launches", "document.write", "SECRET-COMMENT", "IFRAME-TEXT",
                              "trackPageView", "color: red") if m in seen]
        found = "9 March 2021" in seen and "3 January 2019" in seen
        return (f"page code in the report: {leaked}" if leaked
                else "" if found else "article sentences missing")

    return reported(run, reports, "page", text, expect=no_code)


@case("article", "another language (Chinese, Russian)")
def _other_language(ctx: Context) -> Outcome:
    text = ("# 月球科研站\n\n中国国家航天局和俄罗斯国家航天集团公司于2021年3月9日签署了谅解备忘录。"
            "嫦娥四号于2019年1月3日在月球背面着陆。\n\n"
            "Роскосмос и CNSA подписали меморандум 9 марта 2021 года о создании научной "
            "станции на Луне. Станция будет открыта для всех заинтересованных стран и партнёров. "
            "Первый модуль МКС «Заря» был запущен 20 ноября 1998 года с космодрома Байконур, "
            "и с тех пор на станции постоянно живут космонавты и астронавты из многих стран.\n")
    run, reports = ctx.verify_cli(_article_file(ctx, "foreign.md", text.encode()))

    def warned(report: dict) -> str:
        hit = any("English" in w for w in report["run"]["warnings"])
        return "" if hit else "no warning that the text is not English"

    return reported(run, reports, "foreign", text, expect=warned)


@case("article", "text without any claim")
def _claim_free(ctx: Context) -> Outcome:
    text = ("What will the Moon look like in fifty years?\n\nNobody really knows. Some people "
            "hope for cities, others for quiet. Read more\n\nShare this article\n")
    run, reports = ctx.verify_cli(_article_file(ctx, "opinion.md", text.encode()))

    def empty(report: dict) -> str:
        return "" if not report["claims"] and report["run"]["warnings"] else "expected no claim"

    return reported(run, reports, "opinion", text, expect=empty)


@case("article", "front matter never closed")
def _unclosed(ctx: Context) -> Outcome:
    return _refuse_file(ctx, "open.md", b"---\ntitle: T\nNASA launched Zarya in 1998.\n",
                        "never closed")


@case("article", "YAML alias bomb in front matter")
def _alias_bomb(ctx: Context) -> Outcome:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    data = ("---\ntitle: *i\n" + "\n".join(lines) + "\n---\nNASA launched Zarya in 1998.\n")
    return _refuse_file(ctx, "bomb.md", data.encode(), "aliases")


@case("article", "API: lone surrogate, not a str")
def _api_types(ctx: Context) -> Outcome:
    from verifier.errors import InputError

    messages = []
    for bad in ("NASA launched Zarya in 1998 \ud800.", b"NASA launched Zarya in 1998.", None):
        try:
            ctx.verifier.verify(bad)  # type: ignore[arg-type]
            messages.append("accepted")
        except InputError as exc:
            messages.append(str(exc).split(": ", 1)[1])
    ok = "accepted" not in messages
    return Outcome("refused: " + " | ".join(messages), "InputError", ok,
                   "nothing to verify; the caller is told why" if ok else "bad input accepted")


# -- bad reference corpora ---------------------------------------------------------------------


def _doc(folder: Path, name: str, doc_id: str, body: str, **meta: str) -> Path:
    fields = {"id": doc_id, "title": f"Release {doc_id}", "publisher": "NASA",
              "date": "2021-01-01", "url": f"https://example.org/{doc_id}", **meta}
    head = "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)
    path = folder / name
    path.write_text(f"---\n{head}---\n{body}\n", encoding="utf-8")
    return path


GOOD_BODY = "NASA launched the Zarya module on 20 November 1998 from Baikonur."


def _corpus_case(ctx: Context, setup: Callable[[Path], tuple[str, str]]) -> Outcome:
    """`setup(folder)` adds the bad thing next to two good documents and returns (a name the
    bad thing must be reported by, a text that must not be indexed)."""
    from verifier.corpus import load_documents
    from verifier.errors import CorpusError

    folder = ctx.fresh("corpus") / "docs"
    folder.mkdir()
    _doc(folder, "good-a.md", "good-a", GOOD_BODY)
    _doc(folder, "good-b.md", "good-b", "ESA launched Juice on 14 April 2023 from Kourou.")
    bad_name, bad_text = setup(folder)
    with captured_logs() as logs:
        try:
            docs = load_documents([folder])
        except CorpusError as exc:
            named = bad_name in str(exc) or any(bad_name in line for line in logs)
            return Outcome(f"refused: {ctx.short(str(exc))}", "CorpusError", named,
                           "whole set refused with the file named; nothing indexed"
                           if named else "the bad file is not named")
    ids = sorted(d.id for d in docs)
    leaked = bool(bad_text) and any(bad_text in d.text for d in docs)
    named = any(bad_name in line for line in logs)
    ok = {"good-a", "good-b"} <= set(ids) and not leaked and named
    warning = next((ctx.short(line) for line in logs if bad_name in line), "no warning")
    why = ("good documents loaded, the bad one skipped and named" if ok
           else "bad content indexed" if leaked else "bad file skipped silently" if not named
           else "a good document is missing")
    return Outcome(f"loaded {ids}; {warning}", "no error", ok, why)


def _skip_case(ctx: Context, setup: Callable[[Path], tuple[str, str]]) -> Outcome:
    """`factcheck index --skip-bad` over the same folder as `_corpus_case`: exit 6, every good
    document indexed unless its file is listed as skipped, the bad file named in the closing
    summary and in the manifest, and nothing of it in the index."""
    from verifier.index import load_index

    folder = ctx.fresh("corpus") / "docs"
    folder.mkdir()
    good = {"good-a.md": "good-a", "good-b.md": "good-b"}
    _doc(folder, "good-a.md", "good-a", GOOD_BODY)
    _doc(folder, "good-b.md", "good-b", "ESA launched Juice on 14 April 2023 from Kourou.")
    bad_name, bad_text = setup(folder)
    out = folder.parent / "idx"
    run = ctx.cli("index", str(folder), "--out", str(out), "--skip-bad", "--quiet",
                  *ctx.model_args)
    if run.code != 6 or not (out / "CURRENT").is_file():
        return Outcome(f"no index ({ctx.short(run.error_line) or 'no error'})",
                       f"exit {run.code}", False, "expected exit 6 and an index of the rest")
    index = load_index(out)
    skipped = {Path(s.path).name: s.reason for s in index.manifest.skipped}
    summary = [line for line in run.err.splitlines() if line.startswith("WARNING:   skipped")]
    ids = set(index.documents)
    expected = {doc_id for name, doc_id in good.items() if name not in skipped}
    leaked = bool(bad_text) and any(bad_text in d.text for d in index.documents.values())
    named = bad_name in skipped and any(bad_name in line for line in summary)
    ok = named and ids == expected and not leaked and "Traceback" not in run.err
    why = ("the rest indexed; the bad file named in the summary and the manifest" if ok
           else "bad content indexed" if leaked else "bad file not named" if not named
           else f"indexed {sorted(ids)}, expected {sorted(expected)}")
    reason = skipped.get(bad_name, "not listed")
    return Outcome(f"indexed {sorted(ids)}; skipped {bad_name}: {ctx.short(reason)}",
                   f"exit {run.code}", ok, why)


def _broken_front_matter(folder: Path) -> tuple[str, str]:
    (folder / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody text.\n")
    return "bad.md", ""


def _missing_fields(folder: Path) -> tuple[str, str]:
    (folder / "no-id.md").write_text("---\npublisher: NASA\n---\nA body without id.\n")
    return "no-id.md", ""


def _duplicate_ids(folder: Path) -> tuple[str, str]:
    # named to sort after good-a.md: files are read in name order, the first copy is kept
    _doc(folder, "z-copy-of-a.md", "good-a", GOOD_BODY)
    return "z-copy-of-a.md", ""


def _conflicting(folder: Path) -> tuple[str, str]:
    _doc(folder, "other-a.md", "good-a", "NASA launched the Zarya module in 1997.")
    return "other-a.md", "in 1997"


def _empty_doc(folder: Path) -> tuple[str, str]:
    _doc(folder, "empty.md", "empty", "   ")
    return "empty.md", ""


def _huge_doc(folder: Path) -> tuple[str, str]:
    body = "NASA launched another rocket in 2020 from Florida. " * 120_000
    _doc(folder, "huge.md", "huge", body)
    return "huge.md", "another rocket"


def _not_text(folder: Path) -> tuple[str, str]:
    (folder / "scan.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    return "scan.md", "PNG"


def _symlinks(folder: Path) -> tuple[str, str]:
    outside = folder.parent / "outside"
    outside.mkdir()
    _doc(outside, "secret.md", "secret", "OUTSIDE-SECRET: the private notes of a desk.")
    (folder / "link.md").symlink_to(outside / "secret.md")
    (folder / "linked-dir").symlink_to(outside, target_is_directory=True)
    return "link.md", "OUTSIDE-SECRET"


BAD_CORPORA: list[tuple[str, Callable[[Path], tuple[str, str]]]] = [
    ("broken front matter", _broken_front_matter),
    ("missing required fields", _missing_fields),
    ("duplicate ids, same content", _duplicate_ids),
    ("duplicate ids, conflicting content", _conflicting),
    ("empty document", _empty_doc),
    ("huge document (6 MB)", _huge_doc),
    ("file that is not text", _not_text),
    ("symlinks out of the folder", _symlinks),
]
# Each bad corpus twice: the default (refuse the set, or skip what is never read) and
# `factcheck index --skip-bad` (index the rest, list the bad file, exit 6).
for _name, _setup in BAD_CORPORA:
    case("corpus", _name)(functools.partial(_corpus_case, setup=_setup))
    case("corpus", f"{_name}, --skip-bad")(functools.partial(_skip_case, setup=_setup))


# -- index faults ------------------------------------------------------------------------------


def _build_dir(index: Path) -> Path:
    return index / (index / "CURRENT").read_text(encoding="utf-8").strip()


def _recovers(ctx: Context, index: Path, warns: str = "") -> str:
    """Rebuild as a user would, with a plain `factcheck index` (no --force); a message starting
    "recovered" when the index is usable again, else what went wrong. `warns`: a file name the
    rebuild must warn about (a damaged file the manifest's checksums caught)."""
    run = ctx.cli("index", str(ctx.corpus), "--out", str(index), "--quiet", *ctx.model_args)
    check = ctx.cli("verify", str(EXAMPLE_ARTICLE), "--index", str(index), "--quiet",
                    "--format", "json", *ctx.model_args)
    if run.code or check.code not in VERIFIED:
        return f"not recovered by a plain `factcheck index`: {run.error_line or check.error_line}"
    warnings = [line for line in run.err.splitlines() if line.startswith("WARNING")]
    if warns and not any(warns in line for line in warnings):
        return f"rebuilt, but no warning named {warns}"
    return "recovered by a plain `factcheck index`" + (f", which warned about {warns}"
                                                       if warns else "")


def _index_fault(ctx: Context, damage: Callable[[Path], None], fragment: str,
                 warns: str = "") -> Outcome:
    index = ctx.index_copy()
    damage(index)
    run, reports = ctx.verify_cli(EXAMPLE_ARTICLE, index=index)
    outcome = refused(ctx, run, reports, code=4, fragment=fragment)
    if outcome.nothing_lost:
        recovered = _recovers(ctx, index, warns)
        outcome.nothing_lost = recovered.startswith("recovered")
        outcome.why = f"no verdict from a damaged index; {recovered}"
    return outcome


@case("index", "truncated FAISS file")
def _truncated(ctx: Context) -> Outcome:
    def damage(index: Path) -> None:
        path = _build_dir(index) / "vectors.faiss"
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    return _index_fault(ctx, damage, "corrupted", warns="vectors.faiss")


@case("index", "corrupted FAISS file (same size)")
def _bitflip(ctx: Context) -> Outcome:
    def damage(index: Path) -> None:
        path = _build_dir(index) / "vectors.faiss"
        data = bytearray(path.read_bytes())
        for i in range(len(data) // 2, len(data), 97):
            data[i] ^= 0xFF
        path.write_bytes(bytes(data))

    return _index_fault(ctx, damage, "corrupted", warns="vectors.faiss")


@case("index", "newer index format version")
def _newer(ctx: Context) -> Outcome:
    def damage(index: Path) -> None:
        path = _build_dir(index) / "manifest.json"
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest["format_version"] = 99
        path.write_text(json.dumps(manifest), encoding="utf-8")

    return _index_fault(ctx, damage, "newer")


@case("index", "no index at all")
def _no_index(ctx: Context) -> Outcome:
    def damage(index: Path) -> None:
        shutil.rmtree(index)
        index.mkdir()

    return _index_fault(ctx, damage, "no index at")


def _other_model(ctx: Context) -> Path:
    """The case's model with slightly different weights: another model, same architecture."""
    import torch
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(ctx.embedder.model_path), device="cpu",
                                local_files_only=True)
    with torch.no_grad():
        next(model.parameters()).add_(0.01)
    out = ctx.fresh("other-model") / "model"
    model.save(str(out))
    return out


@case("index", "index built with another model")
def _mismatch(ctx: Context) -> Outcome:
    other = _other_model(ctx)
    reports = ctx.fresh("reports")
    run = ctx.cli("verify", str(EXAMPLE_ARTICLE), "--index", str(ctx.index), "--report-dir",
                  str(reports), "--quiet", "--model", str(other))
    outcome = refused(ctx, run, reports, code=4, fragment="built with embedding model")
    outcome.why = ("no verdict from vectors of another model; the message says which model"
                   if outcome.nothing_lost else outcome.why)
    return outcome


def _index_state(index: Path) -> tuple[str, list[str]]:
    from verifier.index import load_index

    leftovers = sorted(p.name for p in index.iterdir() if p.name.startswith(".tmp"))
    return load_index(index).index_id, leftovers


def _changed_corpus(ctx: Context) -> Path:
    folder = ctx.fresh("corpus-v2") / "docs"
    shutil.copytree(ctx.corpus, folder)
    _doc(folder, "new.md", "new-doc", "ESA launched Juice on 14 April 2023 from Kourou.")
    return folder


@case("index", "disk full during a build")
def _disk_full(ctx: Context) -> Outcome:
    import faiss

    index = ctx.index_copy()
    before = _index_state(index)

    def full(*_args: object, **_kw: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with patched(faiss, "write_index", full):
        run = ctx.cli("index", str(_changed_corpus(ctx)), "--out", str(index), "--quiet",
                      *ctx.model_args)
    after = _index_state(index)
    ok = run.code == 7 and run.one_line_error and after[0] == before[0] and not after[1]
    return Outcome(f"build failed: {ctx.short(run.error_line)}", f"exit {run.code}", ok,
                   "previous index loads unchanged; no half-written build left" if ok
                   else f"index before {before}, after {after}")


@case("index", "build interrupted (Ctrl-C) midway")
def _interrupted_build(ctx: Context) -> Outcome:
    index = ctx.index_copy()
    before = _index_state(index)

    def interrupt(*_args: object, **_kw: object) -> None:
        raise KeyboardInterrupt

    with patched(type(ctx.embedder), "embed", interrupt):
        run = ctx.cli("index", str(_changed_corpus(ctx)), "--out", str(index), "--quiet",
                      *ctx.model_args)
    after = _index_state(index)
    ok = run.code == 130 and after[0] == before[0] and not after[1]
    return Outcome("build stopped: interrupted", f"exit {run.code}", ok,
                   "previous index loads unchanged; no half-written build left" if ok
                   else f"index before {before}, after {after}")


@case("index", "two builds at once (lock)")
def _two_builds(ctx: Context) -> Outcome:
    import threading

    from verifier.index import index_lock

    index = ctx.index_copy()
    before = _index_state(index)
    corpus = str(_changed_corpus(ctx))
    held, release = threading.Event(), threading.Event()

    def other_build() -> None:  # holds the lock as a running build does
        with index_lock(index):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=other_build)
    holder.start()
    try:
        held.wait(10)
        refused_run = ctx.cli("index", corpus, "--out", str(index), "--quiet", *ctx.model_args)
        during = _index_state(index)
        threading.Timer(0.5, release.set).start()
        waited = ctx.cli("index", corpus, "--out", str(index), "--wait", "30", "--quiet",
                         *ctx.model_args)
    finally:
        release.set()
        holder.join()
    after = _index_state(index)
    ok = (refused_run.code == 4 and refused_run.one_line_error and during == before
          and waited.code == 0 and after[0] != before[0] and not after[1])
    return Outcome(f"second build refused: {ctx.short(refused_run.error_line)}; with --wait it "
                   "ran after the first", f"exits {refused_run.code}, {waited.code}", ok,
                   "index unchanged while the other build held it; --wait built it after" if ok
                   else f"before {before}, during {during}, after {after}")


_KILL_SCRIPT = """
import os, signal, sys
sys.path.insert(0, {root!r})
import faiss
from verifier.corpus import load_documents
from verifier.embed import Embedder
from verifier.index import build_index

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

faiss.write_index = die
build_index(load_documents([{corpus!r}]), {index!r}, Embedder({model!r}), progress=False)
"""


@case("index", "build killed (SIGKILL) midway", slow=True)
def _killed_build(ctx: Context) -> Outcome:
    index = ctx.index_copy()
    before = _index_state(index)
    model = str(ctx.model_dir) if ctx.model_dir else None
    script = _KILL_SCRIPT.format(root=str(ROOT), corpus=str(_changed_corpus(ctx)),
                                 index=str(index), model=model)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=300,
                          check=False)
    after = _index_state(index)
    killed = proc.returncode == -signal.SIGKILL
    rebuilt = ctx.cli("index", str(ctx.corpus), "--out", str(index), "--force", "--quiet",
                      *ctx.model_args)
    cleaned = _index_state(index)[1]
    ok = killed and after[0] == before[0] and rebuilt.code == 0 and not cleaned
    how = f"signal {-proc.returncode}" if proc.returncode < 0 else f"exit {proc.returncode}"
    why = ("previous index loads unchanged; the next build cleans up" if ok
           else f"before {before}, after {after}, rebuild exit {rebuilt.code}, left {cleaned}")
    return Outcome(f"build killed; leftovers {after[1] or 'none'}", how, ok, why)


# -- model faults ------------------------------------------------------------------------------


def _model_fault(ctx: Context, model: Path, fragment: str) -> Outcome:
    reports = ctx.fresh("reports")
    run = ctx.cli("verify", str(EXAMPLE_ARTICLE), "--index", str(ctx.index), "--report-dir",
                  str(reports), "--quiet", "--model", str(model))
    outcome = refused(ctx, run, reports, code=5, fragment=fragment)
    if outcome.nothing_lost:
        outcome.why = "failed loudly before any verdict; never another model"
    return outcome


@case("model", "embedding model folder missing")
def _model_missing(ctx: Context) -> Outcome:
    return _model_fault(ctx, ctx.work / "no-such-model", "is not a model")


def _model_copy(ctx: Context) -> Path:
    out = ctx.fresh("model") / "model"
    shutil.copytree(ctx.embedder.model_path, out)
    return out


@case("model", "embedding weights truncated")
def _model_truncated(ctx: Context) -> Outcome:
    model = _model_copy(ctx)
    weights = next(model.rglob("model.safetensors"))
    weights.write_bytes(weights.read_bytes()[:1000])
    return _model_fault(ctx, model, "cannot load embedding model")


@case("model", "embedding weights missing")
def _model_no_weights(ctx: Context) -> Outcome:
    model = _model_copy(ctx)
    for weights in model.rglob("model.safetensors"):
        weights.unlink()
    return _model_fault(ctx, model, "")


def _flaky_judge(marker: str, exc: Exception):
    """A judge method of the default judge (rules + stance) that fails on matching claims."""
    from verifier.stance_judge import StanceJudge

    real = StanceJudge.judge

    def judge(self, claim, candidates):
        if marker in claim.text:
            raise exc
        return real(self, claim, candidates)

    return judge


@case("model", "judge fails on one claim")
def _judge_error(ctx: Context) -> Outcome:
    from verifier.stance_judge import StanceJudge

    text = _example_text()
    with patched(StanceJudge, "judge", _flaky_judge("Zarya", RuntimeError("stance model OOM"))):
        run, reports = ctx.verify_cli(EXAMPLE_ARTICLE)

    def marked(report: dict) -> str:
        bad = [c for c in report["claims"] if "Zarya" in c["text"]]
        others = [c for c in report["claims"] if "Zarya" not in c["text"]]
        ok = (bad and all(c["verdict"] == "unverified" and c["reason"].startswith("error:")
                          for c in bad)
              and not any(c["reason"].startswith("error:") for c in others)
              and report["run"]["errors"] == len(bad) and "completed with errors" in run.err)
        return "" if ok else "the failed claim is not marked, or the run did not say so"

    outcome = reported(run, reports, "lunar_article", text, code=6, expect=marked)
    if outcome.nothing_lost:
        outcome.happened = "that claim unverified, reason 'error: ...'; the others judged"
        outcome.why = "report and exit code 6 say which claim failed"
    return outcome


@case("model", "model fails to load in the judge")
def _judge_model_error(ctx: Context) -> Outcome:
    from verifier.errors import ModelLoadError
    from verifier.stance_judge import StanceJudge

    fault = ModelLoadError("cannot load stance model from /models/stance: missing weights")
    with patched(StanceJudge, "judge", _flaky_judge("", fault)):
        run, reports = ctx.verify_cli(EXAMPLE_ARTICLE)
    outcome = refused(ctx, run, reports, code=5, fragment="stance model")
    if outcome.nothing_lost:
        outcome.why = "the run stops: no verdict computed without the model"
    return outcome


@case("model", "embedding fails while verifying")
def _embed_error(ctx: Context) -> Outcome:
    def broken(*_args: object, **_kw: object) -> None:
        raise RuntimeError("CUDA out of memory")  # what a broken runtime may say

    with patched(type(ctx.embedder), "embed", broken):
        run, reports = ctx.verify_cli(EXAMPLE_ARTICLE)
    outcome = refused(ctx, run, reports, code=5, fragment="embedding model failed")
    if outcome.nothing_lost:
        outcome.why = "the run stops: no verdict without retrieval"
    return outcome


@case("model", "stance model folder missing")
def _stance_missing(ctx: Context) -> Outcome:
    from verifier.errors import ModelLoadError

    try:
        from verifier.stance import StanceModel
    except ImportError:
        return Outcome("no stance model in this version", "-", True, "nothing to load")
    try:
        StanceModel.load(ctx.work / "no-stance-model")
    except ModelLoadError as exc:
        return Outcome(f"refused: {ctx.short(str(exc))}", "ModelLoadError", True,
                       "fails loudly; never another model")
    return Outcome("loaded something", "no error", False, "a missing model loaded")


# -- batch -------------------------------------------------------------------------------------


def _batch_folder(ctx: Context, n: int) -> Path:
    folder = ctx.fresh("batch") / "in"
    folder.mkdir()
    for i, text in enumerate(synthetic_articles(n, seed=3)):
        (folder / f"a{i:02d}.md").write_text(text, encoding="utf-8")
    return folder


def _complete_sets(out: Path) -> list[str]:
    return sorted(p.stem for p in out.glob("*.json") if p.name != "_summary.json"
                  and p.with_suffix(".md").is_file() and p.with_suffix(".html").is_file())


@case("batch", "interrupted (Ctrl-C), then resumed")
def _batch_resume(ctx: Context) -> Outcome:
    from verifier.api import Verifier

    folder = _batch_folder(ctx, 6)
    out = folder.parent / "reports"
    real = Verifier.verify
    calls = {"n": 0}

    def flaky(self, article, *, source=None):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real(self, article, source=source)

    with patched(Verifier, "verify", flaky):
        first = ctx.cli("verify", str(folder), "--index", str(ctx.index), "--report-dir",
                        str(out), "--quiet", *ctx.model_args)
    done_first = _complete_sets(out)
    stray = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    second = ctx.cli("verify", str(folder), "--index", str(ctx.index), "--report-dir",
                     str(out), *ctx.model_args)
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    ok = (first.code == 130 and len(done_first) == 3 and not stray and second.code == 0
          and summary["skipped"] == 3 and summary["verified"] == 3
          and len(_complete_sets(out)) == 6)
    return Outcome(f"stopped after {len(done_first)} of 6; rerun verified "
                   f"{summary['verified']}, skipped {summary['skipped']}",
                   f"exit {first.code}, then {second.code}", ok,
                   "finished reports kept whole; the rerun did only the rest" if ok
                   else f"first {done_first}, stray {stray}, summary {summary}")


@case("batch", "bad articles among good ones (folder and JSONL)")
def _batch_bad(ctx: Context) -> Outcome:
    folder = _batch_folder(ctx, 3)
    (folder / "empty.md").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    out = folder.parent / "reports"
    run = ctx.cli("verify", str(folder), "--index", str(ctx.index), "--report-dir", str(out),
                  "--quiet", *ctx.model_args)
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    jsonl = folder.parent / "articles.jsonl"
    jsonl.write_text("\n".join([
        json.dumps({"id": "ok", "text": _example_text()}),
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "ok", "text": "A duplicate id about NASA in 1998."}),
    ]) + "\n", encoding="utf-8")
    out2 = folder.parent / "reports-jsonl"
    run2 = ctx.cli("verify", str(jsonl), "--index", str(ctx.index), "--report-dir", str(out2),
                   "--quiet", *ctx.model_args)
    summary2 = json.loads((out2 / "_summary.json").read_text(encoding="utf-8"))
    ok = (run.code == 6 and summary["verified"] == 3 and len(summary["failed"]) == 2
          and run2.code == 6 and summary2["verified"] == 1 and len(summary2["failed"]) == 3
          and _complete_sets(out2) == ["ok"])
    return Outcome(f"folder: {summary['verified']} verified, {len(summary['failed'])} failed; "
                   f"JSONL: {summary2['verified']} verified, {len(summary2['failed'])} failed",
                   f"exit {run.code}, {run2.code}", ok,
                   "every article has a report or is listed as failed with why" if ok
                   else f"{summary} {summary2}")


@case("batch", "disk full while writing reports")
def _batch_disk_full(ctx: Context) -> Outcome:
    from verifier import batch

    folder = _batch_folder(ctx, 3)
    out = folder.parent / "reports"
    real = batch.write_atomic
    calls = {"n": 0}

    def full(path: Path, text: str) -> None:
        calls["n"] += 1
        if calls["n"] == 5:  # second article, second file
            raise batch.OutputError(f"cannot write {path} ({os.strerror(errno.ENOSPC)})")
        real(path, text)

    with patched(batch, "write_atomic", full):
        run = ctx.cli("verify", str(folder), "--index", str(ctx.index), "--report-dir",
                      str(out), "--quiet", *ctx.model_args)
    sets = _complete_sets(out)
    rerun = ctx.cli("verify", str(folder), "--index", str(ctx.index), "--report-dir", str(out),
                    "--quiet", *ctx.model_args)
    summary = json.loads((out / "_summary.json").read_text(encoding="utf-8"))
    ok = (run.code == 7 and run.one_line_error and sets == ["a00"] and rerun.code == 0
          and summary["skipped"] == 1 and summary["verified"] == 2)
    return Outcome(f"stopped: {ctx.short(run.error_line)}", f"exit {run.code}", ok,
                   "finished reports whole, the failed one not marked done; rerun completes"
                   if ok else f"sets {sets}, rerun {rerun.code}, {summary}")


# -- safety ------------------------------------------------------------------------------------


@contextlib.contextmanager
def no_network() -> Iterator[list[str]]:
    """Any attempt to resolve a name or connect a socket raises, and is recorded (a library
    that swallows the error and falls back quietly is still caught)."""
    import socket

    attempts: list[str] = []

    def refuse(what: str):
        def raiser(*args: object, **_kw: object) -> None:
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise OSError(f"network access attempted while disabled: {what}")

        return raiser

    with (patched(socket.socket, "connect", refuse("socket.connect")),
          patched(socket.socket, "connect_ex", refuse("socket.connect_ex")),
          patched(socket, "create_connection", refuse("create_connection")),
          patched(socket, "getaddrinfo", refuse("getaddrinfo"))):
        yield attempts


@case("safety", "index + verify + check with sockets disabled")
def _offline(ctx: Context) -> Outcome:
    folder = ctx.fresh("offline")
    claims = folder / "claims.jsonl"
    claims.write_text(json.dumps({"id": "a", "claim": "Zarya was launched on 20 November 1998."})
                      + "\n", encoding="utf-8")
    with no_network() as attempts:
        runs = [
            ctx.cli("index", str(ctx.corpus), "--out", str(folder / "idx"), "--quiet",
                    *ctx.model_args),
            ctx.cli("verify", str(EXAMPLE_ARTICLE), "--index", str(folder / "idx"), "--quiet",
                    "--format", "json", *ctx.model_args),
            ctx.cli("check", "--claims", str(claims), "--index", str(folder / "idx"),
                    "--quiet", *ctx.model_args),
        ]
    codes = [r.code for r in runs]
    ok = all(c in VERIFIED for c in codes) and not attempts
    return Outcome("index, verify and check ran with sockets disabled", f"exits {codes}", ok,
                   "no network call attempted" if ok
                   else f"attempts {attempts[:3]}; " + "; ".join(r.error_line for r in runs))


@case("safety", "HTML report of hostile article text")
def _escaping(ctx: Context) -> Outcome:
    text = ('NASA launched Zarya on 20 November 1998 <script>alert("x")</script> '
            'from <img src=x onerror=alert(1)> Baikonur.\n')
    run, reports = ctx.verify_cli(_article_file(ctx, "hostile.md", text.encode()))
    html = (reports / "hostile.html").read_text(encoding="utf-8") if run.code == 0 else ""
    ok = bool(html) and '<script>alert("x")' not in html and "<img src=x" not in html
    return Outcome("report written; article markup shown as text", f"exit {run.code}", ok,
                   "all input text escaped in the HTML report" if ok else "markup not escaped")


# -- the table ---------------------------------------------------------------------------------


def run_all(ctx: Context, cases: list[Case]) -> list[tuple[Case, Outcome]]:
    return [(c, run_case(c, ctx)) for c in cases]


def table(rows: list[tuple[Case, Outcome]]) -> str:
    def clip(text: str, width: int) -> str:
        text = " ".join(text.split())
        return text if len(text) <= width else text[: width - 1] + "…"

    head = ("case", "what happened", "exit / exception", "nothing lost")
    body = [(clip(c.id, 48), clip(o.happened, 70), clip(o.result, 18),
             clip(("yes: " if o.nothing_lost else "NO: ") + o.why, 80)) for c, o in rows]
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(4)]
    lines = [" | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)),
             "-|-".join("-" * w for w in widths)]
    lines += [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in body]
    bad = sum(1 for _, o in rows if not o.nothing_lost)
    lines.append(f"\n{len(rows)} cases, {len(rows) - bad} with nothing lost, {bad} not.")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="local sentence-transformers folder (default: packaged)")
    parser.add_argument("-k", help="only cases whose group or name contains this")
    parser.add_argument("--fast", action="store_true", help="leave out the slow cases")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    cases = [c for c in CASES if (not args.k or args.k.lower() in c.id.lower())
             and not (args.fast and c.slow)]
    with tempfile.TemporaryDirectory(prefix="fault-injection-") as tmp:
        rows = run_all(Context(Path(tmp), Path(args.model) if args.model else None), cases)
    if args.json:
        print(json.dumps([{"case": c.id, **vars(o)} for c, o in rows], indent=2))
    else:
        print(table(rows))
    return 0 if all(o.nothing_lost for _, o in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
