"""Reading reference documents: folders of Markdown/text files with front matter and HTML
pages, or JSONL records.

HTML pages give their main text (the <main> element, else the <article> elements, else the body,
without scripts, navigation, headers, footers, asides and forms; one line per block element) and
their metadata: title (og:title, <title>, first <h1>), publisher (og:site_name, publisher, then
author meta or JSON-LD), date (article:published_time, date metas, JSON-LD datePublished,
<time datetime>), url (<link rel=canonical>, og:url), id (meta factcheck:id, else the file's
path inside the folder) and document type (meta factcheck:doc_type, else "web_page").
Passage offsets point into the extracted main text, which is what the index stores.

Bad documents (broken front matter, missing fields, no text, over MAX_DOCUMENT_BYTES, not
text, duplicate ids) refuse the whole set by default, every one named; with `skip_bad` they are
left out and listed, with the reason, and the good documents are read. Symlinks that lead out
of a corpus folder are never read, in either mode, and are listed too.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from pydantic import ValidationError

from verifier.errors import CorpusError, InputError
from verifier.models import SkippedDocument, SourceDocument
from verifier.textio import read_text, split_front_matter

log = logging.getLogger(__name__)

DOC_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm"}
HTML_SUFFIXES = {".html", ".htm"}
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
_REQUIRED = ("id", "title")
_KNOWN = {"id", "title", "publisher", "date", "url", "doc_type", "text"}
SKIP_HINT = ("fix the file(s), or pass --skip-bad to index the good documents and skip the bad "
             "ones")


class BadDocument(CorpusError):
    """One document (file or JSONL record) that cannot be indexed: `where` names it."""

    def __init__(self, where: str, reason: str, message: str | None = None) -> None:
        super().__init__(message or f"{where}: {reason}")
        self.where = where
        self.reason = reason

    @classmethod
    def from_input(cls, exc: InputError, where: str) -> BadDocument:
        # textio messages already start with the file name
        return cls(where, str(exc).removeprefix(f"{where}: "))

    def skipped(self) -> SkippedDocument:
        return SkippedDocument(path=self.where, reason=self.reason)


def _parse_date(value: object, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise BadDocument(where, f"date {value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _document(meta: dict, text: str, where: str) -> SourceDocument:
    missing = [k for k in _REQUIRED if not str(meta.get(k) or "").strip()]
    if missing:
        raise BadDocument(where, f"missing required field(s) {', '.join(missing)}")
    if not text.strip():
        raise BadDocument(where, "document has no text")
    try:
        return SourceDocument(
            id=str(meta["id"]).strip(),
            title=str(meta["title"]).strip(),
            publisher=str(meta.get("publisher") or "unknown").strip(),
            date=_parse_date(meta.get("date"), where),
            url=str(meta.get("url") or "").strip(),
            doc_type=str(meta.get("doc_type") or "press_release").strip(),
            text=text,
            source=where,
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        reason = f"field {'.'.join(map(str, first['loc']))}: {first['msg']}"
        raise BadDocument(where, reason) from exc


def read_markdown_document(path: Path, root: Path) -> SourceDocument:
    where = str(path)
    try:
        raw = read_text(path, max_bytes=MAX_DOCUMENT_BYTES)
        meta, body_start = split_front_matter(raw, where)
    except InputError as exc:
        raise BadDocument.from_input(exc, where) from exc
    if not meta:
        raise BadDocument(where, "no front matter ('---' block with id, title, publisher, date, "
                                 "url)")
    return _document(meta, raw[body_start:], where)


def _jsonl_record(line: str, where: str) -> SourceDocument:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadDocument(where, f"not valid JSON ({exc.msg})") from exc
    if not isinstance(record, dict):
        raise BadDocument(where, "each line must be a JSON object")
    text = str(record.get("text") or "")
    if len(text) > MAX_DOCUMENT_BYTES and len(text.encode("utf-8")) > MAX_DOCUMENT_BYTES:
        raise BadDocument(where, f"text is over the {MAX_DOCUMENT_BYTES}-byte limit for one "
                                 "document")
    return _document(record, text, where)


def _jsonl_documents(path: Path) -> tuple[list[SourceDocument], list[BadDocument]]:
    """Every good record of a JSONL file, and each bad record (named `path:line`)."""
    try:
        raw = read_text(path, max_bytes=2**40)
    except InputError as exc:
        return [], [BadDocument.from_input(exc, str(path))]
    docs, bad = [], []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if line.strip():
            try:
                docs.append(_jsonl_record(line, f"{path}:{lineno}"))
            except BadDocument as exc:
                bad.append(exc)
    return docs, bad


def read_jsonl_documents(path: Path) -> list[SourceDocument]:
    """The records of a JSONL file; CorpusError naming the first bad one."""
    docs, bad = _jsonl_documents(path)
    if bad:
        raise bad[0]
    return docs


# -- HTML ------------------------------------------------------------------------------------

_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer",
              "aside", "form", "button", "select", "textarea", "iframe", "head", "object"}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
               "li", "ul", "ol", "dl", "dt", "dd", "br", "hr", "tr", "table", "blockquote",
               "pre", "figure", "figcaption", "caption", "address", "body", "td", "th"}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base",
              "col", "embed", "param", "track"}
_SPACES = re.compile(r"\s+")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_DATE_METAS = ("article:published_time", "og:published_time", "datepublished", "date",
               "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
               "citation_publication_date", "pubdate", "publish-date", "publishdate")


class _HTMLDocument(HTMLParser):
    """One pass over a page: metadata plus text blocks tagged by the region they sit in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self.times: list[str] = []
        self.json_ld: list[str] = []
        self.blocks: list[tuple[bool, bool, str]] = []  # (in <main>, in <article>, text)
        self._parts: list[str] = []
        self._skip: list[str] = []  # open skipped elements
        self._main = 0
        self._article = 0
        self._in_title = False
        self._in_h1 = False
        self._ld: list[str] | None = None

    def _flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self._parts)).strip()
        self._parts = []
        if text:
            self.blocks.append((self._main > 0, self._article > 0, text))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link":
            for rel in a.get("rel", "").lower().split():
                self.links.setdefault(rel, a.get("href", "").strip())
            return
        if tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        if tag == "title":
            self._in_title = True
        if tag == "body":
            self._skip.clear()  # a page that never closed <head> (or a skipped element)
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._ld = []
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self._skip.append(tag)
            return
        if self._skip:
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "main":
            self._main += 1
        elif tag == "article":
            self._article += 1
        elif tag == "h1" and not self.h1:
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "script" and self._ld is not None:
            self.json_ld.append("".join(self._ld))
            self._ld = None
        if self._skip:
            if tag == self._skip[-1]:
                self._skip.pop()
            elif tag in self._skip:  # tolerate unclosed children of a skipped element
                del self._skip[self._skip.index(tag):]
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag == "main":
            self._main = max(0, self._main - 1)
        elif tag == "article":
            self._article = max(0, self._article - 1)
        elif tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._ld is not None:
            self._ld.append(data)
        if self._skip:
            return
        if self._in_h1:
            self.h1 += data
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def main_text(self) -> str:
        """The main content's blocks, one per line (the body's when no <main>/<article>)."""
        for region in (0, 1, None):  # <main>, else <article>, else everything
            lines = [b[2] for b in self.blocks if region is None or b[region]]
            if lines:
                return "\n".join(lines) + "\n"
        return ""


def _json_ld_fields(chunks: list[str]) -> dict[str, str]:
    """datePublished, headline, url, publisher and author names from JSON-LD blocks."""
    out: dict[str, str] = {}

    def name_of(value: object) -> str:
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, dict):
            value = value.get("name", "")
        return str(value or "").strip()

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
        elif isinstance(node, dict):
            for key in ("datePublished", "headline", "url"):
                if isinstance(node.get(key), str) and key not in out:
                    out[key] = node[key].strip()
            for key in ("publisher", "author"):
                if key in node and key not in out and name_of(node[key]):
                    out[key] = name_of(node[key])
            visit(node.get("@graph"))

    for chunk in chunks:
        try:
            visit(json.loads(chunk))
        except (json.JSONDecodeError, RecursionError):
            continue
    return out


def _html_date(value: str, where: str) -> dt.date | None:
    m = _ISO_DAY.match(value)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    log.warning("%s: ignoring date %r (not an ISO date)", where, value)
    return None


def parse_html_document(raw: str, where: str, default_id: str) -> SourceDocument:
    """A SourceDocument from the text of an HTML page (see the module docstring)."""
    page = _HTMLDocument()
    page.feed(raw)
    page.close()
    meta, ld = page.meta, _json_ld_fields(page.json_ld)

    def first(*values: str | None) -> str:
        return next((_SPACES.sub(" ", v).strip() for v in values if v and v.strip()), "")

    dates = [v for v in (*(meta.get(k) for k in _DATE_METAS), ld.get("datePublished"),
                         *page.times) if v and v.strip()]
    date = next((d for d in (_html_date(v, where) for v in dates) if d), None)
    record = {
        "id": first(meta.get("factcheck:id"), default_id),
        "title": first(meta.get("og:title"), meta.get("twitter:title"), page.title, page.h1,
                       ld.get("headline")),
        "publisher": first(meta.get("og:site_name"), meta.get("publisher"),
                           meta.get("dc.publisher"), ld.get("publisher"), meta.get("author"),
                           meta.get("article:author"), ld.get("author")),
        "date": date,
        "url": first(page.links.get("canonical"), meta.get("og:url"), ld.get("url")),
        "doc_type": first(meta.get("factcheck:doc_type"), "web_page"),
    }
    return _document(record, page.main_text(), where)


def read_html_document(path: Path, root: Path) -> SourceDocument:
    where = str(path)
    try:
        raw = read_text(path, max_bytes=MAX_DOCUMENT_BYTES)
    except InputError as exc:
        raise BadDocument.from_input(exc, where) from exc
    try:
        rel = path.resolve().relative_to(root.resolve())
    except ValueError:
        rel = Path(path.name)
    default_id = rel.with_suffix("").as_posix().replace("/", "-")
    return parse_html_document(raw, where, default_id)


def _read_file(path: Path, root: Path) -> SourceDocument:
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_document(path, root)
    return read_markdown_document(path, root)


def _folder_files(root: Path) -> tuple[list[Path], list[SkippedDocument]]:
    """The document files of a folder, and the symlinks in it that lead outside (not read)."""
    files, outside = [], []
    resolved_root = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in DOC_SUFFIXES or not path.is_file():
            continue
        if path.stem.lower() == "readme":
            continue
        if not path.resolve().is_relative_to(resolved_root):
            outside.append(SkippedDocument(
                path=str(path), reason=f"links outside {root}; not read"))
            continue
        files.append(path)
    return files, outside


@dataclass
class Corpus:
    """What `read_corpus` found: the documents to index and what was left out, with why."""

    documents: list[SourceDocument]
    skipped: list[SkippedDocument] = field(default_factory=list)


def _content(doc: SourceDocument) -> dict:
    return doc.model_dump(exclude={"source"})


def _duplicates(docs: list[SourceDocument], skip_bad: bool) -> tuple[list[SourceDocument],
                                                                     list[BadDocument]]:
    """Documents whose id is unique, and a problem for each one that shares its id.

    Refusing (not `skip_bad`): each later copy is a problem naming both files. Skipping: copies
    with identical content keep the first (the others are listed); ids used with different
    content keep none of them, since nothing says which one is right.
    """
    groups: dict[str, list[SourceDocument]] = {}
    for d in docs:
        groups.setdefault(d.id, []).append(d)
    identical = {k: all(_content(d) == _content(g[0]) for d in g[1:])
                 for k, g in groups.items() if len(g) > 1}
    kept, bad = [], []
    for d in docs:
        first = groups[d.id][0]
        if d.id not in identical:
            kept.append(d)
        elif not skip_bad:
            if d is not first:
                bad.append(BadDocument(d.source, f"duplicate document id {d.id!r}",
                                       f"duplicate document id {d.id!r} in {first.source} "
                                       f"and {d.source}"))
        elif identical[d.id]:
            if d is first:
                kept.append(d)
            else:
                bad.append(BadDocument(d.source, f"duplicate of {first.source} (same id "
                                                 f"{d.id!r}, same content), which is indexed"))
        else:
            group = groups[d.id]
            others = ", ".join(g.source for g in group if g is not d)
            bad.append(BadDocument(d.source, f"id {d.id!r} is also used by {others} with "
                                             "different content: none of them is indexed"))
    return kept, bad


def read_corpus(sources: Iterable[str | Path], *, skip_bad: bool = False) -> Corpus:
    """Read every source; with `skip_bad`, leave bad documents out and list them.

    Without `skip_bad` one bad document refuses the whole set (CorpusError naming the first,
    every one logged), so nothing is indexed from a half-read corpus. A missing source, a
    folder without documents, or nothing left to index is refused in both modes. Symlinks out
    of a folder are never read and always listed in `skipped`.
    """
    docs: list[SourceDocument] = []
    bad: list[BadDocument] = []
    outside: list[SkippedDocument] = []
    refusals: list[str] = []  # problems with a source itself: skipping cannot help
    for source in sources:
        path = Path(source)
        if not path.exists():
            refusals.append(f"{path}: no such file or folder")
            continue
        if path.is_dir():
            files, links = _folder_files(path)
            outside += links
            if not files:
                refusals.append(f"{path}: no .md, .txt or .html documents in this folder")
            for f in files:
                try:
                    docs.append(_read_file(f, path))
                except BadDocument as exc:
                    bad.append(exc)
        elif path.suffix.lower() in {".jsonl", ".json"}:
            good, wrong = _jsonl_documents(path)
            docs += good
            bad += wrong
        else:
            try:
                docs.append(_read_file(path, path.parent))
            except BadDocument as exc:
                bad.append(exc)
    docs, repeated = _duplicates(docs, skip_bad)
    bad += repeated
    problems = [*refusals, *(str(b) for b in ([] if skip_bad else bad))]
    if problems:
        for p in problems:
            log.error("%s", p)
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        hint = f"; {SKIP_HINT}" if bad and not skip_bad else ""
        raise CorpusError(problems[0] + more + hint)
    skipped = sorted([*(b.skipped() for b in bad), *outside], key=lambda s: s.path)
    if not docs:
        left = f": all {len(skipped)} were skipped (first: {skipped[0].path})" if skipped else ""
        raise CorpusError(f"no reference documents found in the given sources{left}")
    return Corpus(docs, skipped)


def load_documents(sources: Iterable[str | Path]) -> list[SourceDocument]:
    """Read every source; refuse the whole set if any document is malformed or ids repeat.

    All problems are collected first so a user fixes them in one pass. Symlinks out of a
    folder are skipped with a warning (see `read_corpus` for skipping bad documents too).
    """
    corpus = read_corpus(sources)
    for s in corpus.skipped:
        log.warning("skipping %s: %s", s.path, s.reason)
    return corpus.documents
