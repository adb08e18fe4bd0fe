"""Reading an article: plain text, Markdown with YAML front matter, or an HTML page.

    >>> from verifier.article import read_article
    >>> art = read_article("---\\ntitle: T\\ndate: 2021-03-15\\n---\\nRussia and China signed.\\n")
    >>> art.format, art.title, str(art.date), art.text[art.body_start:]
    ('markdown', 'T', '2021-03-15', 'Russia and China signed.\\n')

Offsets (claim spans) point into `Article.text`:

- plain text and Markdown: `text` is the input exactly as given, front matter included, and
  `body_start` is where the body begins after the front matter;
- HTML: `text` is the main text extracted from the page (one block per paragraph, heading or
  list item, separated by blank lines; scripts, navigation, header, footer, asides, figures,
  forms and share/related/comment boxes left out), `body_start` is 0, and offsets point into
  that extracted text, not into the HTML source.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from typing import Literal

from pydantic import BaseModel

from verifier.errors import InputError
from verifier.textio import split_front_matter

Format = Literal["text", "markdown", "html"]


class Article(BaseModel):
    """An article ready for claim extraction; see the module docstring for what offsets mean."""

    text: str
    body_start: int = 0
    title: str | None = None
    date: dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    format: Format = "text"
    name: str = "article"

    @property
    def body(self) -> str:
        return self.text[self.body_start :]


_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<!--)", re.I)
_TAG = re.compile(r"</?(?:p|div|br|h[1-6]|article|section|span|a|li|ul|table)\b[^>]*>", re.I)
_MD_HINT = re.compile(r"^(?:#{1,6}\s|[-*+]\s|\d{1,3}\.\s|>\s|```)|\[[^\]\n]+\]\([^)\s]+\)", re.M)


def detect_format(raw: str, name: str = "") -> Format:
    """Guess the format from the file name, then from the content."""
    lower = name.lower()
    if lower.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lower.endswith((".md", ".markdown", ".mdown")):
        return "markdown"
    head = raw[:4096]
    if _HTML_SNIFF.match(head) or len(_TAG.findall(head)) >= 3:
        return "html"
    if lower.endswith(".txt"):
        return "markdown" if raw.startswith("---") else "text"
    if raw.startswith("---") or len(_MD_HINT.findall(raw[:20000])) >= 2:
        return "markdown"
    return "text"


def read_article(raw: str, *, name: str = "article", fmt: str | None = None) -> Article:
    """Read an article from its decoded text.

    `fmt` is "text", "markdown", "html" or None (guess from `name` and the content). Front
    matter (`---` YAML block) is read for text and Markdown: `title`, `date`, `outlet` (or
    `publisher`, `source`, `site`), `url` (or `link`, `canonical`). For HTML the same come from
    `<meta>` tags (Open Graph, article:published_time, JSON-LD), `<title>`, `<link rel=canonical>`.
    """
    if not isinstance(raw, str):
        msg = f"{name}: article must be text (str), got {type(raw).__name__}"
        raise InputError(msg)
    fmt = fmt or detect_format(raw, name)
    if fmt in ("md", "mdown"):
        fmt = "markdown"
    if fmt == "txt":
        fmt = "text"
    if fmt not in ("text", "markdown", "html"):
        msg = f"{name}: unknown article format {fmt!r} (use text, markdown or html)"
        raise InputError(msg)
    if fmt == "html":
        return _read_html(raw, name)
    meta, body_start = split_front_matter(raw, name)
    title = _text_field(meta, "title", "headline")
    if title is None:
        title = _first_line_title(raw[body_start:])
    return Article(
        text=raw,
        body_start=body_start,
        title=title,
        date=parse_date(meta.get("date") or meta.get("published") or meta.get("pubdate")),
        outlet=_text_field(meta, "outlet", "publisher", "source", "site", "site_name"),
        url=_text_field(meta, "url", "link", "canonical", "canonical_url"),
        format=fmt,  # type: ignore[arg-type]
        name=name,
    )


def _text_field(meta: dict, *keys: str) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _first_line_title(body: str) -> str | None:
    for line in body.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return None


# ---------------------------------------------------------------- inline Markdown

_MD_LINK = re.compile(r"(!?\[)[^\]\n]*[^\]\s][^\]\n]*(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_MD_PAIRED = re.compile(r"(?<![\w*_~`\\])(\*\*|__|~~|\*|_|`+)(?=[^\s*_~])[^\n]*?(?<=[^\s\\*_~])"
                        r"\1(?![\w*_~`])")


def blank_inline_markup(text: str) -> str:
    """`text` with Markdown inline markup (`**bold**`, `_em_`, `` `code` ``, `~~x~~`, the
    brackets and URL of `[words](url)`) replaced by spaces: the same length, so an offset into
    the result is an offset into `text`, and the words a reader sees are left where they are.

        >>> blank_inline_markup("The **agency** said [1,200 cases](https://x.org/a) rose.")
        'The   agency   said  1,200 cases                   rose.'
    """
    chars = list(text)

    def blank(start: int, end: int) -> None:
        for i in range(start, end):
            if chars[i] not in "\n\r":
                chars[i] = " "

    for m in _MD_LINK.finditer(text):
        blank(m.start(1), m.end(1))
        blank(m.start(2), m.end(2))
    for m in _MD_PAIRED.finditer(text):
        width = len(m.group(1))
        blank(m.start(), m.start() + width)
        blank(m.end() - width, m.end())
    return "".join(chars)


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TEXT_DATE = re.compile(
    r"(?:(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}))|(?:([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4}))"
)


def parse_date(value: object) -> dt.date | None:
    """A date from front matter or a meta tag: date objects, ISO strings, "15 March 2021"."""
    from verifier.facts import MONTHS

    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    m = _ISO_DATE.search(text)
    try:
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _TEXT_DATE.search(text)
        if m:
            if m.group(1):
                day, month, year = m.group(1), m.group(2), m.group(3)
            else:
                month, day, year = m.group(4), m.group(5), m.group(6)
            month_no = MONTHS.get(month.lower())
            if month_no:
                return dt.date(int(year), month_no, int(day))
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "textarea", "svg", "iframe", "object", "embed", "figure", "canvas", "dialog", "menu",
})
_VOID_TAGS = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "blockquote", "pre",
    "section", "article", "main", "header", "footer", "table", "tr", "td", "th", "dt", "dd",
    "dl", "address", "caption", "hr", "br", "title", "body",
})
_MAIN_TAGS = frozenset({"article", "main"})
_BOILER_ATTR = re.compile(
    r"(?:^|[\s_-])(?:share\w*|sharing|social|site-header|page-header|global-header|top-bar|related|recommend\w*|comments?|newsletter|subscribe"
    r"|subscription|promo|advert\w*|ads?|sponsor\w*|breadcrumbs?|cookie\w*|sidebar|menu|navbar"
    r"|nav|footer|masthead|pagination|pager|tags|tag-list|byline|author-bio|author-box|signup"
    r"|paywall|popup|modal|skip-link|post-navigation|nav-links|prev-next|widget|toolbar"
    r"|caption|credit)(?:$|[\s_-])",
    re.I,
)
_BOILER_BLOCK = re.compile(
    r"^(?:(?:previous|next|older|newer)\s+(?:post|article|story|page)\b.*|share(?:\s+(?:this|on|to)"
    r"\b.*|:.*)?|read more\b.*|related (?:posts|articles|stories)\b.*|advertisement|sponsored"
    r"|subscribe\b.*|sign up\b.*|follow us\b.*|click here\b.*|all rights reserved\b.*|©.*"
    r"|copyright\b.*|skip to (?:main )?content|back to top|comments?(?:\s*\(\d+\))?"
    r"|leave a (?:comment|reply)\b.*|tags?:.*|filed under\b.*)$",
    re.I,
)
_SPACE = re.compile(r"\s+")


class _MainTextParser(HTMLParser):
    def __init__(self, *, use_attrs: bool = True) -> None:
        super().__init__(convert_charrefs=True)
        self.use_attrs = use_attrs
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements
        self.skip_depth = 0
        self.main_depth = 0
        self.blocks: list[tuple[str, bool]] = []  # (text, inside <article>/<main>)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.in_title = False
        self.h1: str | None = None
        self.h1_parts: list[str] | None = None
        self.json_ld: list[str] = []
        self.ld_parts: list[str] | None = None
        self.time_datetime: str | None = None
        self.canonical: str | None = None

    # -- helpers
    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self.parts)).strip()
        self.parts = []
        if text:
            self.blocks.append((text, self.main_depth > 0))

    def _skips(self, tag: str, attrs: dict[str, str]) -> bool:
        if tag in _SKIP_TAGS:
            return True
        if tag in ("header", "footer") and self.main_depth == 0:
            return True
        if tag == "footer":
            return True
        if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
            return True
        if attrs.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
            return True
        if not self.use_attrs:
            return False
        marker = f"{attrs.get('class', '')} {attrs.get('id', '')}".strip()
        return bool(marker and tag not in ("article", "main", "body", "html")
                    and _BOILER_ATTR.search(marker))

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k.lower(): (v or "") for k, v in attrs_list}
        if tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "")
            if key and attrs.get("content"):
                self.meta.setdefault(key.lower(), attrs["content"].strip())
            return
        if tag == "link":
            if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                self.canonical = attrs["href"].strip()
            return
        if tag == "script" and "ld+json" in attrs.get("type", "").lower():
            self.ld_parts = []
        if tag == "title" and not self.title_parts:
            self.in_title = True
        if tag == "time" and self.time_datetime is None and attrs.get("datetime"):
            self.time_datetime = attrs["datetime"]
        if tag in _VOID_TAGS:
            if tag in ("br", "hr") and not self.skip_depth:
                self._flush()
            return
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self._flush()
        skipped = self._skips(tag, attrs)
        self.stack.append((tag, skipped))
        if skipped:
            self.skip_depth += 1
        if tag in _MAIN_TAGS or attrs.get("role") == "main":
            self.main_depth += 1
            self.stack[-1] = (tag + "#main", skipped)
        if tag == "h1" and self.h1 is None and not self.skip_depth:
            self.h1_parts = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.ld_parts is not None:
            self.json_ld.append("".join(self.ld_parts))
            self.ld_parts = None
        if tag == "title":
            self.in_title = False
        if tag in _VOID_TAGS:
            return
        # Close up to the matching open element (HTML in the wild leaves tags unclosed).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0].split("#")[0] == tag:
                break
        else:
            return
        if tag in _BLOCK_TAGS and not self.skip_depth:
            self._flush()
        while len(self.stack) > i:
            open_tag, skipped = self.stack.pop()
            if skipped:
                self.skip_depth -= 1
            if open_tag.endswith("#main"):
                self.main_depth -= 1
        if tag == "h1" and self.h1_parts is not None:
            self.h1 = _SPACE.sub(" ", "".join(self.h1_parts)).strip() or None
            self.h1_parts = None

    def handle_data(self, data: str) -> None:
        if self.ld_parts is not None:
            self.ld_parts.append(data)
        if self.in_title:
            self.title_parts.append(data)
            return
        if self.skip_depth:
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.stack and self.stack[-1][0].split("#")[0] in ("style", "script", "head"):
            return
        self.parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def _json_ld_fields(chunks: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}

    def visit(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                visit(item)
            return
        if not isinstance(node, dict):
            return
        if "@graph" in node:
            visit(node["@graph"])
        for key in ("datePublished", "dateCreated", "headline", "url"):
            if isinstance(node.get(key), str):
                out.setdefault(key, node[key])
        publisher = node.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            out.setdefault("publisher", publisher["name"])

    for chunk in chunks:
        try:
            visit(json.loads(chunk))
        except (ValueError, TypeError):
            continue
    return out


def _parse(raw: str, name: str, *, use_attrs: bool) -> tuple[_MainTextParser, list[str]]:
    parser = _MainTextParser(use_attrs=use_attrs)
    try:
        parser.feed(raw)
        parser.close()
    except (AssertionError, ValueError) as exc:  # pragma: no cover - html.parser is lenient
        msg = f"{name}: cannot parse the HTML ({exc})"
        raise InputError(msg) from exc
    blocks = parser.blocks
    if any(in_main for _, in_main in blocks):
        blocks = [b for b in blocks if b[1]]
    return parser, [text for text, _ in blocks if not _BOILER_BLOCK.match(text)]


def _read_html(raw: str, name: str) -> Article:
    parser, kept = _parse(raw, name, use_attrs=True)
    if sum(map(len, kept)) < 500:
        # A class name like "post-content share-enabled" can hide the whole story: if little
        # is left, read again ignoring class/id names and keep that if it finds much more.
        _, plain = _parse(raw, name, use_attrs=False)
        if sum(map(len, plain)) > 3 * max(1, sum(map(len, kept))):
            kept = plain
    meta = parser.meta
    ld = _json_ld_fields(parser.json_ld)
    page_title = _SPACE.sub(" ", "".join(parser.title_parts)).strip() or None
    title = (meta.get("og:title") or meta.get("twitter:title") or ld.get("headline")
             or parser.h1 or _strip_site_suffix(page_title))
    outlet = (meta.get("og:site_name") or ld.get("publisher") or meta.get("publisher")
              or meta.get("application-name") or _site_suffix(page_title))
    date = None
    for key in ("article:published_time", "og:published_time", "datepublished", "date",
                "pubdate", "publishdate", "publish-date", "dc.date", "dc.date.issued",
                "sailthru.date", "parsely-pub-date"):
        date = parse_date(meta.get(key))
        if date:
            break
    date = date or parse_date(ld.get("datePublished") or ld.get("dateCreated"))
    date = date or parse_date(parser.time_datetime)
    url = parser.canonical or meta.get("og:url") or ld.get("url")
    return Article(
        text="\n\n".join(kept) + ("\n" if kept else ""),
        body_start=0,
        title=title,
        date=date,
        outlet=outlet,
        url=url,
        format="html",
        name=name,
    )


_SITE_SEP = re.compile(r"\s+[|–—-]\s+")


def _strip_site_suffix(title: str | None) -> str | None:
    if not title:
        return None
    return _SITE_SEP.split(title)[0].strip() or title


def _site_suffix(title: str | None) -> str | None:
    if not title:
        return None
    parts = _SITE_SEP.split(title)
    return parts[-1].strip() if len(parts) > 1 else None
