"""Turning bytes from files or stdin into text, refusing what is not text."""

from __future__ import annotations

import codecs
import hashlib
import logging
from pathlib import Path

import yaml

from verifier.errors import InputError

log = logging.getLogger(__name__)

# Bounds that keep one article from exhausting memory or time; stated in the README.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or BOM-marked UTF-16; refuse binary data."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            msg = f"{name}: starts with a UTF-16 byte-order mark but does not decode as UTF-16"
            raise InputError(msg) from exc
    if b"\x00" in data:
        msg = f"{name}: looks like a binary file (contains NUL bytes), not text"
        raise InputError(msg)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Legacy single-byte text is still readable; say so rather than guessing silently.
        log.warning("%s is not valid UTF-8; reading it as Windows-1252/Latin-1", name)
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")


def read_text(path: str | Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            msg = f"{p}: {size} bytes is over the {max_bytes}-byte limit for one input"
            raise InputError(msg)
        data = p.read_bytes()
    except IsADirectoryError as exc:
        msg = f"{p}: is a directory, expected a file"
        raise InputError(msg) from exc
    except OSError as exc:
        msg = f"{p}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    return decode(data, str(p))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_front_matter(text: str, name: str) -> tuple[dict, int]:
    """Return (metadata, body offset) for text that may open with a `---` YAML block.

    The body offset lets spans point into the original text, front matter included.
    """
    if not text.startswith("---"):
        return {}, 0
    first_nl = text.find("\n")
    if first_nl == -1 or text[:first_nl].strip() != "---":
        return {}, 0
    end = text.find("\n---", first_nl)
    if end == -1:
        msg = f"{name}: front matter opened with '---' is never closed"
        raise InputError(msg)
    block = text[first_nl + 1 : end]
    try:
        meta = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        detail = str(exc).splitlines()[0]
        msg = f"{name}: front matter is not valid YAML ({detail})"
        raise InputError(msg) from exc
    if not isinstance(meta, dict):
        msg = f"{name}: front matter must be a mapping of keys to values"
        raise InputError(msg)
    body_start = text.find("\n", end + 1)
    body_start = len(text) if body_start == -1 else body_start + 1
    return meta, body_start
