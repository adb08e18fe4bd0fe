"""Render a Report as one self-contained HTML page for reviewers.

The page works opened straight from disk: CSS and a small script are inline, nothing is
fetched. Every string that came from the article or a source document is escaped, links are
only emitted for http(s) URLs, and a Content-Security-Policy pins the one inline script and
the one inline stylesheet by hash, so injected markup can neither run nor restyle the page.

Layout: summary bar and verdict filters, the article with each claim highlighted at its
exact character span (a link to the claim's card), one card per claim, the sentences that
were not checked, and the run metadata. Without JavaScript everything is shown.

A reviewer's decision (verifier.review) colours the claim by the human verdict, marked as
such, with the machine verdict beside it; struck evidence stays on the card, struck through;
review entries that matched no claim get their own section. Reviewer notes are escaped like
everything else.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from verifier.errors import VerifierError
from verifier.models import (
    ClaimResult,
    Discrepancy,
    DroppedSentence,
    Evidence,
    Label,
    OrphanedReview,
    Report,
)
from verifier.textio import split_front_matter

log = logging.getLogger(__name__)

VERDICTS: tuple[Label, ...] = ("supported", "contradicted", "unverified")

# Icon and word travel with the colour so the verdict never depends on colour vision.
_ICON: dict[str, str] = {"supported": "✓", "contradicted": "✗", "unverified": "?"}
_WORD: dict[str, str] = {
    "supported": "Supported",
    "contradicted": "Contradicted",
    "unverified": "Unverified",
}

# Function words shared by almost any claim and quote; marking them would drown the signal.
_STOPWORDS = frozenset({
    "a", "also", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from",
    "had", "has", "have", "in", "into", "is", "it", "its", "no", "not", "of", "on", "or",
    "than", "that", "the", "their", "then", "this", "to", "was", "were", "which", "who",
    "will", "with",
})
_WORD_RE = re.compile(r"\w+", re.UNICODE)

_CSS = """
:root {
  --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --paper: #ffffff; --canvas: #f6f8fa;
  --focus: #0a58ca;
  --sup-bg: #dcf5e3; --sup-fg: #14632e; --sup-bd: #2f9e55;
  --con-bg: #fde2e1; --con-fg: #9f1c14; --con-bd: #d1342b;
  --unv-bg: #fff1c7; --unv-fg: #6b4d00; --unv-bd: #c99a06;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--ink); background: var(--canvas);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
}
a { color: var(--focus); }
a:focus-visible, button:focus-visible, summary:focus-visible {
  outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 3px;
}
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: 6px 10px; }
.skip:focus { left: 8px; z-index: 10; }
.sr-only {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap;
}
header.top { background: var(--paper); padding: 16px 28px 10px; }
header.top h1 { margin: 0 0 2px; font-size: 21px; line-height: 1.3; }
header.top .sub { margin: 0; color: var(--muted); font-size: 13px; }
.toolbar {
  display: flex; flex-wrap: wrap; align-items: center;
  justify-content: space-between; gap: 8px 24px; padding: 8px 28px;
  background: var(--paper); border-bottom: 1px solid var(--line);
  box-shadow: 0 2px 4px rgba(31, 35, 40, .06);
}
.summary { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.summary ul { display: contents; list-style: none; }
.count {
  display: inline-flex; gap: 6px; align-items: center; padding: 3px 10px;
  border-radius: 999px; border: 1px solid var(--line); font-size: 13px; background: var(--paper);
}
.count .count-n { font-weight: 700; font-variant-numeric: tabular-nums; }
.count.total { background: var(--canvas); }
.filters { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.filters[hidden] { display: none; }
.filters .label { font-size: 13px; color: var(--muted); margin-right: 2px; }
.filters button {
  font: inherit; font-size: 13px; cursor: pointer; padding: 3px 12px; border-radius: 6px;
  border: 1px solid var(--line); background: var(--paper); color: var(--ink);
}
.filters button[aria-pressed="false"] { text-decoration: line-through; opacity: .55; }
main { padding: 20px 28px; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr); gap: 20px; margin-bottom: 20px; }
/* Wide screens: summary and filters stay in reach and the article stays beside its cards. */
@media screen and (min-width: 1000px) {
  .toolbar { position: sticky; top: 0; z-index: 5; }
  .columns { grid-template-columns: minmax(0, 11fr) minmax(0, 10fr); }
  .article-panel { position: sticky; top: 64px; max-height: calc(100vh - 76px); overflow: auto; }
}
section.panel {
  background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 16px 20px;
}
section.panel h2 { font-size: 16px; margin: 0 0 10px; }
.article-text { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 15.5px; margin: 0; }
details.front-matter { margin-bottom: 10px; color: var(--muted); font-size: 13px; }
details.front-matter pre { white-space: pre-wrap; margin: 6px 0 0; }
a.hl {
  color: inherit; text-decoration: none; border-radius: 3px; padding: 1px 1px;
  border-bottom: 2px solid; scroll-margin-top: 24px;
}
a.hl:hover { filter: brightness(.95); }
.hl-tag {
  font-size: 11px; font-weight: 700; padding: 0 4px; margin-left: 2px; border-radius: 4px;
  vertical-align: super; line-height: 1; white-space: nowrap;
}
/* Underline style differs per verdict too, for monochrome printouts and colour blindness. */
a.hl.v-supported {
  background: var(--sup-bg); border-bottom-style: solid; border-color: var(--sup-bd);
}
a.hl.v-contradicted {
  background: var(--con-bg); border-bottom: 3px double var(--con-bd);
}
a.hl.v-unverified {
  background: var(--unv-bg); border-bottom-style: dashed; border-color: var(--unv-bd);
}
.v-supported .hl-tag, .badge.v-supported { background: var(--sup-fg); color: #fff; }
.v-contradicted .hl-tag, .badge.v-contradicted { background: var(--con-fg); color: #fff; }
.v-unverified .hl-tag, .badge.v-unverified { background: var(--unv-fg); color: #fff; }
.cards { display: flex; flex-direction: column; gap: 14px; }
.card {
  background: var(--paper); border: 1px solid var(--line); border-left: 6px solid var(--line);
  border-radius: 10px; padding: 14px 18px; scroll-margin-top: 72px;
}
.card.v-supported { border-left-color: var(--sup-bd); }
.card.v-contradicted { border-left-color: var(--con-bd); }
.card.v-unverified { border-left-color: var(--unv-bd); }
.card:target { box-shadow: 0 0 0 3px var(--focus); }
.card-head { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; }
.badge {
  display: inline-flex; gap: 5px; align-items: center; font-weight: 700; font-size: 13px;
  padding: 2px 10px; border-radius: 999px;
}
.claim-id { font-size: 13px; color: var(--muted); font-variant-numeric: tabular-nums; }
.confidence {
  font-size: 13px; color: var(--muted); display: inline-flex; gap: 6px; align-items: center;
}
.confidence meter { width: 80px; height: 10px; }
/* Neutral grey: a green bar on a contradicted card would read as a verdict. */
.confidence meter::-webkit-meter-bar { background: #e6e9ec; border: 0; border-radius: 5px; }
.confidence meter::-webkit-meter-optimum-value { background: #57606a; border-radius: 5px; }
.confidence meter::-moz-meter-bar { background: #57606a; }
.back { margin-left: auto; font-size: 13px; }
.claim-text {
  margin: 10px 0 6px; padding-left: 12px; border-left: 3px solid var(--line); font-size: 15.5px;
}
.reason { margin: 6px 0; }
.note { color: var(--muted); font-size: 13px; font-style: italic; }
.card h3 {
  font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  margin: 12px 0 4px;
}
ul.discrepancies, ul.evidence { margin: 0; padding-left: 0; list-style: none; }
ul.discrepancies li {
  background: var(--con-bg); color: var(--con-fg); border-radius: 6px; padding: 4px 10px;
  margin-bottom: 4px; font-size: 14px;
}
.kind { font-weight: 700; text-transform: capitalize; margin-right: 6px; }
ul.evidence li { border-top: 1px solid var(--line); padding: 8px 0 4px; }
ul.evidence li:first-child { border-top: 0; }
blockquote.quote { margin: 0 0 4px; font-size: 14.5px; }
blockquote.quote mark { background: #fff3a3; color: inherit; padding: 0 1px; border-radius: 2px; }
.source { font-size: 13px; color: var(--muted); }
.source .title { font-weight: 600; color: var(--ink); }
.source .raw-url { overflow-wrap: anywhere; }
table.dropped { width: 100%; border-collapse: collapse; font-size: 14px; }
table.dropped th, table.dropped td {
  text-align: left; vertical-align: top; padding: 6px 8px; border-top: 1px solid var(--line);
}
table.dropped th { font-size: 12px; text-transform: uppercase; color: var(--muted); border-top: 0; }
table.dropped td.reason-cell { white-space: nowrap; color: var(--muted); }
.badge.human { background: #24292f; color: #fff; }
.badge.recheck { background: #fff; color: var(--con-fg); border: 2px solid var(--con-bd); }
.machine { font-size: 13px; color: var(--muted); }
.review {
  margin: 8px 0; padding: 6px 12px; border: 1px dashed #57606a; border-radius: 8px;
  background: var(--canvas); font-size: 14px;
}
.review p { margin: 2px 0; }
.review .recheck-note { color: var(--con-fg); font-weight: 600; }
.review-note { white-space: pre-wrap; overflow-wrap: anywhere; }
ul.evidence li.struck { opacity: .7; }
ul.evidence li.struck del { text-decoration-thickness: 2px; }
.struck-tag { font-size: 12px; font-weight: 700; color: var(--con-fg); text-transform: uppercase; }
footer { padding: 0 28px 24px; color: var(--muted); font-size: 12.5px; }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
footer dt { font-weight: 600; }
footer dd { margin: 0; overflow-wrap: anywhere; }
/* Filtering is a screen aid only: a printout always carries every card and highlight. */
@media screen {
  body.hide-supported .card.v-supported,
  body.hide-contradicted .card.v-contradicted,
  body.hide-unverified .card.v-unverified { display: none; }
  body.hide-supported a.hl.v-supported,
  body.hide-contradicted a.hl.v-contradicted,
  body.hide-unverified a.hl.v-unverified { background: none; border-bottom-color: transparent; }
  body.hide-supported a.hl.v-supported .hl-tag,
  body.hide-contradicted a.hl.v-contradicted .hl-tag,
  body.hide-unverified a.hl.v-unverified .hl-tag { display: none; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  .filters, .skip, .back { display: none !important; }
  .toolbar { box-shadow: none; padding: 6px 0; }
  header.top { padding: 0 0 6px; }
  main { padding: 0; }
  .columns { display: block; }
  section.panel, .card { border-color: #999; margin-bottom: 12px; break-inside: avoid; }
  /* Verdict colours carry meaning: print them even when background graphics are off. */
  a.hl, .hl-tag, .badge, ul.discrepancies li, mark { print-color-adjust: exact; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 9pt; overflow-wrap: anywhere; }
}
""".strip()

# Filters toggle a `hide-<verdict>` class on <body>; the CSS does the hiding, so the page is
# complete without this script. The bar itself ships `hidden` and is revealed here.
_JS = """
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) { return; }
  bar.hidden = false;
  var body = document.body;
  function setShown(verdict, shown) {
    body.classList.toggle("hide-" + verdict, !shown);
    var btn = bar.querySelector('button[data-filter="' + verdict + '"]');
    if (btn) { btn.setAttribute("aria-pressed", shown ? "true" : "false"); }
  }
  bar.addEventListener("click", function (ev) {
    var btn = ev.target.closest("button[data-filter]");
    if (!btn) { return; }
    var verdict = btn.getAttribute("data-filter");
    if (verdict === "all") {
      ["supported", "contradicted", "unverified"].forEach(function (v) { setShown(v, true); });
    } else {
      setShown(verdict, btn.getAttribute("aria-pressed") !== "true");
    }
  });
  // Following a highlight to a filtered-out card would land nowhere: show its verdict again.
  document.addEventListener("click", function (ev) {
    var link = ev.target.closest("a.hl");
    if (link && body.classList.contains("hide-" + link.getAttribute("data-verdict"))) {
      setShown(link.getAttribute("data-verdict"), true);
    }
  });
})();
""".strip()


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# Nothing may load or connect; only the exact inline script and stylesheet above may apply.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    f"script-src {_csp_hash(_JS)}; "
    f"style-src {_csp_hash(_CSS)}; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def safe_url(url: str) -> str | None:
    """The URL if a reviewer may follow it (absolute http/https with a host), else None."""
    candidate = url.strip()
    # Browsers drop tabs/newlines and control characters inside a scheme (`java\tscript:`).
    if not candidate or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in candidate):
        return None
    try:
        parts = urlsplit(candidate)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def card_id(index: int) -> str:
    """Anchor of the n-th claim card (0-based index); positions, since claim ids may repeat."""
    return f"claim-{index + 1}"


def highlight_id(index: int) -> str:
    return f"hl-{index + 1}"


@dataclass(frozen=True)
class _Highlight:
    start: int
    end: int
    index: int
    claim: ClaimResult


def plan_highlights(
    article_text: str, claims: list[ClaimResult]
) -> tuple[list[_Highlight], dict[int, str]]:
    """Choose the spans to highlight; return them in text order plus why others were skipped.

    Nested highlights cannot be links to two cards at once, so a span overlapping an earlier
    (in text order) one keeps its card but loses its highlight.
    """
    skipped: dict[int, str] = {}
    candidates: list[_Highlight] = []
    for i, c in enumerate(claims):
        if c.span.end > len(article_text):
            skipped[i] = "its span lies outside the article text"
        elif c.span.end == c.span.start:
            skipped[i] = "its span is empty"
        else:
            candidates.append(_Highlight(c.span.start, c.span.end, i, c))
    chosen: list[_Highlight] = []
    for h in sorted(candidates, key=lambda h: (h.start, -h.end, h.index)):
        if chosen and h.start < chosen[-1].end:
            other = chosen[-1].claim.id
            skipped[h.index] = f"its span overlaps claim {other}, which is highlighted instead"
            continue
        chosen.append(h)
    return chosen, skipped


def _body_start(article_text: str, highlights: list[_Highlight]) -> int:
    """Where the front matter ends, or 0 when there is none or a highlight falls inside it."""
    try:
        _, start = split_front_matter(article_text, "article")
    except VerifierError:
        return 0
    if highlights and highlights[0].start < start:
        return 0
    return start


def _highlight_html(article_text: str, h: _Highlight) -> str:
    verdict = h.claim.final_verdict
    by = ", set by a reviewer" if h.claim.review and h.claim.review.verdict else ""
    return (
        f'<a class="hl v-{verdict}" id="{highlight_id(h.index)}" href="#{card_id(h.index)}" '
        f'data-verdict="{verdict}" data-claim="{_e(h.claim.id)}">'
        f'<span class="hl-text">{_e(article_text[h.start : h.end])}</span>'
        f'<span class="hl-tag" aria-hidden="true">{_ICON[verdict]}&#8202;{_e(h.claim.id)}</span>'
        f'<span class="sr-only"> (claim {_e(h.claim.id)}: {verdict}{by})</span></a>'
    )


def _article_html(article_text: str, highlights: list[_Highlight]) -> str:
    start = _body_start(article_text, highlights)
    parts: list[str] = []
    if start:
        parts.append(
            '<details class="front-matter"><summary>Front matter</summary>'
            f"<pre>{_e(article_text[:start])}</pre></details>"
        )
    parts.append('<div class="article-text">')
    pos = start
    for h in highlights:
        parts.append(_e(article_text[pos : h.start]))
        parts.append(_highlight_html(article_text, h))
        pos = h.end
    parts.append(_e(article_text[pos:]))
    parts.append("</div>")
    return "".join(parts)


def _content_words(text: str) -> set[str]:
    return {
        w.casefold() for w in _WORD_RE.findall(text) if w.casefold() not in _STOPWORDS
    }


def mark_shared_words(quote: str, claim_text: str) -> str:
    """Escape `quote`, wrapping the content words it shares with the claim in <mark>."""
    shared = _content_words(claim_text)
    out: list[str] = []
    pos = 0
    for m in _WORD_RE.finditer(quote):
        if m.group().casefold() in shared:
            out.append(_e(quote[pos : m.start()]))
            out.append(f"<mark>{_e(m.group())}</mark>")
            pos = m.end()
    out.append(_e(quote[pos:]))
    return "".join(out)


def _link(url: str, label_html: str, css: str) -> str:
    href = safe_url(url)
    if href is None:
        return f'<span class="{css}">{label_html}</span>'
    return (
        f'<a class="{css}" href="{_e(href)}" target="_blank" rel="noopener noreferrer">'
        f"{label_html}</a>"
    )


def _source_html(ev: Evidence) -> str:
    bits = [_link(ev.url, _e(ev.title), "title"), _e(ev.publisher)]
    bits.append(_e(ev.date.isoformat()) if ev.date else "undated")
    line = " · ".join(bits)
    if ev.url and safe_url(ev.url) is None:
        # Not a followable scheme: shown for the record, never as a link.
        line += f' · <span class="raw-url">URL: <code>{_e(ev.url)}</code></span>'
    detail = (
        f"{_e(ev.doc_id)}, characters {ev.span.start}–{ev.span.end}, "
        f"similarity {ev.score:.2f}"
    )
    return f'<div class="source">{line}<br><span class="detail">{detail}</span></div>'


def _evidence_item(claim: ClaimResult, ev: Evidence) -> str:
    quote = f"“{mark_shared_words(ev.quote, claim.text)}”"
    if claim.review and claim.review.strikes(ev):
        # Kept on the card so the reader sees what the reviewer rejected.
        return (f'<li class="struck" data-evidence="{_e(ev.key())}">'
                '<span class="struck-tag">Struck by reviewer</span>'
                f'<blockquote class="quote"><del>{quote}</del></blockquote>{_source_html(ev)}</li>')
    return (f'<li data-evidence="{_e(ev.key())}"><blockquote class="quote">{quote}</blockquote>'
            f"{_source_html(ev)}</li>")


def _evidence_html(claim: ClaimResult) -> str:
    if not claim.evidence:
        return '<p class="note">No evidence passage was retrieved for this claim.</p>'
    items = "".join(_evidence_item(claim, ev) for ev in claim.evidence)
    return f'<h3>Evidence</h3><ul class="evidence">{items}</ul>'


def _review_html(claim: ClaimResult) -> str:
    r = claim.review
    if r is None:
        return ""
    who = f" by {_e(r.reviewer)}" if r.reviewer else ""
    if r.verdict:
        decided = (f"verdict <strong>{_WORD[r.verdict]}</strong>; machine verdict "
                   f"{_WORD[claim.verdict]} (confidence {claim.confidence:.2f})")
    else:
        decided = f"machine verdict {_WORD[claim.verdict]} left as is"
    parts = [f'<aside class="review" aria-label="Human decision"><p>Human decision{who}: '
             f"{decided}.</p>"]
    if r.machine_verdict_changed:
        parts.append(
            f'<p class="recheck-note">Re-check: the machine verdict was '
            f"{_WORD[r.machine_verdict_seen]} when this was reviewed and is now "
            f"{_WORD[claim.verdict]}.</p>"
        )
    if r.note:
        parts.append(f'<p class="review-note">Note: {_e(r.note)}</p>')
    parts.append("</aside>")
    return "".join(parts)


def _review_badges(claim: ClaimResult) -> str:
    r = claim.review
    if r is None:
        return ""
    out = '<span class="badge human">Human decision</span>' if r.verdict else ""
    if r.verdict:
        out += f'<span class="machine">machine: {_WORD[claim.verdict]}</span>'
    if r.machine_verdict_changed:
        out += ('<span class="badge recheck"><span aria-hidden="true">⚠</span>Re-check: '
                "machine verdict changed</span>")
    return out


def _discrepancy_html(d: Discrepancy) -> str:
    note = f' <span class="note">({_e(d.note)})</span>' if d.note else ""
    return (
        f'<li><span class="kind">{_e(d.kind)}</span>'
        f"article: <strong>{_e(d.claim_value)}</strong> / "
        f"source: <strong>{_e(d.evidence_value)}</strong>"
        f' <span class="doc">[{_e(d.doc_id)}]</span>{note}</li>'
    )


def _badge(verdict: str) -> str:
    return (
        f'<span class="badge v-{verdict}"><span aria-hidden="true">{_ICON[verdict]}</span>'
        f"{_WORD[verdict]}</span>"
    )


def _context_html(claim: ClaimResult) -> str:
    """What the claim text adds to the article's words, so a reviewer can check the rewording."""
    notes = [f"‘{_e(r.text)}’ read as {_e(r.name)}" for r in claim.resolved]
    if claim.attributed_to:
        notes.append(f"attributed to {_e(claim.attributed_to)}")
    if claim.rewritten and not claim.resolved:
        notes.append("reworded from the highlighted words")
    return f'<p class="note">Claim text: {"; ".join(notes)}.</p>' if notes else ""


def _card_html(index: int, claim: ClaimResult, skipped_reason: str | None) -> str:
    verdict = claim.final_verdict
    back = (
        f'<a class="back" href="#{highlight_id(index)}">↑ in article</a>'
        if skipped_reason is None
        else ""
    )
    parts = [
        f'<article class="card v-{verdict}" id="{card_id(index)}" data-verdict="{verdict}" '
        f'aria-labelledby="{card_id(index)}-title">',
        '<div class="card-head">',
        _badge(verdict),
        _review_badges(claim),
        f'<span class="claim-id" id="{card_id(index)}-title">Claim {_e(claim.id)}</span>',
        f'<span class="confidence">{"machine " if claim.review and claim.review.verdict else ""}'
        f"confidence {claim.confidence:.2f}"
        f'<meter min="0" max="1" value="{claim.confidence:.3f}"></meter></span>',
        back,
        "</div>",
        f'<blockquote class="claim-text">{_e(claim.text)}</blockquote>',
        _context_html(claim),
        f'<p class="reason">{_e(claim.reason)}</p>',
        _review_html(claim),
    ]
    if skipped_reason:
        parts.append(f'<p class="note">Not highlighted in the article: {_e(skipped_reason)}.</p>')
    if claim.discrepancies:
        items = "".join(_discrepancy_html(d) for d in claim.discrepancies)
        parts.append(f'<h3>Discrepancies</h3><ul class="discrepancies">{items}</ul>')
    parts.append(_evidence_html(claim))
    parts.append("</article>")
    return "".join(parts)


def _summary_html(report: Report) -> str:
    counts = report.counts()
    items = [
        f'<li class="count total" data-verdict="all"><span class="count-n">{len(report.claims)}'
        "</span> claims</li>"
    ]
    items += [
        f'<li class="count" data-verdict="{v}">{_badge(v)}<span class="count-n">{counts[v]}'
        "</span></li>"
        for v in VERDICTS
    ]
    items.append(
        f'<li class="count" data-verdict="dropped"><span class="count-n">{len(report.dropped)}'
        "</span> not checked</li>"
    )
    reviewed = sum(1 for c in report.claims if c.review)
    if reviewed:
        items.append(f'<li class="count" data-verdict="reviewed"><span class="count-n">{reviewed}'
                     "</span> reviewed</li>")
    recheck = sum(1 for c in report.claims if c.review and c.review.machine_verdict_changed)
    if recheck:
        items.append(f'<li class="count" data-verdict="recheck"><span class="count-n">{recheck}'
                     "</span> to re-check</li>")
    return f'<div class="summary" aria-label="Summary"><ul>{"".join(items)}</ul></div>'


def _filters_html(report: Report) -> str:
    counts = report.counts()
    buttons = [
        f'<button type="button" data-filter="{v}" aria-pressed="true">'
        f'<span aria-hidden="true">{_ICON[v]}</span> {_WORD[v]} ({counts[v]})</button>'
        for v in VERDICTS
    ]
    buttons.append('<button type="button" data-filter="all">Show all</button>')
    return (
        '<div class="filters" id="filters" role="group" aria-label="Filter claims by verdict" '
        f'hidden><span class="label">Show:</span>{"".join(buttons)}</div>'
    )


def _dropped_html(dropped: list[DroppedSentence]) -> str:
    if not dropped:
        body = '<p class="note">Every sentence with a checkable statement was checked.</p>'
    else:
        rows = "".join(
            f"<tr><td>{_e(d.text)}</td><td class=\"reason-cell\">{_e(d.reason)}</td>"
            f'<td class="reason-cell">{d.span.start}–{d.span.end}</td></tr>'
            for d in dropped
        )
        body = (
            '<table class="dropped"><thead><tr><th scope="col">Sentence</th>'
            '<th scope="col">Reason</th><th scope="col">Characters</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>"
        )
    return (
        '<section class="panel" id="dropped" aria-labelledby="dropped-title">'
        f'<h2 id="dropped-title">Sentences not checked ({len(dropped)})</h2>{body}</section>'
    )


def _orphans_html(orphans: list[OrphanedReview]) -> str:
    if not orphans:
        return ""
    rows = "".join(
        f"<tr><td>{_e(o.id)}</td><td>{_e(o.text) or '<code>' + _e(o.text_hash) + '</code>'}</td>"
        f"<td>{_e(_WORD[o.verdict]) if o.verdict else '—'}</td>"
        f'<td>{_e(o.note) or "—"}</td><td>{_e(o.reason)}</td></tr>'
        for o in orphans
    )
    return (
        '<section class="panel" id="orphaned-reviews" aria-labelledby="orphaned-title">'
        f'<h2 id="orphaned-title">Review entries not applied ({len(orphans)})</h2>'
        '<table class="dropped"><thead><tr><th scope="col">Claim id</th><th scope="col">Claim'
        '</th><th scope="col">Reviewer verdict</th><th scope="col">Note</th>'
        f'<th scope="col">Why</th></tr></thead><tbody>{rows}</tbody></table></section>'
    )


def _footer_html(report: Report) -> str:
    r, a = report.run, report.article
    timings = ", ".join(f"{_e(k)} {v:.2f} s" for k, v in r.timings.items()) or "—"
    rows = [
        ("Tool", f"factcheck {r.tool_version}"),
        ("Created", r.created_at),
        ("Index", r.index_id),
        ("Embedding model", r.embedding_model),
        ("Judge", r.judge),
        ("Article", f"{a.source or '—'} · {a.chars} characters · sha256 {a.sha256}"),
    ]
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    items += f"<dt>Timings</dt><dd>{timings}</dd>"
    return f'<footer><h2 class="sr-only">Run metadata</h2><dl>{items}</dl></footer>'


def to_html(report: Report, article_text: str) -> str:
    """The report as one self-contained HTML document; `article_text` is the text verified."""
    if report.article.chars != len(article_text):
        # Spans would point at the wrong words; render anyway, the reviewer still gets cards.
        log.warning(
            "article text has %d characters but the report was made for %d",
            len(article_text), report.article.chars,
        )
    highlights, skipped = plan_highlights(article_text, report.claims)
    title = report.article.title or report.article.source or "article"
    cards = "".join(
        _card_html(i, c, skipped.get(i)) for i, c in enumerate(report.claims)
    ) or '<p class="note">No check-worthy claims were found in the article.</p>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="factcheck {_e(report.run.tool_version)}">
<title>Fact-check report: {_e(title)}</title>
<style>{_CSS}</style>
</head>
<body>
<a class="skip" href="#claims">Skip to claims</a>
<header class="top">
<h1>Fact-check report: {_e(title)}</h1>
<p class="sub">{len(report.claims)} claims checked against index {_e(report.run.index_id)} \
· {_e(report.run.created_at)}</p>
</header>
<div class="toolbar">
{_summary_html(report)}
{_filters_html(report)}
</div>
<main>
<div class="columns">
<section class="panel article-panel" id="article" aria-labelledby="article-title">
<h2 id="article-title">Article</h2>
{_article_html(article_text, highlights)}
</section>
<section class="cards" id="claims" aria-label="Claims">
{cards}
</section>
</div>
{_orphans_html(report.orphaned_reviews)}
{_dropped_html(report.dropped)}
</main>
{_footer_html(report)}
<script>{_JS}</script>
</body>
</html>
"""
