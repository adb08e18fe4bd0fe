"""Turning bytes from files or stdin into text, refusing what is not text.

The limits below bound the time and memory one article can take; the README states them and
tests/test_reliability.py proves them.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml

from verifier.errors import InputError

log = logging.getLogger(__name__)

# An article larger than this is refused: a long feature is ~50 KB of text.
MAX_ARTICLE_BYTES = 1024 * 1024
# A "sentence" longer than this (characters) is listed as dropped, never checked.
MAX_SENTENCE_CHARS = 2_000
# Claims beyond this many in one article are listed as dropped, never checked.
MAX_CLAIMS = 500
# A claims file for `factcheck check` (one short claim per line).
MAX_CLAIMS_FILE_BYTES = 64 * 1024 * 1024

# Share of control characters (other than tab, newline, carriage return, form feed) above which
# decoded bytes are treated as a binary file rather than text.
_MAX_CONTROL_SHARE = 0.01
_SNIFF_CHARS = 65_536
# Front matter is a few lines of metadata; a bigger block is not front matter.
MAX_FRONT_MATTER_CHARS = 65_536


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_CHARS]
    if not sample:
        return False
    controls = sum(
        1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v"
    )
    return controls / len(sample) > _MAX_CONTROL_SHARE


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark: NUL in (nearly) every other byte."""
    sample = data[:_SNIFF_CHARS]
    if len(data) % 2 or len(sample) < 4:
        return None
    for offset, codec in ((1, "utf-16-le"), (0, "utf-16-be")):
        if sample[offset::2].count(0) >= 0.9 * (len(sample) // 2):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return None if _looks_binary(text) or "\x00" in text else text
    return None


def _bom_codec(data: bytes) -> str | None:
    # UTF-32 first: the UTF-32-LE mark begins with the UTF-16-LE one.
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def decode(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or UTF-16 (BOM, or plain ASCII-range text without one);
    read other bytes as Windows-1252/Latin-1 with a warning; refuse binary data."""
    codec = _bom_codec(data)
    if codec:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            label = codec.upper()
            msg = f"{name}: starts with a {label} byte-order mark but does not decode as {label}"
            raise InputError(msg) from exc
    elif b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            msg = f"{name}: looks like a binary file (contains NUL bytes), not text"
            raise InputError(msg)
        log.warning("%s has no byte-order mark; read as UTF-16", name)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # Legacy single-byte text is still readable; say so rather than guessing silently.
            log.warning("%s is not valid UTF-8; reading it as Windows-1252/Latin-1", name)
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if _looks_binary(text):
        msg = f"{name}: looks like a binary file (control characters), not text"
        raise InputError(msg)
    return text


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes: the file may grow while read, or be a pipe or device."""
    chunks, size = [], 0
    with path.open("rb") as fh:
        while size <= max_bytes:
            chunk = fh.read(min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    return b"".join(chunks)


def read_text(path: str | Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            msg = f"{p}: {size} bytes is over the {max_bytes}-byte limit for one input"
            raise InputError(msg)
        data = _read_bounded(p, max_bytes)
    except IsADirectoryError as exc:
        msg = f"{p}: is a directory, expected a file"
        raise InputError(msg) from exc
    except OSError as exc:
        msg = f"{p}: cannot read ({exc.strerror or exc})"
        raise InputError(msg) from exc
    if len(data) > max_bytes:
        msg = f"{p}: more than the {max_bytes}-byte limit for one input"
        raise InputError(msg)
    return decode(data, str(p))


def check_article(text: object, name: str, *, max_bytes: int = MAX_ARTICLE_BYTES) -> str:
    """Refuse what the API cannot verify: not a str, empty, over the size limit, unencodable."""
    if not isinstance(text, str):
        msg = f"{name}: article must be text (str), got {type(text).__name__}"
        raise InputError(msg)
    if len(text) > max_bytes:  # cheap early answer: every character is at least one byte
        msg = f"{name}: {len(text)} characters is over the {max_bytes}-byte limit for one input"
        raise InputError(msg)
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        msg = f"{name}: contains a lone surrogate code point at character {exc.start}: not text"
        raise InputError(msg) from exc
    if size > max_bytes:
        msg = f"{name}: {size} bytes is over the {max_bytes}-byte limit for one input"
        raise InputError(msg)
    if not text.strip():
        msg = f"{name}: the article is empty"
        raise InputError(msg)
    return text


def sha256_files(files: Iterable[Path]) -> str:
    """Hash of the files' bytes in order (for one file, its plain sha256), read in chunks."""
    h = hashlib.sha256()
    for f in files:
        with Path(f).open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


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
    if len(block) > MAX_FRONT_MATTER_CHARS:
        msg = f"{name}: front matter is over the {MAX_FRONT_MATTER_CHARS}-character limit"
        raise InputError(msg)
    try:
        # Aliases (*name) let a few lines expand to gigabytes when the values are used.
        if any(isinstance(t, yaml.AliasToken) for t in yaml.scan(block)):
            msg = f"{name}: front matter uses YAML aliases (*name), which are not accepted"
            raise InputError(msg)
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
