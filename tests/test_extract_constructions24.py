"""Constructions the misses of blind batch 24 showed the extractor getting wrong, each on
sentences written for these tests: an interview's title that opens with a quote from the
answers and then names the format ('"...": five questions for X'). The format part used to be
recognised only at the start of the title. Rule-based, no model."""

from __future__ import annotations

from .test_extract import accounted_for, dropped
from .test_extract import texts as claims

_QA = ('# "{quote}": four questions for Ruth Pell\n\n'
       "Ruth Pell has run the Harwick ferry café since 2011.\n\n"
       "**What do people order?**\n\n"
       "Mostly soup. We sell about 90 bowls on a winter Saturday.\n")


def test_questions_title_after_a_quote_is_dropped() -> None:
    text = _QA.format(quote="The soup keeps us going")
    out = claims(text)
    assert not any("questions for" in c for c in out), out
    assert "Ruth Pell has run the Harwick ferry café since 2011." in out, out
    assert any(r == "the interview's title quotes an answer" for r in dropped(text).values()), \
        dropped(text)
    accounted_for(text)


def test_questions_title_whose_quote_has_a_figure_stays() -> None:
    # a figure in the quote is something the interviewee said, so it is still checked
    text = _QA.format(quote="We sell 90 bowls a day")
    out = claims(text)
    assert any("90 bowls a day" in c for c in out), out
    accounted_for(text)
