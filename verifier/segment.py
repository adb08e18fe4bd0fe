"""Sentence segmentation with exact character offsets.

Text is first cut into blocks: a block is a paragraph of a hard-wrapped text (its lines joined),
or a single line otherwise. Headlines, list items, Markdown headings and boilerplate lines carry no
final period, so outside hard-wrapped paragraphs a sentence never runs across a line break.
Within a block, nupunkt (MIT, pure Python, no data download) finds the sentences: it handles
abbreviations (U.S., Dr., No. 5, Jan. 5), decimals, initials and quotes; two small repairs
follow (a "sentence" that starts in lower case continues the one before it; "voted no. Rep.
Smith ..." is split after "no.").
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections.abc import Iterator
from typing import NamedTuple

import nupunkt

from verifier.models import Span

_LINE = re.compile(r"[^\n]*")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+•]\s|\d{1,3}[.)]\s|>|\||```|~~~|<)")
_TERMINAL = re.compile(r"[.!?:;][\"'”’)\]]*\s*$")
# nupunkt takes some ordinary words for abbreviations ("voted no. Rep. ...", "think so. A study")
_KNOWN_ABBREV = (r"etc|vs|approx|esp|incl|est|dept|govt|ca|cf|al|fig|figs|vol|vols|pp|ed|eds|jr|sr"
                 r"|st|mt|ft|no|nos|op|cit|ibid|viz|resp|corp|inc|ltd|co|bros|mr|mrs|ms|dr|prof")
_NO_SPLIT = re.compile(rf"\b(?:(?:no|yes)|(?!(?:{_KNOWN_ABBREV})\.)[a-z]{{2,}})\.\s+"
                       r"(?=[A-Z](?:[a-z]|\s+[a-z]))")
_MARKUP = re.compile(
    r"(?:#{1,6}[ \t]+(?:\d{1,3}[.)][ \t]+)?|[-*+•][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]*)+")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(?=\S)")


class Sentence(NamedTuple):
    span: Span
    block: int  # index of the block (paragraph or line) the sentence sits in


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end) if end > start else None


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _LINE.finditer(text, start, end):
        if m.start() == m.end() and out and out[-1][1] == m.start():
            continue  # the empty match after a line
        out.append((m.start(), m.end()))
    return out


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> tuple[bool, int]:
    """Is the text wrapped at a fixed width? Returns (wrapped, typical line width)."""
    inner = []  # lengths of lines followed by another non-blank line of the same paragraph
    for (s1, e1), (s2, e2) in itertools.pairwise(lines):
        a, b = text[s1:e1], text[s2:e2]
        if a.strip() and b.strip() and not _BLOCK_START.match(a) and not _BLOCK_START.match(b):
            inner.append(len(a.rstrip()))
    if len(inner) < 3:
        return False, 0
    width = int(statistics.median(inner))
    return (40 <= width <= 100 and max(inner) <= 120), width


def block_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Paragraph blocks of text[start:end] (offsets into `text`); see the module docstring."""
    end = len(text) if end is None else end
    lines = _lines(text, start, end)
    wrapped, width = _hard_wrapped(text, lines)
    blocks: list[Span] = []
    cur: tuple[int, int] | None = None
    prev = ""
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            if cur:
                blocks.append(Span(start=cur[0], end=cur[1]))
            cur, prev = None, ""
            continue
        if cur is not None and _joins(prev, line, wrapped, width):
            cur = (cur[0], e)
        else:
            if cur:
                blocks.append(Span(start=cur[0], end=cur[1]))
            cur = (s, e)
        prev = line
    if cur:
        blocks.append(Span(start=cur[0], end=cur[1]))
    out = []
    for b in blocks:
        trimmed = _trimmed(text, b.start, b.end)
        if trimmed is not None:
            trimmed = _unmarked(text, trimmed)
        if trimmed is not None:
            out.append(trimmed)
    return out


def _unmarked(text: str, span: Span) -> Span | None:
    """Leave out Markdown heading/list/quote markers and emphasis wrapping a whole block."""
    s, e = span.start, span.end
    m = _MARKUP.match(text, s, e)
    if m:
        s = m.end()
    m = _EMPHASIS.match(text, s, e)
    if m and text[s:e].rstrip().endswith(m.group(1)) and e - s > 2 * len(m.group(1)):
        s, e = s + len(m.group(1)), e - len(m.group(1))
    return _trimmed(text, s, e)


def _joins(prev: str, line: str, wrapped: bool, width: int) -> bool:
    """Does `line` continue the sentence or paragraph of the line before it?"""
    if _BLOCK_START.match(line) or prev.lstrip().startswith(("#", "|", "```", "~~~")):
        return False
    if prev.strip() == line.strip():
        return False  # a repeated headline
    first = line.lstrip()[:1]
    if first.islower():
        return True  # "... said\nall nine children ..."
    if not wrapped:
        return False
    p = prev.rstrip()
    # In a wrapped paragraph only the last line is short: a short line without a final stop
    # is a headline, byline or deliberate break, not part of the next sentence.
    return not (len(p) < 0.6 * width and not _TERMINAL.search(p))


def _sentences_in_block(text: str, block: Span) -> Iterator[Span]:
    block_text = block.slice(text)
    raw = [(block.start + s, block.start + e) for s, e in nupunkt.sent_spans(block_text)]
    merged: list[list[int]] = []
    for s, e in raw:
        span = _trimmed(text, s, e)
        if span is None:
            continue
        head = text[span.start : span.start + 3].lstrip("\"'“‘(")
        if merged and head[:1].islower():
            merged[-1][1] = span.end  # "$22.6 bn. on NASA" is one sentence
            continue
        merged.append([span.start, span.end])
    for s, e in merged:
        cut = s
        for m in _NO_SPLIT.finditer(text, s, e):
            piece = _trimmed(text, cut, m.end())
            if piece is not None:
                yield piece
            cut = m.end()
        piece = _trimmed(text, cut, e)
        if piece is not None:
            yield piece


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[Sentence]:
    """Yield the sentences of text[start:end] with the block each sits in, offsets into `text`."""
    for i, block in enumerate(block_spans(text, start, end)):
        for span in _sentences_in_block(text, block):
            yield Sentence(span, i)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Yield the spans of the sentences of text[start:end], in order, offsets into `text`."""
    for sentence in sentences(text, start, end):
        yield sentence.span
