"""Reading reference documents: a folder of Markdown/text files with front matter, or JSONL."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from pydantic import ValidationError

from verifier.errors import CorpusError, InputError
from verifier.models import SourceDocument
from verifier.textio import read_text, split_front_matter

log = logging.getLogger(__name__)

DOC_SUFFIXES = {".md", ".markdown", ".txt"}
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
_REQUIRED = ("id", "title")
_KNOWN = {"id", "title", "publisher", "date", "url", "doc_type", "text"}


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
        msg = f"{where}: date {value!r} is not an ISO date (YYYY-MM-DD)"
        raise CorpusError(msg) from exc


def _document(meta: dict, text: str, where: str) -> SourceDocument:
    missing = [k for k in _REQUIRED if not str(meta.get(k) or "").strip()]
    if missing:
        msg = f"{where}: missing required field(s) {', '.join(missing)}"
        raise CorpusError(msg)
    if not text.strip():
        msg = f"{where}: document has no text"
        raise CorpusError(msg)
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
        msg = f"{where}: field {'.'.join(map(str, first['loc']))}: {first['msg']}"
        raise CorpusError(msg) from exc


def read_markdown_document(path: Path, root: Path) -> SourceDocument:
    where = str(path)
    try:
        raw = read_text(path, max_bytes=MAX_DOCUMENT_BYTES)
        meta, body_start = split_front_matter(raw, where)
    except InputError as exc:
        raise CorpusError(str(exc)) from exc
    if not meta:
        msg = f"{where}: no front matter ('---' block with id, title, publisher, date, url)"
        raise CorpusError(msg)
    return _document(meta, raw[body_start:], where)


def read_jsonl_documents(path: Path) -> list[SourceDocument]:
    try:
        raw = read_text(path, max_bytes=2**40)
    except InputError as exc:
        raise CorpusError(str(exc)) from exc
    docs = []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            msg = f"{where}: not valid JSON ({exc.msg})"
            raise CorpusError(msg) from exc
        if not isinstance(record, dict):
            msg = f"{where}: each line must be a JSON object"
            raise CorpusError(msg)
        docs.append(_document(record, str(record.get("text") or ""), where))
    return docs


def _folder_files(root: Path) -> list[Path]:
    files = []
    resolved_root = root.resolve()
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in DOC_SUFFIXES or not path.is_file():
            continue
        if path.name.lower() == "readme.md":
            continue
        if not path.resolve().is_relative_to(resolved_root):
            log.warning("skipping %s: it links outside %s", path, root)
            continue
        files.append(path)
    return files


def load_documents(sources: Iterable[str | Path]) -> list[SourceDocument]:
    """Read every source; refuse the whole set if any document is malformed or ids repeat.

    All problems are collected first so a user fixes them in one pass.
    """
    docs: list[SourceDocument] = []
    problems: list[str] = []
    for source in sources:
        path = Path(source)
        if not path.exists():
            problems.append(f"{path}: no such file or folder")
            continue
        if path.is_dir():
            files = _folder_files(path)
            if not files:
                problems.append(f"{path}: no .md or .txt documents in this folder")
            for f in files:
                try:
                    docs.append(read_markdown_document(f, path))
                except CorpusError as exc:
                    problems.append(str(exc))
        elif path.suffix.lower() in {".jsonl", ".json"}:
            try:
                docs.extend(read_jsonl_documents(path))
            except CorpusError as exc:
                problems.append(str(exc))
        else:
            try:
                docs.append(read_markdown_document(path, path.parent))
            except CorpusError as exc:
                problems.append(str(exc))
    seen: dict[str, str] = {}
    for d in docs:
        if d.id in seen:
            problems.append(f"duplicate document id {d.id!r} in {seen[d.id]} and {d.source}")
        else:
            seen[d.id] = d.source
    if problems:
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        for p in problems:
            log.error("%s", p)
        raise CorpusError(problems[0] + more)
    if not docs:
        msg = "no reference documents found in the given sources"
        raise CorpusError(msg)
    return docs
