"""Sentence segmentation with exact character offsets.

Lines are segmented on their own first: headlines and boilerplate lines carry no final period,
and a sentence never runs across a line break in the articles and releases we read.
nupunkt (MIT, pure Python, no data download) handles abbreviations, decimals and initials.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import nupunkt

from verifier.models import Span

_LINE = re.compile(r"[^\n]+")


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end) if end > start else None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Yield the spans of the sentences of text[start:end], in order, offsets into `text`."""
    end = len(text) if end is None else end
    for line in _LINE.finditer(text, start, end):
        line_text = line.group()
        if not line_text.strip():
            continue
        for s, e in nupunkt.sent_spans(line_text):
            span = _trimmed(text, line.start() + s, line.start() + e)
            if span is not None:
                yield span
