"""Rules + stance model: the order of trust, with a scripted stand-in for the model."""

import numpy as np

from tests.test_judge import LANDED, LANDING, LAUNCHED, SIGNED, cand, claim
from verifier.stance_judge import StanceJudge, StanceSettings


class ScriptedModel:
    """Returns fixed probabilities (supported, contradicted, neutral) for every pair."""

    name = "scripted"
    sha256 = "0" * 64

    def __init__(self, probs):
        self.probs = probs
        self.pairs = []

    def predict(self, pairs, batch_size=32):
        self.pairs.extend(pairs)
        return np.array([self.probs] * len(pairs), dtype=np.float32)


def test_explicit_mismatch_wins_over_the_model():
    model = ScriptedModel([0.9, 0.05, 0.05])
    r = StanceJudge(model).judge(claim("Chang'e-4 landed on the far side of the Moon in December."),
                                 [cand(LANDING, LANDED, 0.9)])
    assert r.verdict == "contradicted" and r.discrepancies[0].kind == "date"
    assert model.pairs == []  # decided by the facts, the model was not needed


def test_model_vetoes_lexical_support_only_by_reading_a_contradiction():
    text = "Chang'e-4 landed on the far side of the Moon on 3 January 2019."
    supported = StanceJudge(ScriptedModel([0.7, 0.1, 0.2])).judge(claim(text),
                                                                  [cand(LANDING, LANDED, 0.95)])
    assert supported.verdict == "supported" and "stance model support 0.70" in supported.reason
    # A neutral reading is no veto: one passage of a match, or a paraphrase, often reads neutral.
    neutral = StanceJudge(ScriptedModel([0.05, 0.15, 0.8])).judge(claim(text),
                                                                  [cand(LANDING, LANDED, 0.95)])
    assert neutral.verdict == "supported"
    # Vetoed support falls to the model's own reading: contradicted once it is sure enough.
    vetoed = StanceJudge(ScriptedModel([0.05, 0.6, 0.35])).judge(claim(text),
                                                                 [cand(LANDING, LANDED, 0.95)])
    assert vetoed.verdict == "contradicted" and "stance model reads" in vetoed.reason
    cautious = StanceJudge(ScriptedModel([0.05, 0.6, 0.35]),
                           stance=StanceSettings(contradict_above=0.9))
    vetoed = cautious.judge(claim(text), [cand(LANDING, LANDED, 0.95)])
    assert vetoed.verdict == "unverified"
    assert "reads the matching passages as contradicting the claim" in vetoed.reason


def test_model_only_contradiction_needs_its_threshold_and_names_it():
    text = "Chang'e-4 never reached the far side of the Moon."
    r = StanceJudge(ScriptedModel([0.02, 0.93, 0.05])).judge(claim(text),
                                                             [cand(LANDING, LANDED, 0.8)])
    assert r.verdict == "contradicted" and "stance model" in r.reason and r.discrepancies == []
    cautious = StanceJudge(ScriptedModel([0.1, 0.6, 0.3]),
                           stance=StanceSettings(support_above=0.5, contradict_above=0.9))
    assert cautious.judge(claim(text), [cand(LANDING, LANDED, 0.8)]).verdict == "unverified"
    # Below both thresholds the model has not decided: neutral wins.
    r = StanceJudge(ScriptedModel([0.1, 0.15, 0.75])).judge(claim(text),
                                                            [cand(LANDING, LANDED, 0.8)])
    assert r.verdict == "unverified"


def test_model_support_is_not_used_when_a_date_is_unmentioned():
    text = "Chang'e-4 launched toward the Moon in 2018."
    r = StanceJudge(ScriptedModel([0.95, 0.02, 0.03])).judge(claim(text),
                                                             [cand(LANDING, LANDED, 0.8)])
    assert r.verdict == "unverified"
    r = StanceJudge(ScriptedModel([0.95, 0.02, 0.03])).judge(claim(text),
                                                             [cand(LANDING, LAUNCHED, 0.8)])
    assert r.verdict == "supported"


class PerPassageModel(ScriptedModel):
    """Probabilities chosen by the passage text, so two passages can disagree."""

    def __init__(self, by_passage):
        super().__init__(None)
        self.by_passage = by_passage

    def predict(self, pairs, batch_size=32):
        self.pairs.extend(pairs)
        return np.array([self.by_passage[e] for _, e in pairs], dtype=np.float32)


def test_model_reads_a_paraphrase_the_word_overlap_rules_call_unrelated():
    # Few shared words, a low retrieval score: the rules alone would not look at this passage.
    text = "China's probe touched down on the hidden hemisphere of the Moon."
    model = ScriptedModel([0.9, 0.05, 0.05])
    r = StanceJudge(model).judge(claim(text), [cand(LANDING, LANDED, 0.3)])
    assert model.pairs == [(text, LANDED)]
    assert r.verdict == "supported" and "stance model reads the passage as supporting" in r.reason
    assert r.evidence[0].quote == LANDED


def test_disagreeing_passages_are_reported_and_the_stronger_reading_decides():
    text = "Zhang Kejian and Dmitry Rogozin signed the memorandum."
    judge = StanceJudge(PerPassageModel({SIGNED: [0.92, 0.04, 0.04],
                                         LAUNCHED: [0.05, 0.85, 0.10]}))
    r = judge.judge(claim(text), [cand(LANDING, LAUNCHED, 0.5), cand(LANDING, SIGNED, 0.4)])
    assert r.verdict == "supported"
    assert "Conflicting" in r.reason and [e.quote for e in r.evidence] == [SIGNED, LAUNCHED]
    judge = StanceJudge(PerPassageModel({SIGNED: [0.82, 0.08, 0.10],
                                         LAUNCHED: [0.03, 0.95, 0.02]}))
    r = judge.judge(claim(text), [cand(LANDING, LAUNCHED, 0.5), cand(LANDING, SIGNED, 0.4)])
    assert r.verdict == "contradicted" and "Conflicting" in r.reason
