"""Question-and-answer interviews: who "I" is in the answers and "you" in the prompts.

An interview page alternates the interviewer's prompts (questions, or short statements such as
"You grew up far from the sea.") with the interviewee's answers in the first person. Outside
an interview "I was born in Braganza" is the author's own story and not a claim; inside one it
is a fact about the person interviewed, who is named in the lead:

    >>> from verifier.segment import sentences
    >>> text = ("Jan Rook: a baker at 80\\n\\n"
    ...         "Jan Rook, 80, has run a bakery in Delft since 1970.\\n\\n"
    ...         "Where did you learn?\\n\\nI trained in Paris in 1962.\\n\\n"
    ...         "Why bread?\\n\\nMy father was a baker.\\n")
    >>> find_interview(text, list(sentences(text))).name
    'Jan Rook'

Conservative: a page is an interview only when at least two prompt blocks ending in a question
mark are each followed by an answer block, two answers speak in the first person singular, and
one person is named before the first prompt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from verifier.claim_features import entities
from verifier.segment import Sentence

_I = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Mm]yself)\b")
_YOU = re.compile(r"^\W*(?:You|Your)\b")
# Prompts that state a fact to react to are short: "You grew up far from the sea."
_PROMPT_WORDS = 20


@dataclass(frozen=True)
class Interview:
    name: str  # the person interviewed, as the lead names them
    prompts: frozenset[int]  # blocks written by the interviewer
    answers: frozenset[int]  # blocks the interviewee speaks in
    # the town, company or club the interviewee heads, when the lead says so ("mayor of
    # Lisbon"): their "we" is that body, not a team of theirs
    body: str | None = None


def _is_prompt(texts: list[str]) -> bool:
    """A block of questions, optionally opened by a short "You ..." statement."""
    if not texts or not texts[-1].rstrip("\"'”’) ").endswith("?"):
        return False
    return all(t.rstrip("\"'”’) ").endswith("?") or (
        _YOU.match(t) and len(t.split()) <= _PROMPT_WORDS) for t in texts)


def _is_statement_prompt(texts: list[str]) -> bool:
    """"You have been outspoken about X.": a prompt without a question mark."""
    return len(texts) == 1 and bool(_YOU.match(texts[0])) and \
        len(texts[0].split()) <= _PROMPT_WORDS


def find_interview(text: str, sents: Sequence[Sentence]) -> Interview | None:
    """The interview layout of an article, or None when it is not a Q&A interview."""
    blocks: dict[int, list[str]] = {}
    for s in sents:
        blocks.setdefault(s.block, []).append(s.span.slice(text).strip())
    order = sorted(blocks)
    prompts: set[int] = set()
    answers: set[int] = set()
    for k, b in enumerate(order[:-1]):
        question = _is_prompt(blocks[b])
        if question or (prompts and _is_statement_prompt(blocks[b])):
            nxt = order[k + 1]
            if _is_prompt(blocks[nxt]) or _is_statement_prompt(blocks[nxt]):
                continue
            prompts.add(b)
            answers.add(nxt)
    asked = [b for b in prompts if _is_prompt(blocks[b])]
    first_person = [b for b in answers if any(_I.search(t) for t in blocks[b])]
    if len(asked) < 2 or len(first_person) < 2:
        return None
    first = min(prompts)
    lead = [s for s in sents if s.block < first]
    people: list[str] = []
    for s in lead:
        people += [e.text for e in entities(s.span.slice(text)) if e.type == "person"]
    if not people:
        return None
    name = people[0]
    # the lead may name others (a partner, a rival): the interviewee is the one named first and
    # named again, or the only one
    if len({p.split()[-1] for p in people}) > 1 and \
            sum(p.split()[-1] == name.split()[-1] for p in people) < 2:
        return None
    # an answer block runs until the next prompt
    for k, b in enumerate(order):
        if b > first and b not in prompts and order[k - 1] in answers:
            answers.add(b)
    body = None
    for s in lead:
        role = _ROLE_OF.search(s.span.slice(text))
        if role:
            body = role.group("body")
            if SHIP_KINDS.intersection(role.group("kind").split()):
                body = "the " + body  # "captain of the icebreaker Nordlys": "the Nordlys"
            break
    return Interview(name, frozenset(prompts), frozenset(answers - prompts), body)


# "was elected mayor of Lisbon", "the founder of Pollenia": the body a person speaks for
_ROLE_OF = re.compile(r"\b(?:mayor|president|chair(?:man|woman|person)?|head|director|chief"
                      r"\s+executive|leader|governor|premier|captain|manager|founder|co-founder"
                      r"|owner|principal|rector|chef|coach|boss|skipper)\s+of\s+(?:the\s+)?"
                      # "captain of the icebreaker Nordlys": a word or two saying what kind of
                      # body it is may stand before its name
                      r"(?P<kind>(?:(?!(?:at|in|for|on|and|with|from)\s)[a-z]+\s+){0,2})"
                      r"(?P<body>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*)")
# what the lead calls the ship a captain commands ("captain of the icebreaker Nordlys")
SHIP_KINDS = frozenset(re.findall(r"\w+", """icebreaker ship vessel tanker trawler ferry
    freighter yacht liner frigate submarine schooner tug barge steamer carrier cutter destroyer
    warship"""))
# "We took 53% of the vote": in an election a politician's "we" is their list or party, not
# the town they now run
ELECTORAL = re.compile(r"\b(?:vote|votes|ballot|seats|election|elected|campaign|candidates?)\b",
                       re.IGNORECASE)


# "I am" -> "Jan Rook is": the verb after a first- or second-person subject made third person
_AGREE = {"am": "is", "are": "is", "were": "was", "have": "has", "do": "does", "don't": "doesn't",
          "don’t": "doesn’t", "'m": " is", "’m": " is", "'ve": " has", "’ve": " has",
          "'re": " is", "’re": " is"}
_AGREE_AFTER = re.compile(r"(\s+(?:am|are|were|have|do|don['’]t)\b|['’](?:m|ve|re)\b)")
# What an interviewee feels or wants is no fact to check: "I love it", "I want to ..."
_MENTAL = re.compile(r"\bI\s+(?:really\s+|still\s+|just\s+|always\s+|also\s+|never\s+)?(?:think"
                     r"|believe|love|like|hate|want|wanted|hope|feel|wish|prefer|know|guess"
                     r"|suppose|mean|admire|enjoy|miss|doubt|expect|reckon|suspect|fear"
                     r"|imagine|assume|understand)\b"
                     # "I don't know yet whether ...": what the speaker cannot say
                     r"|\bI\s+(?:do\s+not|don['’]t)\s+(?:yet\s+)?know\b|\bI['’]m\s+(?:proud|sure|happy"
                     r"|afraid|convinced)\b"
                     # "I knew a fast time was possible", "I would rather race in the heat",
                     # "I don't make promises": what the speaker believed, prefers or won't say
                     r"|\bI\s+knew\s+(?:that\s+)?(?:a|an|the|it|we|they|this|there)\b"
                     r"|\bI(?:\s+would|['’]d)\s+(?:much\s+)?rather\b"
                     # "I would do it again": what the speaker would do, a hypothetical
                     r"|\bI\s+would\s+(?!have\b)[a-z]+"
                     # "I have never taken anything for granted": an attitude
                     r"|\b(?:take|takes|took|taken|taking)\s+(?:\w+\s+)?for\s+granted\b"
                     r"|\bI\s+(?:do\s+not|don['’]t|never)\s+make\s+(?:promises|predictions)\b"
                     # "I refuse to be fatalistic": an attitude, not an act
                     r"|\bI\s+(?:still\s+)?refuse\s+to\s+(?:be|feel|give\s+up|despair)\b"
                     # "the award meant the most to me", "that is not something I can control":
                     # what matters to the speaker, what they cannot change
                     r"|\b(?:means?|meant)\s+(?:the\s+most|(?:a\s+)?(?:lot|great\s+deal)"
                     r"|everything|so\s+much|most)\s+to\s+(?:me|us)\b"
                     r"|\bnot\s+something\s+(?:I|we)\s+(?:can|could)\b")


# After "I" a plain word is a present verb ("I refuse", "I understand") unless it is a past or
# a modal form; those stay as they are, and so do forms that may be past as well ("I put",
# "I read"), since a past needs no agreement
_NOT_PRESENT = frozenset(re.findall(r"\w+", """can could will would shall should may might must
    was had did am is not also only just still never always really put read set cut hit let quit
    spread cost hurt shut bet cast split went came saw took made got gave told said found thought
    knew felt left kept held brought bought built sent spent lost won ran began wrote drove rode
    flew grew threw drew sang swam sat stood met paid led fed heard meant sold taught caught
    fought sought became forgot understood chose spoke broke woke wore tore rose fell ate
    cannot both all each too often usually sometimes already then now here there once first
    shot struck stuck hung lay dug hid slept lent bent dealt myself ever even rather soon later
    again almost"""))
_PLAIN = re.compile(r"(\s+)([a-z]+)\b")


def _third_person(verb: str) -> str:
    if verb in ("go", "do"):
        return verb + "es"
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


_ADVERB_FIRST = re.compile(r"\s+(?:still|also|now|never|always|often|usually|already|just"
                           r"|only|mostly|sometimes)(?=\s)")


def agree(after: str) -> tuple[int, str]:
    """The verb at the start of `after` made to agree with a third-person subject: how many
    characters it replaces and with what (0 and "" when nothing needs to change)."""
    adverb = _ADVERB_FIRST.match(after)
    if adverb:  # "I still run" -> "Ana Reis still runs"
        n, verb = agree(after[adverb.end() :])
        return (adverb.end() + n, adverb.group() + verb) if n else (0, "")
    m = _AGREE_AFTER.match(after)
    if not m:
        plain = _PLAIN.match(after)
        if plain and plain.group(2) not in _NOT_PRESENT and \
                not plain.group(2).endswith(("ed", "ly")) and len(plain.group(2)) > 1:
            # "I refuse" -> "Ana Reis refuses"; "I personally ..." is an adverb, left alone
            return plain.end(), plain.group(1) + _third_person(plain.group(2))
        return 0, ""
    verb = m.group(1)
    lead = verb[: len(verb) - len(verb.lstrip())]
    new = _AGREE.get(verb.strip().lower(), verb.strip())
    return len(verb), new if new.startswith(" ") else lead + new


# "You have been outspoken about ...", "You are known for ...": the interviewer's portrait of
# the interviewee, nothing to look up
_PORTRAIT = re.compile(r"\b(?:outspoken|vocal|critical|famous|known|celebrated|controversial"
                       r"|passionate|proud|private|modest|ambitious|successful|popular"
                       r"|admired|loved|respected|notorious)\b"
                       # "You have won a lot of prizes.": how much, with no count to check
                       r"|\b(?:a\s+lot\s+of|lots\s+of|plenty\s+of|so\s+many)\b(?![^.?!]*\d)",
                       re.IGNORECASE)


def portrait(prompt: str) -> bool:
    """"You have been outspoken about working hours.": a characterisation, not a fact."""
    return bool(_PORTRAIT.search(prompt))


def feeling(sentence: str) -> bool:
    """"I think ...", "I love it": the interviewee's opinion or wish."""
    return bool(_MENTAL.search(sentence))


# "We drilled three boreholes", "There were six of us": the interviewee's team
WE = r"[Tt]here (?:were|are) (?P<count>[\w-]+) of us|[Ww]e|[Uu]s|[Oo]ur(?P<own>\s+(?:team|group"\
     r"|lab|laboratory|crew|club|unit|expedition|department|squad|band|company))?"


def team_words(name: str, match: re.Match[str], body: str | None = None) -> str:
    """What replaces one match of `WE` in an answer of `name`'s (`body`: what they head, for
    whom their plain "we" / "our" speaks)."""
    possessive = name + ("'" if name.endswith("s") else "'s")
    w = match.group().lower()
    if body and match.group("count"):  # "There are 14 of us": the staff of the body they head
        verb = "had" if " were " in match.group() else "has"
        return f"{body} {verb} {match.group('count')} staff"
    if body and not match.group("count") and not match.group("own"):
        return body + ("'" if body.endswith("s") else "'s") if w == "our" else body
    if match.group("count"):
        return f"{possessive} team had {match.group('count')} members"
    if match.group("own"):
        return possessive + match.group("own")
    return f"{possessive} team's" if w == "our" else f"{possessive} team"


def speak_as(sentence: str, name: str, *, second_person: bool = False,
             body: str | None = None) -> str:
    """`sentence` with the speaker's "I / me / my" and "we / us / our" (or the prompt's "You /
    your") replaced by `name` (or their team), to judge whether what is left is a checkable
    fact."""
    possessive = name + ("'" if name.endswith("s") else "'s")
    words = r"[Yy]ou|[Yy]our" if second_person else rf"I|[Mm]e|[Mm]y|[Mm]yself|{WE}"
    out: list[str] = []
    pos = 0
    for m in re.finditer(rf"\b(?:{words})\b", sentence):
        w = m.group().lower()
        if not second_person and w not in ("i", "me", "my", "myself"):
            out += [sentence[pos : m.start()], team_words(name, m, body)]
        else:
            out += [sentence[pos : m.start()], possessive if w in ("my", "your") else name]
        pos = m.end()
        if w in ("i", "you", "we"):
            n, verb = agree(sentence[pos:])
            if n:
                out.append(verb)
                pos += n
    out.append(sentence[pos:])
    return "".join(out)
