from verifier.facts import dates_agree, facts_of, looks_like_misnamed, spelling_variant


def dates(text):
    return [(d.year, d.month, d.day, d.event) for d in facts_of(text).dates]


def test_dates_with_precision_and_event():
    assert dates("Chang'e-4 was launched on 8 December 2018 and landed on 3 January 2019.") == [
        (2018, 12, 8, "launch"), (2019, 1, 3, "landing")]
    assert dates("The Accords were signed on October 13, 2020.") == [(2020, 10, 13, "signing")]
    assert dates("It landed in December.") == [(None, 12, None, "landing")]
    assert dates("Congress approved it in 2011.") == [(2011, None, None, "enactment")]
    assert dates("The release is dated 2021-03-09.") == [(2021, 3, 9, None)]


def test_event_is_read_in_the_dates_own_clause():
    text = "It made the first landing in December 2018, only weeks after launch."
    assert dates(text) == [(2018, 12, None, "landing")]


def test_may_the_verb_is_not_a_date():
    assert dates("The agency may sign later.") == []
    assert dates("It launched in May.") == [(None, 5, None, "launch")]


def test_dates_agree_at_shared_precision():
    dec, jan3 = facts_of("in December").dates[0], facts_of("on 3 January 2019").dates[0]
    assert dates_agree(dec, jan3) is False
    y2019 = facts_of("in 2019").dates[0]
    assert dates_agree(y2019, jan3) is True


def test_numbers_words_scales_ordinals_approx():
    f = facts_of("Nine other countries signed; the first landing cost about 23.271 billion euros.")
    got = {(n.text, n.value, n.ordinal, n.approx) for n in f.numbers}
    assert ("Nine", 9.0, False, False) in got
    assert ("first", 1.0, True, False) in got
    assert ("23.271 billion", 23.271e9, False, True) in got
    assert "country" in next(n for n in f.numbers if n.value == 9).context


def test_numbers_inside_names_and_dates_are_not_counts():
    f = facts_of("Chang'e-4 landed on 3 January 2019.")
    assert f.numbers == []


def test_names_negation_and_variants():
    f = facts_of("Roscosmos did not join the Artemis Accords.")
    assert [n.text for n in f.names] == ["Roscosmos", "Artemis", "Accords"]
    assert f.negated
    assert spelling_variant("Roskosmos", "Roscosmos")
    assert spelling_variant("China", "Chinese")
    assert looks_like_misnamed("Romitin", "Rogozin")
    assert looks_like_misnamed("Armis", "Artemis")
    assert not looks_like_misnamed("Canada", "Canadian")


def test_adverbial_first_is_not_a_count():
    assert facts_of("The Accords were first signed on 13 October 2020.").numbers == []
    assert [n.value for n in facts_of("The first module was launched in 1998.").numbers] == [1.0]


def test_sentence_opening_time_words_are_not_names():
    f = facts_of("Late last year, the Chang'e-5 mission brought samples back to Earth.")
    assert [n.text for n in f.names] == ["Chang'e-5", "Earth"]
    assert [n.text for n in facts_of("Earlier, Roscosmos said so.").names] == ["Roscosmos"]
