"""Reading articles: plain text, Markdown with front matter, HTML main text and metadata."""

from __future__ import annotations

import datetime as dt

import pytest

from verifier.article import detect_format, parse_date, read_article
from verifier.errors import InputError

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Volta Cells to build battery plant in Ostrava | Central Europe Business Daily</title>
<meta property="og:title" content="Volta Cells to build battery plant in Ostrava">
<meta property="og:site_name" content="Central Europe Business Daily">
<meta property="article:published_time" content="2023-05-17T09:30:00+02:00">
<link rel="canonical" href="https://cebd.example.com/volta">
<script>window.dataLayer = []; var x = "<p>not text</p>";</script>
<style>p { color: red; }</style>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/markets">Markets</a></nav></header>
<main><article>
<h1>Volta Cells to build battery plant in Ostrava</h1>
<p class="byline">By Ivana Novak | May 17, 2023</p>
<p>Swedish battery maker Volta Cells said on Tuesday it will invest &euro;1.2 billion in a
   factory in <b>Ostrava</b>, creating 2,300 jobs by 2027.</p>
<p>&ldquo;Ostrava offers us skilled workers,&rdquo; said chief executive Karin Lund.</p>
<aside class="related"><h3>Related stories</h3><ul><li>Battery demand to triple</li></ul></aside>
<figure><img src="x.jpg"><figcaption>An artist's impression. Photo: Volta</figcaption></figure>
<div class="share">Share this article: Facebook Twitter</div>
<p>Previous Post Next Post</p>
</article></main>
<footer><p>&copy; 2023 Central Europe Business Daily. All rights reserved.</p></footer>
</body></html>
"""


def test_html_main_text_leaves_out_page_furniture() -> None:
    art = read_article(PAGE, name="volta.html")
    assert art.format == "html"
    assert art.body_start == 0
    assert art.text == (
        "Volta Cells to build battery plant in Ostrava\n\n"
        "Swedish battery maker Volta Cells said on Tuesday it will invest €1.2 billion in a "
        "factory in Ostrava, creating 2,300 jobs by 2027.\n\n"
        "“Ostrava offers us skilled workers,” said chief executive Karin Lund.\n"
    )
    for junk in ("Home", "dataLayer", "color", "Related stories", "artist", "Share this",
                 "Previous Post", "All rights reserved", "Ivana Novak"):
        assert junk not in art.text


def test_html_metadata_from_meta_tags() -> None:
    art = read_article(PAGE, name="volta.html")
    assert art.title == "Volta Cells to build battery plant in Ostrava"
    assert art.date == dt.date(2023, 5, 17)
    assert art.outlet == "Central Europe Business Daily"
    assert art.url == "https://cebd.example.com/volta"


def test_html_without_article_element_json_ld_and_title_suffix() -> None:
    page = ("<html><head><title>Orbitel to cut 1,800 jobs - Daily Ledger</title>"
            '<script type="application/ld+json">{"@context": "https://schema.org", '
            '"@type": "NewsArticle", "datePublished": "2024-01-24T08:00:00Z"}</script>'
            '</head><body><div id="site-header">Daily Ledger</div>'
            '<div class="entry-content"><p>Orbitel will cut 1,800 jobs, the company said.</p>'
            '</div><div id="comments"><p>Great article!</p></div></body></html>')
    art = read_article(page)
    assert art.format == "html"
    assert art.text == "Orbitel will cut 1,800 jobs, the company said.\n"
    assert art.title == "Orbitel to cut 1,800 jobs"
    assert art.outlet == "Daily Ledger"
    assert art.date == dt.date(2024, 1, 24)


def test_html_class_names_that_hide_the_story_are_ignored_as_a_fallback() -> None:
    story = "Russia and China signed a memorandum on a lunar research station. " * 12
    page = f'<html><body><div class="post-content share-enabled"><p>{story}</p></div></body></html>'
    assert read_article(page).text.strip() == story.strip()


def test_markdown_front_matter_and_offsets_into_the_original() -> None:
    raw = ("---\ntitle: \"Moscow and Beijing sign lunar station pact\"\noutlet: Example Desk\n"
           "date: 2021-03-15\nurl: https://example.org/x\n---\n# Headline\n\nRussia signed.\n")
    art = read_article(raw, name="story.md")
    assert art.format == "markdown"
    assert art.text == raw
    assert art.text[art.body_start:].startswith("# Headline")
    assert art.body == raw[art.body_start:]
    assert (art.title, art.outlet, art.url) == ("Moscow and Beijing sign lunar station pact",
                                                "Example Desk", "https://example.org/x")
    assert art.date == dt.date(2021, 3, 15)


def test_plain_text_title_is_the_first_line() -> None:
    raw = "Russia and China are cooperating on the moon\n\nThe agencies said so.\n"
    art = read_article(raw, name="seed.txt")
    assert art.format == "text"
    assert art.body_start == 0
    assert art.title == "Russia and China are cooperating on the moon"
    assert art.date is None


def test_format_detection() -> None:
    assert detect_format("plain words", "a.HTML") == "html"
    assert detect_format("<p>x</p>", "a.md") == "markdown"
    assert detect_format("<!doctype html><p>x</p>") == "html"
    assert detect_format("<div><p>a</p><p>b</p></div>") == "html"
    assert detect_format("---\ntitle: t\n---\nbody") == "markdown"
    assert detect_format("# Title\n\n- item\n") == "markdown"
    assert detect_format("Just a story. Nothing else.") == "text"
    assert read_article("Just text.", fmt="md").format == "markdown"


def test_bad_input_is_refused_clearly() -> None:
    with pytest.raises(InputError, match="unknown article format"):
        read_article("x", fmt="pdf")
    with pytest.raises(InputError, match="never closed"):
        read_article("---\ntitle: x\nno end\n", name="broken.md")
    with pytest.raises(InputError, match="must be text"):
        read_article(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-15", dt.date(2021, 3, 15)),
        ("2023-05-17T09:30:00+02:00", dt.date(2023, 5, 17)),
        ("15 March 2021", dt.date(2021, 3, 15)),
        ("March 15, 2021", dt.date(2021, 3, 15)),
        (dt.date(2020, 1, 2), dt.date(2020, 1, 2)),
        (dt.datetime(2020, 1, 2, 3, 4), dt.date(2020, 1, 2)),
        ("2021-02-30", None),
        ("soon", None),
        (None, None),
    ],
)
def test_parse_date(value, expected) -> None:
    assert parse_date(value) == expected
