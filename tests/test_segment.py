"""Sentence segmentation on real news sentences: abbreviations, decimals, quotes, colons and
hard-wrapped paragraphs."""

from __future__ import annotations

import pytest

from verifier.segment import block_spans, sentence_spans, sentences


def split(text: str, start: int = 0) -> list[str]:
    return [s.slice(text) for s in sentence_spans(text, start)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. Senate voted 52-48 on Tuesday. Dr. Smith said the No. 5 reactor was shut down "
         "at 3.5 p.m. local time.",
         ["The U.S. Senate voted 52-48 on Tuesday.",
          "Dr. Smith said the No. 5 reactor was shut down at 3.5 p.m. local time."]),
        ("Mr. Rogozin met Gen. Li in St. Petersburg on Jan. 5. They signed a deal worth "
         "$1.2 billion.",
         ["Mr. Rogozin met Gen. Li in St. Petersburg on Jan. 5.",
          "They signed a deal worth $1.2 billion."]),
        ("“We are ready,” said Dmitry Rogozin. “The Moon is next.”",
         ["“We are ready,” said Dmitry Rogozin.", "“The Moon is next.”"]),
        ('He said it was "unrealistic." Moscow disagreed.',
         ['He said it was "unrealistic."', "Moscow disagreed."]),
        ("The spokesman said: Cooperation with China has become a priority. It started in 2020.",
         ["The spokesman said: Cooperation with China has become a priority.",
          "It started in 2020."]),
        ("Inflation hit 3.1 per cent, the ONS said. Prices rose 2.5% in the first quarter.",
         ["Inflation hit 3.1 per cent, the ONS said.",
          "Prices rose 2.5% in the first quarter."]),
        ("The deal, signed in Washington, D.C., covers 12 sites. Officials said it was a first.",
         ["The deal, signed in Washington, D.C., covers 12 sites.",
          "Officials said it was a first."]),
        ("Launched on Dec. 7, 2018, the probe landed on Jan. 3, 2019. It was a first.",
         ["Launched on Dec. 7, 2018, the probe landed on Jan. 3, 2019.", "It was a first."]),
        ("She earned a Ph.D. in physics. She joined NASA in 1999.",
         ["She earned a Ph.D. in physics.", "She joined NASA in 1999."]),
        # nupunkt alone splits after "bn." and keeps "no. Rep." together: both repaired.
        ("In 2019, the U.S. spent $22.6 bn. on NASA. That was more than Russia.",
         ["In 2019, the U.S. spent $22.6 bn. on NASA.", "That was more than Russia."]),
        ("Sen. Ted Cruz (R-Texas) voted no. Rep. Nancy Pelosi voted yes.",
         ["Sen. Ted Cruz (R-Texas) voted no.", "Rep. Nancy Pelosi voted yes."]),
    ],
)
def test_real_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_spans_slice_back_exactly_and_respect_start() -> None:
    text = "---\ntitle: x\n---\nRussia and China signed. NASA did not.\n"
    body = text.index("Russia")
    spans = list(sentence_spans(text, body))
    assert [s.slice(text) for s in spans] == ["Russia and China signed.", "NASA did not."]
    assert all(s.start >= body for s in spans)


def test_headline_lines_and_repeated_headlines_stay_separate() -> None:
    text = ("Russia and China are cooperating on the moon\n"
            "Russia and China are cooperating on the moon\n\n"
            "The space agencies said so.\n")
    assert split(text) == ["Russia and China are cooperating on the moon",
                           "Russia and China are cooperating on the moon",
                           "The space agencies said so."]


def test_hard_wrapped_paragraphs_are_joined_across_line_breaks() -> None:
    text = (
        "# Measles cases climb in three U.S. states\n\n"
        "The U.S. Centers for Disease Control and Prevention (CDC) said on\n"
        "Thursday that 35 measles cases had been reported in 2024 so far, more\n"
        "than half the total for all of last year. Most of the patients were\n"
        "children who had not been vaccinated.\n\n"
        "Outbreaks have been confirmed in Arizona, Ohio and Pennsylvania. In\n"
        "Philadelphia, health officials traced nine cases to a single day-care\n"
        "centre on Jan. 5. The city's Health Commissioner, Dr. James Okafor, said\n"
        "all nine children were under the age of 5.\n"
    )
    got = [" ".join(s.split()) for s in split(text)]
    assert got == [
        "Measles cases climb in three U.S. states",
        "The U.S. Centers for Disease Control and Prevention (CDC) said on Thursday that 35 "
        "measles cases had been reported in 2024 so far, more than half the total for all of "
        "last year.",
        "Most of the patients were children who had not been vaccinated.",
        "Outbreaks have been confirmed in Arizona, Ohio and Pennsylvania.",
        "In Philadelphia, health officials traced nine cases to a single day-care centre on "
        "Jan. 5.",
        "The city's Health Commissioner, Dr. James Okafor, said all nine children were under "
        "the age of 5.",
    ]


def test_a_lower_case_line_continues_the_sentence_even_without_wrapping() -> None:
    text = "NASA said the station would be\nbuilt by 2030.\n"
    assert split(text) == ["NASA said the station would be\nbuilt by 2030."]


def test_markdown_markers_are_left_out_of_sentences() -> None:
    text = ("## 1. It launched on Christmas Day\n\n"
            "- The primary mirror is 6.5 metres across.\n"
            "- Each segment weighs about 20 kg.\n\n"
            "> Webb orbits the second Lagrange point.\n\n"
            "*Opinion by Dana Whitfield*\n")
    assert split(text) == ["It launched on Christmas Day",
                           "The primary mirror is 6.5 metres across.",
                           "Each segment weighs about 20 kg.",
                           "Webb orbits the second Lagrange point.", "Opinion by Dana Whitfield"]


def test_list_items_are_blocks_of_their_own() -> None:
    text = "Key findings:\n- Eleven moons orbit backwards.\n- One is far out.\n"
    blocks = [b.slice(text) for b in block_spans(text)]
    assert blocks == ["Key findings:", "Eleven moons orbit backwards.", "One is far out."]
    assert [s.block for s in sentences(text)] == [0, 1, 2]


def test_sentences_in_one_paragraph_share_a_block() -> None:
    text = "Congress approved. In 2011.\nNext line here.\n"
    got = list(sentences(text))
    assert [s.span.slice(text) for s in got] == ["Congress approved.", "In 2011.",
                                                 "Next line here."]
    assert got[0].block == got[1].block != got[2].block


def test_empty_and_blank_text() -> None:
    assert split("") == []
    assert split("\n\n   \n") == []
