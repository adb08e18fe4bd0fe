"""Constructions the misses of blind batch 23 showed the extractor getting wrong, each on
sentences written for these tests: a quote attributed to a named speaker that only promises,
demands or pictures something ("we will ...", "... have a right to ...", "... waiting to be
...") and states no figure, date or name of its own. The speaker's name used to count as the
checkable fact; the quote alone now decides. Rule-based, no model."""

from __future__ import annotations

from .test_extract import accounted_for, dropped
from .test_extract import texts as claims

REASON = "a speaker's promise or opinion, nothing to check"


def test_promise_or_right_in_a_named_quote_is_dropped() -> None:
    text = ('The Dunmore council fined a landlord £4,000 in 2023. "Residents have a right to '
            'clean water, and we will fine firms that ignore the rules," said councillor Omar '
            'Hale, who leads on housing.\n')
    out = claims(text)
    # the quote goes; the fact the relative clause states about the speaker stays
    assert out == ["The Dunmore council fined a landlord £4,000 in 2023.",
                   "Omar Hale leads on housing"], out
    assert any(r.startswith(REASON) for r in dropped(text).values()), dropped(text)
    accounted_for(text)


def test_metaphor_in_a_named_quote_is_dropped() -> None:
    text = '"Every tram we run is a classroom on wheels waiting to be used," said mayor Lena Brix.'
    assert claims(text) == [], claims(text)
    assert dropped(text) == {text: REASON}


def test_factual_quotes_stay_claims() -> None:
    # a figure, a date, a past event with a figure, or a name of its own keeps the quote
    for text in ('"We fined 12 firms in 2023," said councillor Omar Hale.',
                 '"We will open a clinic in Dunmore," said councillor Omar Hale.',
                 '"We will fine firms from March," said councillor Omar Hale.',
                 '"The plant will close," said spokesman Alan Roe.'):
        assert claims(text) == [text], (text, claims(text))
    # unquoted, the author's own "should" is still judged by the old rules
    assert claims("Councillor Omar Hale said the council fined 12 firms in 2023.")
