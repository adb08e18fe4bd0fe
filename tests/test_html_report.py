"""The HTML report: escaping, exact highlights, cards, summary and the CSP. Reports are built
directly from the pydantic models, so no model is loaded and the tests run in milliseconds."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from verifier.html_report import (
    CONTENT_SECURITY_POLICY,
    mark_shared_words,
    plan_highlights,
    safe_url,
    to_html,
)
from verifier.models import (
    ArticleInfo,
    ClaimResult,
    Discrepancy,
    DroppedSentence,
    Evidence,
    Report,
    RunInfo,
    Span,
)

# A realistic article with hostile markup in its body: the report must show it as text.
SAMPLE_ARTICLE = """---
title: Moscow and Beijing sign lunar station pact
---
Russia and China have agreed to work together on a research station on the Moon.

On 9 March 2021, China National Space Administration head Zhang Kejian signed a memorandum \
of understanding on the International Lunar Research Station. Chang'e-4 made the first soft \
landing on the far side of the Moon in December 2018. When the Artemis Accords were first \
signed on 13 October 2020, only six nations put their names to the document.

<script>window.__pwned = true; alert(1)</script> Reader comments are closed. \
<img src=x onerror="window.__pwned = true; alert(2)">

People familiar with the preparations said the video call lasted about forty minutes.
"""

PWN_SENTENCE = "<script>window.__pwned = true; alert(1)</script> Reader comments are closed."


def span_of(text: str, article: str = SAMPLE_ARTICLE) -> Span:
    start = article.index(text)
    return Span(start=start, end=start + len(text))


def evidence(quote: str, *, doc_id: str, title: str, url: str, publisher: str = "NASA",
             date: dt.date | None = dt.date(2021, 3, 9), score: float = 0.8) -> Evidence:
    return Evidence(doc_id=doc_id, title=title, publisher=publisher, date=date, url=url,
                    quote=quote, span=Span(start=0, end=len(quote)), score=score)


def claim(cid: str, text: str, verdict: str, *, confidence: float = 0.9, reason: str = "",
          ev: list[Evidence] | None = None, disc: list[Discrepancy] | None = None,
          span: Span | None = None) -> ClaimResult:
    return ClaimResult(id=cid, text=text, span=span or span_of(text), verdict=verdict,
                       confidence=confidence, reason=reason or f"{verdict} by the sources",
                       evidence=ev or [], discrepancies=disc or [])


def sample_claims() -> list[ClaimResult]:
    mou = ("On 9 March 2021, China National Space Administration head Zhang Kejian signed a "
           "memorandum of understanding on the International Lunar Research Station.")
    change = "Chang'e-4 made the first soft landing on the far side of the Moon in December 2018."
    accords = ("When the Artemis Accords were first signed on 13 October 2020, only six nations "
               "put their names to the document.")
    return [
        claim("c1", mou, "supported", confidence=0.93,
              reason="The CNSA statement gives the same date, signatories and project.",
              ev=[evidence("On 9 March 2021, CNSA head Zhang Kejian and Roscosmos director "
                           "general Igor Komarov signed a memorandum of understanding on the "
                           "International Lunar Research Station.", doc_id="cnsa-ilrs-2021",
                           title="China and Russia sign lunar research station MoU",
                           publisher="CNSA", url="https://example.org/cnsa/ilrs-mou")]),
        claim("c2", change, "contradicted", confidence=0.88,
              reason="The landing date differs: the source dates it to 3 January 2019.",
              ev=[evidence("Chang'e-4 made the first soft landing on the far side of the Moon "
                           "on 3 January 2019.", doc_id="cnsa-change4",
                           title="<img src=x onerror=alert(3)> Chang'e-4 lands",
                           publisher='CNSA "press" <office>', date=dt.date(2019, 1, 3),
                           url="javascript:alert(4)")],
              disc=[Discrepancy(kind="date", claim_value="December 2018",
                                evidence_value="3 January 2019", doc_id="cnsa-change4")]),
        claim("c3", accords, "contradicted", confidence=0.81,
              reason="The source counts eight founding signatories, not six.",
              ev=[evidence("On 13 October 2020, eight nations signed the Artemis Accords.",
                           doc_id="nasa-accords", title="NASA, international partners advance "
                           "cooperation with Artemis Accords", date=dt.date(2020, 10, 13),
                           url="https://example.org/nasa/artemis-accords")],
              disc=[Discrepancy(kind="number", claim_value="six", evidence_value="eight",
                                doc_id="nasa-accords", note="founding signatories")]),
        # Overlaps c1, so it keeps its card but loses its highlight.
        claim("c4", "Zhang Kejian signed a memorandum", "unverified", confidence=0.4),
        claim("c5", PWN_SENTENCE, "unverified", confidence=0.35,
              reason="No source mentions <b>this</b> sentence."),
    ]


def sample_dropped() -> list[DroppedSentence]:
    vague = "Russia and China have agreed to work together on a research station on the Moon."
    hearsay = ("People familiar with the preparations said the video call lasted about forty "
               "minutes.")
    return [DroppedSentence(text=vague, span=span_of(vague), reason="no specific, checkable fact"),
            DroppedSentence(text=hearsay, span=span_of(hearsay),
                            reason="attributed to anonymous sources")]


def sample_report(claims: list[ClaimResult] | None = None, *, article: str = SAMPLE_ARTICLE,
                  dropped: list[DroppedSentence] | None = None) -> Report:
    return Report(
        article=ArticleInfo(sha256="ab" * 32, chars=len(article),
                            title="Moscow and Beijing sign lunar station pact",
                            source="examples/lunar_<article>.md"),
        claims=sample_claims() if claims is None else claims,
        dropped=sample_dropped() if dropped is None else dropped,
        run=RunInfo(tool_version="0.1.0", index_id="idx-3f9a", embedding_model="all-MiniLM-L6-v2",
                    judge="stance-nli", created_at="2021-03-16T08:30:00+00:00",
                    timings={"extract": 0.012, "judge": 0.54}),
    )


# --- a minimal DOM built with the standard library's parser --------------------------------

_VOID = {"meta", "br", "img", "link", "input", "hr", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self, skip: frozenset[str] = frozenset()) -> str:
        """Text content; `skip` names classes whose subtrees to leave out."""
        out = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif not child.classes() & skip:
                out.append(child.text(skip))
        return "".join(out)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None) -> list[Node]:
        return [n for n in self.iter()
                if (tag is None or n.tag == tag) and (cls is None or cls in n.classes())]

    def by_id(self, id_: str) -> Node:
        found = [n for n in self.iter() if n.attrs.get("id") == id_]
        assert len(found) == 1, f"expected one element with id {id_!r}, found {len(found)}"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(page: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


@pytest.fixture(scope="module")
def page() -> str:
    return to_html(sample_report(), SAMPLE_ARTICLE)


@pytest.fixture(scope="module")
def dom(page) -> Node:
    return parse(page)


# --- escaping and the content security policy ----------------------------------------------

def test_only_the_report_script_exists(dom, page):
    assert len(dom.find_all("script")) == 1
    assert page.count("<script") == 1
    assert "&lt;script&gt;window.__pwned" in page


def test_no_injected_elements_or_event_handlers(dom):
    tags = {n.tag for n in dom.iter()}
    assert not tags & {"img", "iframe", "object", "embed", "link", "b", "office"}
    for node in dom.iter():
        handlers = [a for a in node.attrs if a.lower().startswith("on")]
        assert not handlers, f"<{node.tag}> carries event handler attributes {handlers}"
        assert "src" not in node.attrs


def test_hostile_text_is_shown_as_text(dom):
    card2 = dom.by_id("claim-2")
    assert "<img src=x onerror=alert(3)> Chang'e-4 lands" in card2.text()
    assert 'CNSA "press" <office>' in card2.text()
    assert "No source mentions <b>this</b> sentence." in dom.by_id("claim-5").text()


def test_links_are_only_http_or_fragments(dom):
    hrefs = [n.attrs["href"] for n in dom.find_all("a")]
    assert hrefs
    for href in hrefs:
        assert href.startswith(("#", "https://", "http://")), href
    assert "https://example.org/cnsa/ilrs-mou" in hrefs


def test_javascript_url_is_rendered_as_text_not_link(dom):
    card2 = dom.by_id("claim-2")
    assert not [a for a in card2.find_all("a") if "javascript" in a.attrs.get("href", "")]
    assert "javascript:alert(4)" in card2.text()


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://example.org/a?b=1#c", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/x", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("vbscript:msgbox", False),
        ("file:///etc/passwd", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("https://", False),
        ("", False),
    ],
)
def test_safe_url(url, allowed):
    assert (safe_url(url) is not None) is allowed


def _csp_source_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_csp_pins_the_inline_script_and_style(dom):
    metas = [m for m in dom.find_all("meta")
             if m.attrs.get("http-equiv", "").lower() == "content-security-policy"]
    assert len(metas) == 1
    policy = metas[0].attrs["content"]
    assert policy == CONTENT_SECURITY_POLICY
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    (script,) = dom.find_all("script")
    (style,) = dom.find_all("style")
    assert f"script-src {_csp_source_hash(script.text())};" in policy
    assert f"style-src {_csp_source_hash(style.text())};" in policy


def test_csp_comes_before_any_script_or_style(page):
    csp_at = page.index("Content-Security-Policy")
    assert csp_at < page.index("<style") < page.index("<script")


def test_self_contained(dom):
    """Nothing is fetched: no element loads a resource and the stylesheet imports nothing."""
    for node in dom.iter():
        assert not {"src", "srcset", "data", "poster"} & set(node.attrs), node.tag
        assert node.tag not in {"link", "img", "iframe", "video", "audio", "base"}
    css = dom.find_all("style")[0].text()
    assert "@import" not in css and "url(" not in css


# --- highlights ----------------------------------------------------------------------------

def _highlights(dom: Node) -> dict[str, Node]:
    return {a.attrs["data-claim"]: a for a in dom.find_all("a", "hl")}


def test_spans_are_highlighted_exactly(dom):
    report = sample_report()
    highlights = _highlights(dom)
    assert set(highlights) == {"c1", "c2", "c3", "c5"}
    for c in report.claims:
        if c.id in highlights:
            (text_node,) = highlights[c.id].find_all("span", "hl-text")
            assert text_node.text() == c.span.slice(SAMPLE_ARTICLE)


def test_article_text_is_complete_and_in_order(dom):
    """Highlighting inserts markup, never drops or moves characters of the article."""
    article = dom.by_id("article")
    front = article.find_all("details", "front-matter")[0].find_all("pre")[0].text()
    (body,) = article.find_all("div", "article-text")
    shown = front + body.text(skip=frozenset({"hl-tag", "sr-only"}))
    assert shown == SAMPLE_ARTICLE


def test_highlight_marks_verdict_without_colour(dom):
    for a in _highlights(dom).values():
        verdict = a.attrs["data-verdict"]
        (tag,) = a.find_all("span", "hl-tag")
        assert a.attrs["data-claim"] in tag.text()
        assert verdict in a.text()  # the screen-reader label names the verdict
        assert f"v-{verdict}" in a.classes()


def test_highlights_link_to_existing_cards(dom):
    for a in _highlights(dom).values():
        target = a.attrs["href"].removeprefix("#")
        card = dom.by_id(target)
        assert card.tag == "article"
        assert card.attrs["data-verdict"] == a.attrs["data-verdict"]


def test_every_claim_has_a_card_with_anchor(dom):
    report = sample_report()
    cards = dom.find_all("article", "card")
    assert [c.attrs["id"] for c in cards] == [f"claim-{i}" for i in range(1, 6)]
    for card, c in zip(cards, report.claims, strict=True):
        assert c.text in card.text()
        assert card.attrs["data-verdict"] == c.verdict
        assert f"{c.confidence:.2f}" in card.text()
        assert c.reason in card.text()


def test_overlapping_claim_keeps_card_with_note(dom):
    card = dom.by_id("claim-4")
    assert "overlaps claim c1" in card.text()
    assert not card.find_all("a", "back")


def test_plan_highlights_handles_adjacent_nested_and_bad_spans():
    text = "abcdefghij"
    claims = [
        claim("a", "abc", "supported", span=Span(start=0, end=3)),
        claim("b", "def", "contradicted", span=Span(start=3, end=6)),  # adjacent: both shown
        claim("c", "e", "unverified", span=Span(start=4, end=5)),  # nested in b
        claim("d", "x", "unverified", span=Span(start=8, end=20)),  # past the end
        claim("e", "", "unverified", span=Span(start=7, end=7)),  # empty
    ]
    chosen, skipped = plan_highlights(text, claims)
    assert [(h.start, h.end) for h in chosen] == [(0, 3), (3, 6)]
    assert set(skipped) == {2, 3, 4}
    page = parse(to_html(sample_report(claims, article=text, dropped=[]), text))
    assert len(page.find_all("article", "card")) == 5


def test_longer_span_wins_when_two_start_together():
    text = "The probe landed in 2019 on the far side."
    claims = [claim("short", "The probe", "unverified", span=Span(start=0, end=9)),
              claim("long", text, "supported", span=Span(start=0, end=len(text)))]
    chosen, skipped = plan_highlights(text, claims)
    assert [h.claim.id for h in chosen] == ["long"]
    assert list(skipped) == [0]


def test_no_front_matter_and_no_claims():
    text = "Nothing <b>checkable</b> here."
    report = sample_report(claims=[], article=text, dropped=[])
    dom = parse(to_html(report, text))
    assert dom.by_id("article").find_all("div", "article-text")[0].text() == text
    assert not dom.find_all("article", "card")
    assert "No check-worthy claims" in dom.by_id("claims").text()


# --- cards, summary, dropped sentences, footer ---------------------------------------------

def test_discrepancy_reads_article_versus_source(dom):
    (item,) = dom.by_id("claim-2").find_all("ul", "discrepancies")[0].find_all("li")
    assert "article: December 2018 / source: 3 January 2019" in item.text()
    assert "founding signatories" in dom.by_id("claim-3").text()


def test_evidence_shows_source_details(dom):
    card = dom.by_id("claim-1")
    (source,) = card.find_all("div", "source")
    (link,) = source.find_all("a")
    assert link.attrs["href"] == "https://example.org/cnsa/ilrs-mou"
    assert link.text() == "China and Russia sign lunar research station MoU"
    assert "rel" in link.attrs and "noopener" in link.attrs["rel"]
    assert "CNSA" in source.text() and "2021-03-09" in source.text()


def test_evidence_marks_words_shared_with_claim(dom):
    (quote,) = dom.by_id("claim-2").find_all("blockquote", "quote")
    marked = [m.text() for m in quote.find_all("mark")]
    assert {"far", "side", "Moon", "soft", "landing"} <= set(marked)
    assert "January" not in marked and "the" not in marked


def test_mark_shared_words_escapes_and_ignores_case():
    out = mark_shared_words("Launched <b> on 3 January 2019 & landed", "it LANDED in January")
    assert out == ("Launched &lt;b&gt; on 3 <mark>January</mark> 2019 &amp; "
                   "<mark>landed</mark>")


def test_summary_counts(dom):
    counts = {li.attrs["data-verdict"]: int(li.find_all("span", "count-n")[0].text())
              for li in dom.find_all("li", "count")}
    assert counts == {"all": 5, "supported": 1, "contradicted": 2, "unverified": 2,
                      "dropped": 2}


def test_filter_bar_needs_script_to_appear(dom):
    bar = dom.by_id("filters")
    assert "hidden" in bar.attrs  # without JavaScript the buttons could do nothing
    filters = [b.attrs["data-filter"] for b in bar.find_all("button")]
    assert filters == ["supported", "contradicted", "unverified", "all"]
    assert all(b.attrs.get("type") == "button" for b in bar.find_all("button"))


def test_filtering_is_screen_only_and_print_drops_the_filter_bar(dom):
    css = dom.find_all("style")[0].text()
    screen_css = css[css.index("@media screen {"):css.index("@media print")]
    assert "body.hide-contradicted .card.v-contradicted" in screen_css
    outside = css.replace(screen_css, "")
    assert "hide-" not in outside, "a filter rule outside @media screen would hide cards on paper"
    print_css = css[css.index("@media print"):]
    assert ".filters" in print_css and "display: none !important" in print_css


def test_dropped_sentences_listed_with_reasons(dom):
    section = dom.by_id("dropped")
    rows = section.find_all("tbody")[0].find_all("tr")
    report = sample_report()
    assert len(rows) == len(report.dropped) == 2
    for row, d in zip(rows, report.dropped, strict=True):
        assert d.text in row.text() and d.reason in row.text()


def test_footer_has_run_metadata(dom):
    (footer,) = dom.find_all("footer")
    text = footer.text()
    for value in ("0.1.0", "idx-3f9a", "all-MiniLM-L6-v2", "stance-nli",
                  "2021-03-16T08:30:00+00:00", "ab" * 32, "examples/lunar_<article>.md",
                  "judge 0.54 s"):
        assert value in text


def test_mismatched_article_text_is_logged(caplog):
    with caplog.at_level("WARNING", logger="verifier.html_report"):
        to_html(sample_report(), SAMPLE_ARTICLE + "extra")
    assert "report was made for" in caplog.text


def test_markdown_report_escapes_markup_and_links_only_web_addresses():
    from verifier.report import to_markdown

    md = to_markdown(sample_report())
    assert "<script" not in md and "&lt;script&gt;" in md
    assert "](javascript:" not in md and "](<javascript:" not in md
    assert "](<https://" in md


def test_cards_and_markdown_show_resolved_references_and_attribution():
    from verifier.models import ResolvedReference
    from verifier.report import to_markdown

    text = "The agency said the probe landed on 3 January 2019."
    article = f"Roscosmos spoke. {text}"
    start = article.index(text)
    c = ClaimResult(
        id="c1", text="Roscosmos said the probe landed on 3 January 2019.",
        span=Span(start=start, end=len(article)), rewritten=True, attributed_to="<Roscosmos>",
        resolved=[ResolvedReference(text="The agency", span=Span(start=start, end=start + 10),
                                    name="Roscosmos")],
        verdict="unverified", confidence=0.5, reason="r",
    )
    page = to_html(sample_report([c], article=article), article)
    assert "Claim text: ‘The agency’ read as Roscosmos; attributed to &lt;Roscosmos&gt;." in page
    md = to_markdown(sample_report([c], article=article))
    assert "_‘The agency’ read as Roscosmos; attributed to &lt;Roscosmos&gt;._" in md
