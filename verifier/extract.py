"""Stage 1: pull check-worthy claims out of an article, keeping exact spans.

    >>> from verifier.extract import extract_claims
    >>> ex = extract_claims("Russia, which has worked with NASA for decades, is reluctant. "
    ...                     "I think this is a disgrace.")
    >>> [(c.id, c.text) for c in ex.claims]
    [('c1', 'Russia has worked with NASA for decades'), ('c2', 'Russia is reluctant.')]
    >>> [d.reason for d in ex.dropped]
    ["the author's own experience or opinion"]

Every sentence ends up either as (part of) a claim or in `dropped` with a reason, so a reviewer
can see that nothing was lost. Offsets point into the text given: for plain text and Markdown
that is the article as read (front matter included, see `start`); for HTML it is the main text
`verifier.article.read_article` extracted (use `extract_article`).

The default extractor is rule-based, offline and deterministic (segmentation: verifier.segment;
splitting into atomic claims: verifier.decompose; sources and references such as "the agency"
resolved to names: verifier.decontext; structured features: verifier.claim_features).
`LLMClaimExtractor` wraps any Haystack chat generator instead and maps its claims back onto the
article.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from typing import Any

from verifier.article import Article, blank_inline_markup, parse_date
from verifier.claim_features import (
    KNOWN_ORGS,
    KNOWN_PLACES,
    entities,
    numbers,
    tense_of,
    time_expressions,
)
from verifier.decompose import DETS, PRONOUNS, decompose, is_clause, is_headline, tokenize
from verifier.decontext import (
    ORG_HEADS,
    ArticleContext,
    SentenceReading,
    substitute,
    unnamed_source,
)
from verifier.facts import STOPWORDS, facts_of
from verifier.interview import feeling, find_interview, portrait, speak_as, team_words
from verifier.models import Claim, DroppedSentence, Extraction, ResolvedReference, Span
from verifier.segment import sentences

_BOILERPLATE = re.compile(
    r"^\W*(?:(?:previous|next|older|newer) (?:post|article|story|page)|share (?:this|on|to)"
    r"|share:|read more|related (?:posts|articles|stories|coverage)|subscribe|sign up"
    # where to read further, and live-blog housekeeping: "Full details are on the website."
    r"|(?:full |more |further )(?:details|information|info)(?: \w+){0,3} (?:is |are |can be )?"
    r"(?:found |available )?(?:on|at|from|via) (?:the |our |its |their )?\S*\s?\S*\s?website\b"
    r"|(?:the )?(?:full|complete|whole) (?:table|list|report|results|rankings?|data|text|study)"
    r"(?: \w+){0,3} (?:is |are |can be )?(?:found |available |published )?(?:on|at|from|via)"
    r" (?:the |our |its |their )?\S*\s?\S*\s?(?:website|site)\b"
    r"|more to follow\b|(?:more )?updates? to follow\b"
    r"|click here|advertisement|sponsored|all rights reserved|follow us|copyright|©"
    r"|tags?:|filed under|leave a (?:comment|reply)|posted (?:in|by|on)|skip to"
    r"|back to top|print this|email this|(?:photo|image|picture|video) ?(?:credit)?:"
    r"|\(?(?:additional )?(?:reporting|editing|writing|compiled|compiling|edited|written"
    r"|research|graphics) by\b|updated:|published:|editors?:"
    r"|related \w+:|see also:|more on this\b|recommended:"
    # a credit line: "Based on a press release from X.", "Adapted from a report by X."
    r"|(?:based on|adapted from|rewritten from|edited from|compiled from|summari[sz]ed from)"
    r" (?:a |an |the )?(?:[\w-]+ )?(?:press release|news release|statement|report|bulletin"
    r"|announcement|release|briefing)s? (?:from|by|issued by|of)\b"
    r"|this (?:article|story) (?:was|has been) (?:updated|corrected)"
    # the legal disclaimer closing a company release: "Actual results may differ materially ..."
    r"|actual (?:results|outcomes|events|performance) (?:may|could|might|will) differ"
    # a labelled legal note: "Disclaimer: the tool does not replace a doctor."
    r"|(?:legal )?disclaimer\s*:"
    # whom journalists should call: "Media contact: press office, X.", "For press enquiries ..."
    r"|(?:(?:media|press|news|investor|public) (?:relations )?)(?:contacts?|enquiries|inquiries"
    r"|office)\s*:|for (?:media|press|further|investor) (?:enquiries|inquiries)\b"
    r"|(?:this|the) (?:press |news )?(?:release|announcement|document) contains forward-looking)",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    # "Press release, edited by X", "Company announcement, edited by X", "Written and edited by
    # X": who made the page
    r"^(?i:(?:(?:opinion|analysis|commentary|story|words)\s+)?by"
    r"|(?:(?:(?:company|corporate|official|joint|media)\s+)?"
    r"(?:press\s+release|news\s+release|announcement|statement|report|story|text)\s*[,:–—-]\s*)?"
    r"(?:(?:written|edited|compiled|reported|produced|translated)\s+(?:and\s+)?)+by"
    # any short label may stand before "edited by" ("Company results, edited by X"); not before
    # "reported by", which closes a fact ("Three died, reported by X")
    r"|[A-Za-z]+(?:\s+[a-z]+){0,2}\s*[,:–—-]\s*(?:edited|compiled|translated)\s+by)"
    r"\s+[A-Z][\w.'’-]+"
    r"(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von)){0,4}\s*(?:[,|/–—-].{0,60})?$"
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]{0,6}\.?"
# "MOSCOW, Jan. 5 (Reuters) - ", "WASHINGTON — ", "Port Ellis, 4 March 2023 – "
# place names keep their accents: "Râmnicu Vâlcea", "ŁÓDŹ", "Çanakkale"
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽȘȚ"
_LOW = "a-zß-öø-ÿĀ-ſȘ-ț"  # after the capital: any Latin letter with or without an accent
_DATELINE = re.compile(
    rf"^(?P<place>[{_UP}][{_UP}.'’ -]{{2,40}}?|[{_UP}][{_LOW}]+(?:[ -][{_UP}][{_LOW}]+){{0,2}})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.]{1,20}(?:\s[A-Z][A-Za-z.]+)?))??"
    rf"(?:,\s*(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:,?\s+\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[^)]{1,40})\))?\s*(?:[-—–]+(?:\s+|$)"
    # machine translation ends it with a stop: "Novi Sad, 14 June." (only with a date)
    r"|(?(date)\.\s*$|(?!))"
    # a release's dated line of its own, no stop: "OSLO, 3 June 2024"
    r"|(?(date)\s*$|(?!)))"
)
# A source who gave no answer: nothing to check even once "He" is known to be Tom Baker
_NON_ANSWER = re.compile(r"\b(?:declined|refused) to comment\b|\bcould not (?:immediately )?be "
                         r"reached\b|\bdid not (?:immediately )?(?:respond|reply|return)\b"
                         r"|\bnot (?:immediately )?available for comment\b|\bno comment\b"
                         # "Nobody at the ministry would say.", "The firm would not say how much"
                         r"|\b(?:nobody|no one|none)\b(?: [\w'’-]+){0,6} (?:would|could"
                         r"|was able to|were able to|wanted to|was willing to|were willing to)"
                         r" (?:say|comment|confirm|explain)\b"
                         r"|\b(?:would|could) not (?:say|confirm)\b"
                         r"|\bdeclined to (?:say|confirm|disclose)\b"
                         # "The union has not said whether it will attend."
                         r"|\b(?:has|have|had)(?: not|n't|n’t)(?: yet)? (?:said|confirmed"
                         r"|disclosed|announced|decided) (?:whether|if)\b"
                         r"|\b(?:has|have) yet to (?:say|confirm|announce|decide) (?:whether"
                         r"|if)\b", re.I)
# "Among the stories the paper broke over the years:": the lead-in of the list below
# "About the Orvik Rail Company" over a release's closing paragraph: a boilerplate heading
_ABOUT_HEADING = re.compile(r"^\W*About\s+(?:the\s+|us\b)?[A-Z][^.!?:;,]{0,80}$")
_LIST_INTRO = re.compile(r"^\W*(?:among|here (?:are|is)|these (?:are|include)|highlights include"
                         r"|they include)\b[^:]*:\s*$", re.IGNORECASE)
# '"We are confident that 2025 will be a year of growth."': a speaker's confidence about the
# future, even when it names a year
_CONFIDENT = re.compile(r"^\W*(?:we|I)(?: are| am|['’]re|['’]m| remain)(?: \w+ly)? (?:confident"
                        r"|optimistic|convinced|sure|certain|hopeful)\b(?: that)?[^.]*\b(?:will"
                        r"|would|can)\b", re.IGNORECASE)
# "Every tenth of a degree matters.": a maxim about what is important, no fact
_MAXIM = re.compile(r"^\W*(?:every|each|any|all)\b[^.,;:]{0,60}\b(?:matters?|counts?)\s*[.!]?\W*$",
                    re.IGNORECASE)
# What holds of anyone, not of a named actor: "A country that wants growth has to invest",
# "Everybody wants a say", "We can't please everyone"
_GENERALITY = re.compile(
    r"^\W*(?:A|An|Any|Every|No)\s+[a-z]+\s+(?:that|which|who)\b[^.;:]*?\b(?:has\s+to|have\s+to"
    r"|must|should|needs?\s+to|cannot|can['’]t)\b"
    r"|^\W*(?:Everyone|Everybody|Nobody|No\s+one|No-one|Anyone|Anybody)\s+(?:\w+ly\s+)?"
    r"(?!(?:is|was|has|does)\b)[a-z]+s\b"
    r"|\b(?:cannot|can['’]t|could\s+not|couldn['’]t)\s+(?:\w+\s+)?(?:everything|everyone"
    r"|everybody|it\s+all)\b")
# "These figures show that people want to understand science": what the figures are taken to
# say about what people want or feel, an interpretation (not "The figures show a 4% fall")
_READS_FIGURES = re.compile(
    r"^\W*(?:These|Those|The|Such|Our)\s+(?:figures|numbers|statistics|visitor\s+numbers)\s+"
    r"(?:clearly\s+)?(?:show|prove|suggest|mean|demonstrate|tell\s+us|confirm)s?\s+(?:that\s+)?"
    r"[^.;:]*?\b(?:want|wants|wanted|love|loves|care|cares|value|values|enjoy|enjoys|trust"
    r"|trusts|appreciate|appreciates|crave|hunger)\b")
# "..., study finds", "..., new survey shows": a finding the story goes on to source
_STUDY_FINDS = re.compile(r",\s+(?:a\s+|the\s+)?(?:new\s+|major\s+|large\s+)?(?:study|survey|report"
                          r"|research|poll|analysis|review|trial)\s+(?:finds|found|says|said|shows"
                          r"|showed|suggests|suggested)\s*[.!]?\s*$", re.IGNORECASE)
_FRAMING = re.compile(
    # (not "Let us remind, in 2021 ...": translated "Recall, ...", the fact follows)
    r"^(?:here(?:'s|’s| is| are)\b|let(?:'s|’s)\b|let us\b(?! (?:remind|recall|note)\s*,)"
    r"|want (?:more|to know)\b|read on\b"
    r"|\d+ (?:things|facts|reasons|ways|questions)\b|everything you need to know"
    r"|what (?:we|you) (?:know|need to know)|in this (?:article|story|post)|scroll down"
    r"|find out\b|take a look\b"
    # a teaser title: "Rail fares: what changes in May", "Flood levy: how much you will pay"
    r"|[^:.!?]{1,60}:\s+(?:what|how|why|where|who|when)\b[^:.;!?]*$)",
    re.IGNORECASE,
)
def _wordlist(text: str) -> list[str]:
    return text.split()


_IMPERATIVE = frozenset(_wordlist("""talk sign click read subscribe share follow learn find check
    remember watch listen see take get join download visit contact call make try don't do please
    tell send email register buy order book imagine consider note"""))
_OPINION = re.compile(
    r"\b(?:I (?:think|believe|feel|suspect|hope)|in my (?:view|opinion)|should|must|ought to"
    r"|deserves?|disgrace(?:ful)?|shameful|outrageous|ridiculous|absurd|scandal(?:ous)?"
    r"|it'?s time|let'?s|let us|of course|pretty cool|wonderful|terrible|awful|amazing"
    r"|unacceptable|shocking|pathetic|brilliant|a shame|sadly|thankfully|hopefully"
    # "Fares need to come down": what ought to happen, in the author's voice
    r"|needs? to)\b",
    re.IGNORECASE,
)
_UNCERTAIN = re.compile(
    # "the researchers cannot say whether the drug works in older patients"
    r"\b(?:cannot|can't|can’t|could not|couldn't|do not|don't|does not|doesn't|did not"
    r"|didn't) (?:yet |still )?(?:say|know|tell|predict) (?:whether|if|how|when|why)\b|"
    r"\b(?:is|are|was|were|remains?|remained)\s+(?:not\s+)?(?:yet\s+|still\s+)?(?:clear|unclear"
    r"|known(?!\s+(?:as|for)\b)|unknown|uncertain|an open question|to be seen)\b"
    r"|\bit is (?:not )?(?:yet )?(?:clear|unclear) (?:whether|if|how|when|why|what)"
    r"|\bremains? to be seen\b",
    re.IGNORECASE,
)
_QUANTITY = re.compile(r"\b(?:most of|the majority|a majority|a minority|half of|all of|none of"
                       r"|half (?:that|as much|as many)"
                       r"|many of|several of|twice|double|tenfold|percent|per cent)\b"
                       # "most miners voted" counts; "the most powerful" compares
                       r"|(?<![Tt]he )\bmost (?!of\b|\w+ly\b)(?=[a-z])"
                       # a count of zero: "No flights were cancelled."
                       r"|^no\s+(?:[\w-]+\s+){1,3}(?:was|were|has been|have been|had been)\s+"
                       r"(?:\w+ed|\w+en|made|found|held|built|done|left|lost|sent|kept|paid|sold"
                       r"|hit|cut|shut|put|set)\b"
                       # "No one died.", "..., no inspectors visited the site.": active, past
                       r"|(?:^|,\s+)no\s+(?!longer\b|doubt\b|matter\b)(?:[a-z-]+\s+){1,2}?"
                       r"(?:\w+ed|died|left|came|went|took|made|fell|won|lost|saw|found|paid)\b",
                       re.IGNORECASE)
# "Contact with the probe was lost", "Talk of a merger was dismissed": the first word is a noun
# with a preposition after it, and the sentence has its own finite verb
_NOUN_SUBJECT = re.compile(r"^\w+\s+(?:with|of|between|among|from|about)\b[^,;:]*?"
                           r"\b(?:was|were|is|are|has|have|had)\b", re.IGNORECASE)
# Headlines and listicle headings often name a change or a record without a number ("Bus fares
# are going up", "Rents hit highest level in the city's history"); in running text such words
# also make opinions ("We believe the line can halve journey times"), so only headlines count

_CHANGE = re.compile(r"\b(?:(?:is|are|was|were)\s+(?:going|set to go)\s+(?:up|down)|(?:rise|rises"
                     r"|rising|rose|fall|falls|falling|fell|increase[sd]?|increasing"
                     r"|decrease[sd]?|decreasing|double[sd]?|doubling|halve[sd]?|soar(?:s|ed|ing)?"
                     r"|plunge[sd]?|plunging)\b)", re.IGNORECASE)
_RECORD = re.compile(r"\b(?:\w+est|most|least|first|only)\b[^.;:]*\b(?:in (?:the |its |their )?"
                     r"(?:\w+['’]s )?(?:\w+ )?history|on record)\b|\brecord(?:-breaking)?"
                     r"\s+(?:high|low|number|level|year)", re.IGNORECASE)
# A change or comparison stated as measured ("Reservoir levels have also dropped.", "The north
# fared better.", "Soils are drier than normal for the season."): checkable against the data
# even without a number, when a noun phrase (not "we", "it", "this") is its subject and nothing
# makes it a forecast or wish
_MEASURED = re.compile(
    r"\b(?:has|have|had)\s+(?:also\s+|already\s+|further\s+)?(?:dropped|fallen|risen|increased"
    r"|decreased|doubled|halved|grown|shrunk|declined|climbed|soared|plunged)\b"
    # (not "declined to comment", "dropped the charges")
    r"|\b(?:rose|fell|climbed|soared|plunged|doubled|halved)\b"
    r"|\b\w+er\s+than\s+(?:normal|usual|average|expected|forecast|planned|before|last\s+\w+"
    r"|a\s+year\s+(?:ago|earlier))\b|\bfared\s+(?:better|worse|best|worst)\b"
    r"|\b(?:hit|affected)\s+(?:the\s+)?(?:hardest|worst|most)\b", re.IGNORECASE)
# "But if we switched, we would need a new barn and three years ...": the speaker's own
# counterfactual; its figures describe what did not happen, so nothing in it can be checked
_OWN_COUNTERFACTUAL = re.compile(r"^(?:(?:but|and|so|even)\s+)?if\s+(?:I|we)\s+(?:\w+ly\s+)?"
                                 r"(?:\w+ed|did|had|were|went|sold|stopped|quit)\b[^,;.]*,\s*"
                                 r"(?:I|we)\s+(?:would|could|might)(?:n[’']t)?\b", re.IGNORECASE)
_MODAL = re.compile(r"\b(?:can|could|may|might|would|should|must|will|shall)\b", re.IGNORECASE)


def _measured_change(sentence: str) -> bool:
    words = re.findall(r"[\w'’]+", sentence.lower())
    return bool(_MEASURED.search(sentence)) and not _MODAL.search(sentence) and bool(words) \
        and words[0] not in _VAGUE_SUBJECTS and not _QUOTED.search(sentence)


_SECOND_PERSON = re.compile(r"^(?:you|your)\b", re.IGNORECASE)
# Concrete events are worth checking even without a name or number ("several churches collapsed")
_EVENT = re.compile(r"\b(?:collapsed|exploded|erupted|crashed|sank|burned|flooded|died|killed"
                    r"|injured|wounded|arrested|charged|convicted|sentenced|jailed|resigned"
                    r"|fired|sacked|banned|approved|rejected|stalled|collapsed|evacuated"
                    r"|destroyed|damaged|closed|shut|suspended|cancelled|canceled|launched"
                    r"|landed|elected|defeated|won|lost|signed|vetoed|overturned|struck"
                    r"|recalled|seized|shot|stabbed|kidnapped|escaped|invaded|attacked)\b",
                    re.IGNORECASE)
_VAGUE_SUBJECTS = frozenset(_wordlist("he she it they we this that these those there i you"))
_EVALUATIVE = re.compile(r"\b(?:great|good|bad|better|worse|best|worst|convenien\w*|important"
                         r"|unusual|worr\w+|concern\w*|serious|huge|excellent|poor|happy"
                         r"|unhappy|angry|pleased|disappointed|surprised|shocked|welcome\w*"
                         r"|difficult|easy|beautiful|nice|fair|unfair"
                         # a forecast by unnamed analysts is a judgement too
                         r"|likely|unlikely|possible|impossible|probable|improbable)\b",
                         re.IGNORECASE)
# "We need homes.", "We must act.": the author urging, whatever numbers follow
_EXHORTATION = re.compile(r"^(?:we|i)\s+(?:really\s+|simply\s+|still\s+)?(?:need|must|should"
                          r"|have to|ought to|cannot afford|can't afford|can’t afford)\b",
                          re.IGNORECASE)
# "We believe the new line can halve journey times.": a belief about what may happen
_SPECULATION = re.compile(r"\b(?:I|we)\s+(?:\w+ly\s+)?(?:believe|think|hope|feel|expect)\b"
                          r"[^.!?]*?\b(?:can|could|will|would|may|might)\b", re.IGNORECASE)
# "This is a turning point.": a judgement of an unnamed "this", nothing to look up
_JUDGEMENT = re.compile(r"^(?:this|that)\s+(?:is|was|will be|would be)\s+(?:\w+ly\s+)?"
                        r"(?:a|an)\b", re.IGNORECASE)
# "Today the same model costs ...", after "I bought my first car ...": still the author's
_SAME_THING = re.compile(r"^(?:[\w,]+\s+){0,3}?the same\b", re.IGNORECASE)
# "mine" is the author's only as "of mine" / "is mine", not "the mine employs 800 workers"
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b|\b(?:of|is|was|are|were)\s+mine\b"
                           r"|^[Mm]ine\b")
_FIRST_PLURAL = re.compile(r"\b(?:we|us|our|ours|ourselves)\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")
_MIN_CLAIM_WORDS = 4
# a timeline entry that reports an event ("Ferries cancelled", "Power restored", "Fire breaks
# out"), not housekeeping ("Updates to follow", "Good morning and welcome")
_EVENT_ENTRY = re.compile(r"\b[a-z]{3,}(?:ed|en)\b|\b(?:breaks|opens|closes|starts|ends|begins"
                          r"|arrives|leaves|hits|reaches|falls|rises)\b")
# "Nobody was hurt.", "No one died.": a short sentence that states a casualty count of zero
_NOBODY = re.compile(r"^\W*(?:nobody|no one|no-one|none)\s+(?:was|were|has been|had been|is)?\s*"
                     r"(?:\w+ly\s+)?(?:injured|hurt|killed|harmed|died|evacuated|arrested)\b",
                     re.IGNORECASE)
_TEASER = re.compile(r"^[^,:;.!?]{3,60}?\s(?:on|about)\s[^.!?]*(?:,|\band\b)[^.!?]*$")
# "Critics say the fares are too high.": whose verdict is not said, and it is only a verdict
_UNNAMED_VERDICT = re.compile(r"^(?:rivals|critics|competitors|opponents|detractors|sceptics"
                              r"|skeptics|some|others)\s+(?:say|said|argue|argued|claim|claimed"
                              r"|complain|complained)\s+(?:that\s+)?[^,;\d]{1,60}?\s(?:is|are"
                              r"|was|were)\s+(?:too\s+|very\s+|far\s+too\s+)?[a-z]+\s*[.!]?$",
                              re.IGNORECASE)
_FELT = "a quoted feeling or wish, nothing to check"
# '"Residents have a right to clean water, and we will fine firms that break the rules," said
# councillor X': what the speaker promises, demands or pictures; the saying verb names who
# speaks but adds nothing to check, so the quote alone decides (a figure, a date or a name of
# its own keeps it: '"We fined 12 firms in 2023," X said')
_SPEAKER_VIEW = re.compile(r"\b(?:we|I)(?:\s+\w+ly)?\s+(?:will|shall)\b|\b(?:we|I)['’]ll\b"
                           r"|\b(?:should|must|ought to|(?:have|has)\s+(?:a|the|every)\s+right to"
                           r"|waiting to be)\b", re.IGNORECASE)
_SPEAKER_VIEW_REASON = "a speaker's promise or opinion, nothing to check"
_SAID_AFTER = re.compile(r"^\W*(?:[^.!?]{0,80}?\b(?:said|says|added|told|stated|insisted|argued"
                         r"|promised|warned)\b)")


def _quoted_view(stripped: str) -> bool:
    """A quote opening the sentence, attributed after it, that states a promise, a demand or a
    picture of the speaker's and no figure, date or name of its own."""
    quoted = _OPENING_QUOTE.match(stripped)
    if not quoted or not _SAID_AFTER.match(stripped[quoted.end():]):
        return False
    q = quoted.group("q")
    if re.search(r"\d", q) or facts_of(q).dates or not _SPEAKER_VIEW.search(q):
        return False
    # a capitalised word past the first is a name the quote states something about
    return not any(w[:1].isupper() and w not in ("I", "I'm", "I’m", "I'll", "I’ll")
                   for w in re.findall(r"[\w'’]+", q)[1:])
_OPENING_QUOTE = re.compile(r"^[\"“‘](?P<q>[^\"”’]+)[\"”’]")
# "Hannah Rowe, who chairs the committee, told me ...": a named source speaking to the author
# is reported speech, not the author's experience
_TOLD_AUTHOR = re.compile(r"\b[A-Z][\w'’-]+(?:,[^,]{1,80},)?\s+(?:told|tells|wrote to|emailed"
                          r"|assured)\s+(?P<me>me|us)\b")
# "give up on the 52.": a bare number after "the" at the end of a phrase names a bus route,
# a flight or a model, it counts nothing
# "bus No. 5", "route No. 12": a number that names one line, ward or case, as a name does
_NUMBERED = re.compile(r"\bNo\.\s*\d+")
_LABEL_NUMBER = re.compile(r"\bthe\s+\d+(?=\s*(?:[.,;:!?)]|$))", re.IGNORECASE)
# "| County | 2021 | 2024 |" above "|---|---|---|": the header row of a Markdown table
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
# "This was informed by the Ministry of X on Tuesday.": says only who gave the sentence before
_CREDITS_BEFORE = re.compile(
    r"^(?:This|That|It)\s+(?:was|has been|had been|is)\s+(?:\w+ly\s+)?(?:informed|reported"
    r"|announced|stated|said|confirmed|communicated|declared|disclosed|told)\s+"
    r"(?:(?:to|at|in|during)\s+[\w\s-]{1,40}?\s+)?by\s+(?P<source>(?:the\s+)?[A-Za-z][^.,;:!?]*?)"
    r"(?:\s+(?:on|in|at|during|yesterday|today|last|this|earlier)\b[^.;:!?]*)?[.!]?\s*$")
# A figure judged in the next sentence ("That is a 50% rise.", "This was double the 2019
# level."): checkable only together with the figure it judges
_FIGURE_AFTER = re.compile(
    r"^(?:This|That|It)\s+(?:is|was|marks|marked|means|meant)\s+(?P<what>(?:(?:a|an)\s+)?"
    r"(?:[\d.,]+\s*(?:%|per\s?cent|percent)|double|twice|triple|half|(?:two|three|four)"
    r"\s+times)(?!\w)[^.!?;:,]{0,60}?)[.!]?\s*$", re.IGNORECASE)
# "This is the same council that spent £18 million ...": the fact is in the relative clause
_SAME_AS = re.compile(r"^(?:this|that|it)\s+(?:is|was)\s+the same\b", re.IGNORECASE)
# '"This was not a cyberattack."' after a source's quote: a denial by the same source
# (past only: "That is not a small thing." judges)
_DENIAL = re.compile(r"^\W*(?:this|that|it|we|they|there)\s+(?:was|were|had|did)\s*(?:not|n['’]t"
                     r"|never)\b", re.IGNORECASE)
# Sources that speak for an institution: "Council leaders say they cannot afford it" is the
# council's position, checkable, where "Residents say they were never told" is not
_INSTITUTIONS = frozenset(_wordlist("""council union government ministry hospital school company
    board committee party police airline university court city county club federation
    regulator management operator authority agency department coastguard navy army
    prosecutor prosecutors inspectorate"""))


def _normal(sentence: str) -> str:
    return " ".join(w for w in re.findall(r"\w+", sentence.lower()) if w not in STOPWORDS)


# ----------------------------------------------------------------------------- checks

def _known_names(text: str, start: int) -> set[str]:
    """Words written capitalised somewhere other than at a sentence start: proper names."""
    names = set()
    for s in sentences(text, start):
        sentence = s.span.slice(text)
        f = facts_of(sentence)
        for name in f.names:
            # a word after an opening quote still starts the sentence ('"Nobody wins ...')
            if sentence[: name.start].strip(" \"“‘'([*_-"):
                names.add(name.text.lower())
    return names


def _has_name(sentence: str, names: set[str]) -> bool:
    f = facts_of(sentence)
    for n in f.names:
        if n.text in ("I",):
            continue
        if n.start > 0 and sentence[max(0, n.start - 2) : n.start] not in ('“', '"'):
            return True
        low = n.text.lower().removesuffix("'s").removesuffix("’s")
        if low in names or (n.text.isupper() and len(n.text) > 1) or low in KNOWN_PLACES or \
                low in KNOWN_ORGS:
            return True
    return False


def _drop_reason(sentence: str, names: set[str], has_time: bool) -> str | None:
    stripped = sentence.strip()
    words = re.findall(r"\w+", stripped)
    f = facts_of(stripped)
    # "one analyst said" is not a quantity worth checking
    labels = [m.span() for m in _LABEL_NUMBER.finditer(stripped)]
    counted = [n for n in numbers(stripped) if not (n.value == 1 and n.text[:1].isalpha())
               and not any(a <= n.span.start < b for a, b in labels)]
    factual = bool(f.dates or has_time or _QUANTITY.search(stripped) or counted or (
        is_headline(stripped) and (_RECORD.search(stripped) or _CHANGE.search(stripped)))
        or _measured_change(stripped))
    unquoted = _QUOTED.sub(" ", stripped)
    told = _TOLD_AUTHOR.search(stripped)
    if told:
        stripped = stripped[: told.start("me")] + "them" + stripped[told.end("me") :]
        unquoted = _QUOTED.sub(" ", stripped)
    if not words:
        return "no words"
    if _BOILERPLATE.match(stripped) or (_ABOUT_HEADING.match(stripped)
                                        and not is_clause(tokenize(stripped))):
        return "page boilerplate"
    if _BYLINE.match(stripped):
        return "byline"
    if stripped.rstrip("\"'”’) ").endswith("?"):
        return "a question, not a claim"
    if _REVIEW_VERDICT.match(stripped) or (_REVIEW_TITLE.match(stripped) and is_headline(stripped)
                                           and not is_clause(tokenize(
                                               _REVIEW_TITLE.match(stripped).group("rest")))):
        return "a reviewer's verdict, an opinion"
    if _BARE_ANSWER.search(stripped):
        return "answers the reader's question, nothing to check"
    if _FRAMING.match(stripped):
        return "editorial framing, not a claim"
    if _LIST_INTRO.match(stripped):
        return "introduces the list below, not a claim"
    if _MAXIM.match(stripped):
        return "opinion without a checkable fact"
    quoted = _OPENING_QUOTE.match(stripped)
    read = quoted.group("q") if quoted else stripped
    if _READS_FIGURES.match(read) and not re.search(r"\d", read):
        return "reads a motive into the figures, nothing to check"
    if _GENERALITY.search(stripped) and not f.dates and not re.search(r"\d", stripped) and (
            factual or _has_name(stripped, names) or _EVENT.search(stripped)):
        # "most of them" after "Everyone" counts nothing checkable either; "Mayor Ruiz cannot
        # do everything" names someone but says nothing to check (with neither, the last rule
        # drops it anyway)
        return "a generalisation, nothing to check"
    if _CONFIDENT.match(stripped):
        return "the speaker's confidence about the future, nothing to check"
    if _NON_ANSWER.search(stripped) and not factual:
        return "a source's non-answer, nothing to check"
    if words[0].lower() in _IMPERATIVE and not stripped.startswith(("“", '"')) and (
            len(words) > 1 and words[1].lower() not in ("is", "was", "has", "said")) and \
            not _NOUN_SUBJECT.match(stripped):
        return "an instruction to the reader, not a claim"
    if _SECOND_PERSON.match(stripped):
        return "addressed to the reader, not a claim"
    if _OWN_COUNTERFACTUAL.match(stripped):
        return "what the speaker would do if, a hypothetical, nothing to check"
    if (_FIRST_PERSON.search(unquoted) or _FIRST_PLURAL.search(unquoted)) and not \
            _attributed(stripped):
        own = _QUOTED.sub(" ", _outside_reported_speech(stripped))
        if _FIRST_PERSON.search(own) or (_FIRST_PLURAL.search(own) and not factual):
            return "the author's own experience or opinion"
    if _EXHORTATION.match(stripped) and _EXHORTATION.match(_outside_reported_speech(stripped)):
        return "an exhortation, not a claim"  # not '"We need 300,000 homes," the minister said
    if _UNNAMED_VERDICT.match(stripped) and not factual:
        return "an unnamed source's opinion, nothing to check"
    said = _OPENING_QUOTE.match(stripped)
    if said and re.match(r"\W*I\s", said.group("q")) and feeling(said.group("q")) and \
            not re.search(r"\d", said.group("q")):
        # '"I still love the smell of the bakery," she said.': what the speaker feels or wanted
        return _FELT
    if _quoted_view(stripped):
        return _SPEAKER_VIEW_REASON
    if _UNCERTAIN.search(stripped) and not factual:
        return "states an uncertainty, nothing to check"
    if (_OPINION.search(stripped) or _SPECULATION.search(stripped)) and not factual:
        return "opinion without a checkable fact"
    if _JUDGEMENT.match(stripped.lstrip("\"“‘'")) and not factual and not _EVENT.search(stripped):
        return "a judgement of 'this', nothing to check"
    if not factual and not _has_name(stripped, names) and not _EVENT.search(stripped) and \
            not _NUMBERED.search(stripped):
        return "no checkable fact (no name, number or date)"
    return None


_OCCASION = re.compile(r"^\s+(?:in|at|during|on)\s+(?:(?:his|her|its|their|the|a|an)\s+)?"
                       r"(?:speech|statement|interview|address|remarks|ceremony|briefing"
                       r"|meeting|conference|hearing|letter|post|report)\s*$", re.IGNORECASE)
_PRONOUN_QUOTE = re.compile(r"^(?:He|She|They)\s+(?:also\s+)?(?:said|called|described|added"
                            r"|told|warned|insisted|argued|denied)\b.*[\"“]")
_SAID = re.compile(r"\b(?:said|says|told|according to|stated|announced|added)\b")


def _outside_reported_speech(sentence: str) -> str:
    """The sentence without what a source is reported to have said ('The mayor said to
    reporters: our crews cleared 200 km of roads overnight.' keeps only the frame): "our"
    there is the source's, not the author's."""
    d = decompose(sentence, split=False)
    if not d.source or not d.source_span or re.search(r"\b(?:I|we|We|my|our|Our|My)\b",
                                                      d.source):
        return sentence
    if d.frame == "prefix":
        return sentence[: d.content_start]
    return sentence[d.source_span[0] :]


def _attributed(sentence: str) -> bool:
    return bool(_QUOTED.search(sentence) and _SAID.search(_QUOTED.sub(" ", sentence)))


def _dateline(sentence: str) -> re.Match[str] | None:
    """'MOSCOW, Jan. 5 (Reuters) - ' at the start of a sentence (not 'NASA - the agency ...')."""
    m = _DATELINE.match(sentence)
    if not m:
        return None
    place, dated = m.group("place").strip(), bool(m.group("date") or m.group("agency"))
    if not dated and (not place.isupper() or place.lower() in KNOWN_ORGS or len(place) < 3):
        return None
    rest = sentence[m.end():]
    if rest and len(rest) <= 20:
        return None  # "LONDON - Paris" is not a story
    return m


def _find_dateline(text: str, sents: list) -> tuple[int, re.Match[str]] | None:
    """The dateline of the story: in one of its first sentences, at most one."""
    for i, sent in enumerate(sents[:6]):
        m = _dateline(sent.span.slice(text))
        if m:
            return i, m
    return None


# ----------------------------------------------------------------------------- features

# "**14:05** — ", "9.30am - ": the time a live-blog entry was filed (markup already blanked)
_TIMESTAMP = re.compile(r"^\s*(?:[01]?\d|2[0-3])[:.][0-5]\d(?:\s?(?:[ap]\.?m\.?|GMT|UTC|CET|BST))?"
                        r"(?:,?\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day)?"
                        r"\s*[—–-]+\s+(?=\S)", re.IGNORECASE)
# "Battery: 5,100mAh, 67W wired charging": a fact-box line, a label and a verbless value
_SPEC = re.compile(r"^(?P<label>[A-Z][\w'’/&-]*(?:[ ][\w'’/&()-]+){0,2})[ \t]*:[ \t]+"
                   r"(?P<value>[^:\n]*\d[^:\n]*?)[ \t]*\.?[ \t]*$")
_SPEC_VALUE_WORDS = 12
_TITLE_LABEL = re.compile(r"^\s*(?:#+\s*)?(?:live|factbox|breaking|update|updated|review"
                          r"|opinion|analysis|explainer|exclusive|watch|video)\s*[:|—–-]+\s*",
                          re.IGNORECASE)


def _spec_line(text: str, span: Span) -> re.Match[str] | None:
    """A fact-box line on its own ("Weight: 189g", "- Price: €699 (256GB), €799 (512GB)"):
    one fact about the article's subject, not a sentence to split at its commas."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start : span.start].strip(" \t-*•+>") or text[span.end : line_end].strip():
        return None  # part of a running line, not a line of its own
    m = _SPEC.match(span.slice(text).strip())
    if not m or len(re.findall(r"\w+", m.group("value"))) > _SPEC_VALUE_WORDS:
        return None
    if m.group("label").lower() in _SPEC_NOT_LABEL or is_clause(tokenize(m.group("value"))) \
            or _REVIEW_VERDICT.match(m.group()) or _FRAMING.match(m.group()) \
            or _BOILERPLATE.match(m.group()):
        return None  # "Update: 14 people have died" is a sentence after a label
    return m


_SPEC_NOT_LABEL = frozenset(("note", "update", "updated", "correction", "source", "sources",
                             "photo", "credit", "read more", "see also", "warning"))


def _title_subject(text: str, sents: list) -> str:
    """What a fact box is about: the capitalised words opening the title ("Norrin Aero 5
    review: ..." -> "Norrin Aero 5"); empty when the title does not open with a name."""
    if not sents:
        return ""
    first = sents[0].span.slice(text)
    first = first[_TITLE_LABEL.match(first).end() if _TITLE_LABEL.match(first) else 0 :]
    words = []
    for w in re.findall(r"\S+", first.strip("# ")):
        bare = w.strip(",:;.!?\"“”'‘’")
        if not bare or not (bare[0].isupper() or bare[0].isdigit()) or \
                (not words and bare.lower() in STOPWORDS):
            break
        words.append(bare)
        if bare != w:
            break  # "Norrin Aero 5:" ends the name at its punctuation
    if not words or all(w[0].isdigit() for w in words) or words[0].lower() in _COUNT_TITLE:
        return ""  # "Five questions for ...": a count, not a name
    return " ".join(words)


_COUNT_TITLE = frozenset(re.findall(r"\w+", """one two three four five six seven eight nine
    ten eleven twelve fifteen twenty"""))


def _spec_claim(m: re.Match[str], span: Span, text: str, ctx: ArticleContext, subject: str,
                number: int) -> Claim:
    lead = len(span.slice(text)) - len(span.slice(text).lstrip())
    value_end = lead + m.end("value")
    where = Span(start=span.start + lead, end=span.start + value_end)
    label = m.group("label")
    if subject and subject.lower() not in where.slice(text).lower():
        label = label if label.isupper() else label[:1].lower() + label[1:]
        body = f"{subject} {label}: {m.group('value')}"
    else:
        body = where.slice(text)
    claim = Claim(id=f"c{number}", text=body, span=where, spans=[where], sentence=span,
                  rewritten=body != where.slice(text))
    return _with_features(claim, text, ctx, span)


# "Ownership: Nordvik 51%, Halvmark 39%, Fjell 10%": who holds what share, one pair each
_SHARE_PAIR = re.compile(r"(?P<name>[A-Z][\w'’.&-]*(?:\s+[A-Z&][\w'’.&-]*){0,4})\s+"
                         r"(?P<share>\d+(?:[.,]\d+)?\s?(?:%|per\s?cent|percent))")
_SHARE_JOIN = re.compile(r"^(?:\s*,\s*|\s*;\s*|\s*,?\s+and\s+)$")
_OWNERSHIP = frozenset(("ownership", "owners", "owned by", "shareholders", "shareholding",
                        "stakes", "ownership structure"))
# the thing a title ends on: "... commission 240 MW Skarvhøgda wind farm"
_TITLE_THING = re.compile(r"(?P<thing>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*(?:\s+[a-z]+){1,2})"
                          r"\s*[.!]?\s*$")


def _share_claims(m: re.Match[str], span: Span, text: str, ctx: ArticleContext, subject: str,
                  title: str, number: int) -> list[Claim]:
    """A fact-box line listing owners and their shares: one claim per owner ("Nordvik owns
    51% of the Skarv wind farm"), each pointing at its own pair; [] for any other line."""
    if m.group("label").lower() not in _OWNERSHIP:
        return []
    value = m.group("value").rstrip(" .")
    pairs = list(_SHARE_PAIR.finditer(value))
    gaps = [value[a.end() : b.start()] for a, b in itertools.pairwise(pairs)]
    if len(pairs) < 2 or value[: pairs[0].start()].strip() or value[pairs[-1].end() :].strip() \
            or not all(_SHARE_JOIN.match(g) for g in gaps):
        return []
    thing = _TITLE_THING.search(title.strip("# \t"))
    owners = {p.group("name").lower() for p in pairs}
    words = thing.group("thing").split() if thing else []
    while words and words[0].isupper():
        words.pop(0)  # "240 MW Skarv wind farm": a unit is no part of the name
    what = f"the {' '.join(words)}" if len(words) > 1 and words[0][:1].isupper() else subject
    if what.lower().removeprefix("the ") in owners:
        what = ""  # the title names an owner, not what is owned
    start = span.start + len(span.slice(text)) - len(span.slice(text).lstrip()) + m.start("value")
    out = []
    for p in pairs:
        where = Span(start=start + p.start(), end=start + p.end())
        body = f"{p.group('name')} owns {p.group('share')}" + (f" of {what}" if what else "")
        claim = Claim(id=f"c{number + len(out)}", text=body, span=where, spans=[where],
                      sentence=span, rewritten=True)
        out.append(_with_features(claim, text, ctx, span))
    return out


def _covering(spans: list[Span]) -> Span:
    return Span(start=min(s.start for s in spans), end=max(s.end for s in spans))


def _with_features(claim: Claim, text: str, ctx: ArticleContext, sentence: Span | None) -> Claim:
    pieces = claim.spans or [claim.span]
    tense = tense_of(claim.text)
    times, nums, ents = [], [], []
    for p in pieces:
        chunk = p.slice(text)
        t = time_expressions(chunk, offset=p.start, article_date=ctx.date, tense=tense)
        taken = [(x.span.start - p.start, x.span.end - p.start) for x in t]
        times.extend(t)
        nums.extend(numbers(chunk, offset=p.start, taken=taken))
        ents.extend(entities(chunk, offset=p.start, memory=ctx.memory,
                             sentence_start=sentence is None or p.start == sentence.start))
    return claim.model_copy(update={
        "time_expressions": times, "numbers": nums, "entities": ents,
        "negated": facts_of(claim.text).negated,
    })


# ----------------------------------------------------------------------------- extraction

def _article_date(text: str, date: dt.date | str | None) -> dt.date | None:
    if date is not None:
        return parse_date(date)
    if text.startswith("---"):
        from verifier.textio import split_front_matter

        try:
            meta, _ = split_front_matter(text, "article")
        except Exception:
            return None
        return parse_date(meta.get("date") or meta.get("published"))
    return None


def extract_claims(
    text: str, *, start: int = 0, date: dt.date | str | None = None, decompose_claims: bool = True,
) -> Extraction:
    """Split text[start:] into claims and dropped sentences (offsets into `text`).

    `date` is the article's publication date (read from front matter when `text` has one and
    `date` is not given): it resolves "last December", "on Tuesday", "last year". With
    `decompose_claims=False` every claim is one whole sentence, as before decomposition existed.
    A dateline ("MOSCOW, Jan. 5, 2021 (Reuters) - ") is listed as dropped; when it has a year
    and no `date` was given, it dates the article. Pronouns and descriptions ("It", "the
    agency") are resolved to the actor the article named (see verifier.decontext). Markdown
    inline markup is left out of claim texts; spans still point at the article's characters.
    """
    original = text
    text = blank_inline_markup(original)  # same length: every offset stays valid
    ctx = ArticleContext(_article_date(original, date))
    names = _known_names(text, start)
    ctx.memory.known = names
    claims: list[Claim] = []
    dropped: list[DroppedSentence] = []
    seen: dict[str, int] = {}
    last_block = -1  # block of the last claim: short fragments attach within it
    author_before = (-1, -1)  # (block, sentence) last dropped as the author's own experience
    sents = list(sentences(text, start))
    record_after = ""  # id of the last claim made from "This was a record."
    header: list[str] = []  # the cells of the header row of the table being read
    list_lead: str | None = None  # "The survey found": the lead-in of the list being read
    list_lead_aux = False  # the lead-in ends in an auxiliary ("the team will:"): items are verbs
    dateline = _find_dateline(text, sents)
    interview = find_interview(text, sents)
    title_subject = _title_subject(text, sents)  # what a fact box or table row is about
    when: Span | None = None  # an answer that is only a date: the time of the next sentence
    if dateline and ctx.date is None and re.search(r"\d{4}", dateline[1].group("date") or ""):
        ctx.date = parse_date(dateline[1].group("date"))
    for n, sent in enumerate(sents):
        ctx.index = n
        ctx.block = sent.block - sents[0].block
        span = sent.span
        if dateline and dateline[0] == n:
            end = span.start + len(dateline[1].group().rstrip())
            dropped.append(DroppedSentence(text=text[span.start : end],
                                           span=Span(start=span.start, end=end),
                                           reason="dateline"))
            if span.start + dateline[1].end() >= span.end:
                continue
            span = Span(start=span.start + dateline[1].end(), end=span.end)
        sentence = span.slice(text)
        stamp = _TIMESTAMP.match(sentence)
        entry = sentence[stamp.end() :] if stamp else ""
        if stamp and (len(re.findall(r"\w+", entry)) < _MIN_CLAIM_WORDS or (_drop_reason(
                entry, names, bool(time_expressions(entry, article_date=ctx.date))) or ""
                ).startswith("no checkable fact")):
            # "1:00am Tuesday – Last homes reconnected": a short entry with no fact of its own
            # is checkable only at its time, which goes with it
            prefix = sentence[: stamp.end()]
            time = prefix.strip().rstrip(" \t—–-")
            at = Span(start=span.start + len(prefix) - len(prefix.lstrip()),
                      end=span.start + len(prefix.rstrip(" \t—–-")))
            body = Span(start=span.start + stamp.end(), end=span.start + len(sentence.rstrip()))
            if decompose_claims and _EVENT_ENTRY.search(entry) and not _BOILERPLATE.match(entry):
                spans = [at, body]
                claim = Claim(id=f"c{len(claims) + 1}",
                              text=f"{entry.strip().rstrip('.')} at {time}", span=_covering(spans),
                              spans=spans, sentence=span, rewritten=True)
                claims.append(_with_features(claim, text, ctx, span))
                last_block = sent.block
                continue
        if stamp and stamp.end() < len(sentence.rstrip()):
            # "14:05 — Police closed the bridge.": the time files the entry, the entry is the claim
            end = span.start + len(stamp.group().rstrip(" \t—–-").rstrip())
            dropped.append(DroppedSentence(text=text[span.start : end],
                                           span=Span(start=span.start, end=end),
                                           reason="time stamp of a live-blog entry"))
            span = Span(start=span.start + stamp.end(), end=span.end)
            sentence = span.slice(text)
        spec = _spec_line(text, span) if decompose_claims else None
        shares = _share_claims(spec, span, text, ctx, title_subject,
                               sents[0].span.slice(text), len(claims) + 1) if spec else []
        if shares:
            claims.extend(shares)
            last_block = sent.block
            continue
        if spec is not None:
            claim = _spec_claim(spec, span, text, ctx, title_subject, len(claims) + 1)
            claims.append(claim)
            ctx.remember_entities(claim.entities)
            last_block = sent.block
            continue
        if _TABLE_RULE.match(sents[n + 1].span.slice(text) if n + 1 < len(sents) else "") and \
                sentence.lstrip().startswith("|"):
            dropped.append(DroppedSentence(text=sentence, span=span,
                                           reason="table header row, not a claim"))
            header = _cells(sentence)
            ctx.skip(sentence)
            continue
        row = _cells(sentence) if header and sentence.lstrip().startswith("|") else []
        if row and len(row) == len(header) and len(row) > 1 and decompose_claims and \
                any(re.search(r"\d", c) for c in row[1:]):
            # "| Cardiology | 1,020 | +31% |" under "| Division | Sales | Change |": each
            # figure with the heading that says what it is, about the row's first cell
            claim = Claim(id=f"c{len(claims) + 1}",
                          text=_row_text(header, row, title_subject), span=span,
                          spans=[span], sentence=span, rewritten=True)
            claims.append(_with_features(claim, text, ctx, span))
            last_block = sent.block
            continue
        if not sentence.lstrip().startswith("|") and not _TABLE_RULE.match(sentence):
            header = []
        if interview and sent.block in interview.answers and n + 1 < len(sents) and \
                sents[n + 1].block == sent.block and (n == 0 or sents[n - 1].block != sent.block) \
                and _only_a_date(sentence, ctx):
            # "What was your worst day?" - "The 3rd of May 2011. A fire broke out ...": the date
            # answers the question and dates what the next sentence tells
            when = Span(start=span.start, end=span.start + len(sentence.rstrip().rstrip(".")))
            continue
        words = re.findall(r"\w+", sentence)
        has_time = bool(time_expressions(sentence, article_date=ctx.date))
        short = words and len(words) < _MIN_CLAIM_WORDS
        if short and list_lead and len(words) > 1 and _list_item(original, span):
            short = False  # "- hire eight technicians" under "the lab will:": the lead completes it
        if short and len(words) == _MIN_CLAIM_WORDS - 1 and _NOBODY.match(sentence):
            short = False  # "Nobody was injured.": a fact of its own, not the end of the one before
        if short and len(words) == _MIN_CLAIM_WORDS - 1 and re.search(r"\d", sentence) and \
                is_clause(tokenize(sentence)):
            short = False  # "She was 86.": a sentence of its own, not the end of the one before
        if short and not sentence.rstrip().endswith("?") \
                and not _BOILERPLATE.match(sentence) and not _BYLINE.match(sentence):
            if claims and last_block == sent.block:
                # "Congress approved. In 2011." completes the claim before it.
                claims[-1] = _attach(claims[-1], span, text, ctx)
                continue
            dropped.append(DroppedSentence(text=sentence, span=span,
                                           reason="fragment too short to check"))
            ctx.skip(sentence)
            continue
        follow = _RECORD_AFTER.match(sentence)
        if follow and claims and last_block == sent.block and claims[-1].numbers and \
                claims[-1].id != record_after:  # not the figure of a record claim again
            # "The port handled 81 million tonnes last year. This was a record.": the record
            # is that figure's
            claims.append(_record_claim(claims[-1], follow, span, text, ctx, len(claims) + 1))
            record_after = claims[-1].id
            continue
        figure = _FIGURE_AFTER.match(sentence)
        if figure and claims and last_block == sent.block and claims[-1].numbers and \
                claims[-1].id != record_after:
            # "Fares rose from £2 to £3. That is a 50% rise.": the rise is that figure's
            claims.append(_record_claim(claims[-1], figure, span, text, ctx, len(claims) + 1))
            record_after = claims[-1].id
            continue
        credit = _CREDITS_BEFORE.match(sentence)
        before = [i for i, c in enumerate(claims) if n > 0 and c.sentence is not None
                  and c.sentence.start >= sents[n - 1].span.start] if credit else []
        if before:
            # "... will move to a five-day week. This was informed by the Ministry of X.":
            # the ministry is the source of the sentence before, not a claim of its own
            # ("the Ministry of Education of the Republic of X": the ministry speaks)
            source = credit.group("source")
            head, _, tail = source.partition(" of the ")
            if tail and not set(re.findall(r"\w+", tail.lower())) & ORG_HEADS:
                source = head
            name = ctx.resolve_source(source, True)
            where = Span(start=span.start + credit.start("source"),
                         end=span.start + credit.start("source") + len(source))
            unsourced = [i for i in before if claims[i].attributed_to is None]
            for i in unsourced:
                claims[i] = claims[i].model_copy(update={"attributed_to": name,
                                                         "attribution": where})
            ids = ", ".join(claims[i].id for i in unsourced)
            dropped.append(DroppedSentence(
                text=sentence, span=span,
                reason=f"says only who gave the sentence before: {name}"
                       + (f" (set as the source of {ids})" if ids else "")))
            ctx.remember(ctx.read(sentence))
            continue
        item = _list_item(original, span)
        if list_lead and not item:
            list_lead = None  # the list has ended
        if list_lead and item and decompose_claims and (
                _verb_phrase(sentence) if list_lead_aux else not is_clause(tokenize(sentence))):
            # "What the survey found:" then "- a 12% fall in trade": the survey found the fall
            body = sentence.strip().rstrip(".;,")
            claim = Claim(id=f"c{len(claims) + 1}", text=f"{list_lead} {body}", span=span,
                          spans=[span], sentence=span, rewritten=True)
            claims.append(_with_features(claim, text, ctx, span))
            ctx.remember_entities(claims[-1].entities)
            last_block = sent.block
            continue
        wh_lead = _WH_LEAD.match(sentence.strip()) or _INCLUDE_LEAD.match(sentence.strip())
        if wh_lead and _line_of_its_own(text, span) and n + 1 < len(sents) and \
                _list_item(original, sents[n + 1].span):
            # "What the second stage brought:": the lead-in gives the items their subject
            list_lead = _lead_in(wh_lead, ctx)
            list_lead_aux = False
            dropped.append(DroppedSentence(text=sentence, span=span,
                                           reason="introduces the list below, not a claim"))
            ctx.skip(sentence)
            continue
        aux_lead = _AUX_LEAD.match(sentence.strip()) if not wh_lead else None
        if aux_lead and not text[span.end : (text.find("\n", span.end) + 1 or len(text))].strip() \
                and n + 1 < len(sents) and _list_item(original, sents[n + 1].span) and \
                decompose_claims and _verb_phrase(sents[n + 1].span.slice(text)):
            # "So far, the group has:" then "- filed two patents": the group has filed them
            list_lead = _lead_in(aux_lead, ctx)
            list_lead_aux = True
            dropped.append(DroppedSentence(text=sentence, span=span,
                                           reason="introduces the list below, not a claim"))
            ctx.skip(sentence)
            continue
        yes = _YES_NAME.match(sentence) if interview and sent.block in interview.answers \
            else None
        if yes and not is_clause(tokenize(yes.group("np"))):
            prompt = claims[-1] if claims and claims[-1].sentence is not None and \
                any(s.block in interview.prompts and s.span.start <= claims[-1].sentence.start
                    < s.span.end for s in sents[max(0, n - 3) : n]) else None
            if prompt is not None:
                # "You still sing in your first choir." "Yes, the Lindau Singers.": the answer
                # names what the prompt stated
                np = Span(start=span.start + yes.start("np"), end=span.start + yes.end("np"))
                spans = [*prompt.spans, np]
                claims[-1] = _with_features(prompt.model_copy(update={
                    "text": f"{prompt.text.rstrip(' .')}, {np.slice(text)}", "spans": spans,
                    "span": _covering(spans), "rewritten": True}), text, ctx, prompt.sentence)
                dropped.append(DroppedSentence(
                    text=sentence, span=span,
                    reason=f"confirms the prompt before; its name is kept ({prompt.id})"))
            else:
                dropped.append(DroppedSentence(
                    text=sentence, span=span, reason="a bare answer, nothing to check alone"))
            ctx.skip(sentence)
            continue
        asked = _QUESTIONS_TITLE.match(sentence) if n == 0 else None
        # a quote with a figure in it is what the interviewee said, so it stays
        if asked and not re.search(r"\d", sentence[asked.end() :] + (asked["quote"] or "")):
            why = "the interview's title quotes an answer" if asked["quote"] else \
                "the interview's title, no fact in it"
            dropped.append(DroppedSentence(text=sentence, span=span, reason=why))
            ctx.remember(ctx.read(sentence))  # who is interviewed is named here
            continue
        if interview and sent.block == sents[0].block and (
                _QUOTE_TITLE.match(sentence) or _TITLE_QUOTE.match(sentence)) and \
                not re.search(r"\d", sentence):
            # 'Ana Reis: "We wrote the whole album at home"': a title quoting an answer with
            # no figure or date in it (one with a figure is what the interviewee said)
            dropped.append(DroppedSentence(text=sentence, span=span,
                                           reason="the interview's title quotes an answer"))
            ctx.skip(sentence)
            continue
        ctx.speaker = interview.name if interview and sent.block in interview.answers else None
        ctx.addressee = interview.name if interview and sent.block in interview.prompts \
            else None
        ctx.speaker_body = interview.body if ctx.speaker and interview else None
        reason = _drop_reason(sentence, names, has_time)
        if reason is None and _MD_HEADING.match(text, text.rfind("\n", 0, span.start) + 1) and \
                not re.search(r"\d", _YEAR.sub("", sentence)) and len(words) <= _HEADING_WORDS and \
                not is_clause(tokenize(sentence)):
            reason = "a heading without a verb, not a claim"  # "## This year's festival"
        if reason is None and _TEASER.match(sentence.strip()) and _line_of_its_own(text, span) \
                and not re.search(r"\d", sentence) and not is_clause(tokenize(sentence)):
            # "The new mayor on buses, bridges and the tax she cut": a standfirst naming the
            # topics of the piece below, with no verb of its own
            reason = "a teaser naming the topics below, not a claim"
        if interview and reason in ("the author's own experience or opinion",
                                    "addressed to the reader, not a claim"):
            # an interview: "I" is the person interviewed, "you" in a prompt too
            reason = _interview_reason(sentence, interview.name, ctx, names, has_time)
        if reason is None and author_before[0] == sent.block and n - author_before[1] <= 2 \
                and _SAME_THING.match(sentence) and not _SAME_AS.match(sentence):
            reason = "continues the author's own experience"
        if reason and reason.startswith("no checkable fact") and _list_lead(original, span) and \
                is_clause(tokenize(sentence)):
            # "2. **Pensioners get a bigger credit.** The credit doubles ...": the item's own
            # headline, a change the article's title and date place in time
            reason = None
        cited_before = None
        if reason and reason.startswith("no checkable fact") and claims and \
                last_block == sent.block and claims[-1].attributed_to and \
                _PRONOUN_QUOTE.match(sentence):
            # 'She called the plan "a betrayal."' after '..., a spokeswoman for X said.'
            reason, cited_before = None, claims[-1]
        quoted_on = _continued_quote(sentence, claims, sents, n, text) \
            if last_block == sent.block else None
        if quoted_on is not None and (reason is None or (
                reason.startswith("no checkable fact") and (
                    _DENIAL.match(sentence) or _closes_quote(sentence))
                and not _EVALUATIVE.search(sentence) and not _OPINION.search(sentence))):
            # '"We apologise," X said. "This was not a cyberattack."': X's words go on
            reason, cited_before = None, quoted_on
        reading = None
        if reason is None or reason.startswith("no checkable fact"):
            reading = ctx.read(sentence)
            if reason and _references_beyond_quote_source(sentence, reading) and \
                    not _NON_ANSWER.search(sentence):
                reason = None  # "The agency is not short of money ...": the agency is NASA
        if reason and reason.startswith("no checkable fact") and _BODY_CALLS.match(sentence):
            reason = None  # "The ministry urged residents not to travel.": a body's public act
        if reason and reason.startswith("no checkable fact") and _unnamed_report(sentence):
            reason = None  # "Experts have warned that the dam could fail.": said by experts
        if reason and reason.startswith("no checkable fact") and _STUDY_FINDS.search(sentence):
            reason = None  # "Coffee linked to longer life, study finds": what a study found
        if reason and reason.startswith("no checkable fact") and _cites_known_org(sentence, ctx):
            reason = None  # "Both agencies said the project will be open to all countries."
        if reason and reason.startswith("no checkable fact") and reading is not None and \
                _quote_of_body(sentence) and (any(
                    r.referent.kind == "thing" and r.referent.name[:1].isupper()
                    for r in reading.references) or (
                    claims and last_block == sent.block and claims[-1].attributed_to and
                    claims[-1].attributed_to[:1].isupper())):
            # '"The rise is mainly due to X," it said.' after '..., the office said.': "it" is
            # the office the sentence before cites, and what an office states can be checked
            reason = None
            body = next((r.referent.name for r in reading.references
                         if r.referent.kind == "thing" and r.referent.name[:1].isupper()), None)
            if body is None:
                cited_before = claims[-1]
            else:
                cited_before = Claim(id="", text=sentence, span=span, spans=[span],
                                     attributed_to=body)
        if reason and reason.startswith("no checkable fact") and _NOBODY.match(sentence) and \
                claims and last_block == sent.block:
            reason = None  # "A shop exploded on Friday. Nobody was hurt.": hurt in that event
        if reason and reason.startswith("no checkable fact") and _institution_report(sentence):
            reason = None  # "Council leaders say they cannot afford a cap."
        if reason is None and _normal(sentence) in seen:
            reason = f"repeats claim {claims[seen[_normal(sentence)]].id}"
        if reason:
            if reason.startswith(("the author's", "continues the author's")):
                author_before = (sent.block, n)
            asides = _asides(text, span, ctx, reason) if decompose_claims else []
            for c in asides:
                claims.append(c.model_copy(update={"id": f"c{len(claims) + 1}"}))
            if asides:
                kept = ", ".join(c.id for c in claims[-len(asides):])
                reason = f"{reason}; its other parts are kept ({kept})"
                last_block = sent.block
            dropped.append(DroppedSentence(text=sentence, span=span, reason=reason))
            if reason == _FELT:
                # '"I love the sea," Costa said. "We carried 2 million," she added.': the
                # speaker named here is whom the next "she" means
                ctx.remember(reading or ctx.read(sentence))
            else:
                ctx.skip(sentence)
            continue
        seen[_normal(sentence)] = len(claims)
        reading = reading or ctx.read(sentence)
        new = _claims_of_sentence(text, span, ctx, decompose_claims, reading)
        idle_parts = list(_IDLE_PARTS)
        if ctx.speaker:
            idle_parts.append((lambda c: feeling(" ".join(p.slice(text) for p in c.spans)),
                               "the interviewee's opinion or wish"))
        for idle, why in idle_parts:
            gone = [c for c in new if idle(c)] if len(new) > 1 else []
            if gone and len(gone) < len(new):
                new = [c for c in new if c not in gone]
                first = len(claims) + 1
                kept = ", ".join(f"c{i}" for i in range(first, first + len(new)))
                dropped.append(DroppedSentence(
                    text=sentence, span=span,
                    reason=f"{why}, nothing to check; its other parts are kept ({kept})"))
        if cited_before is not None:
            new = [c.model_copy(update={"attributed_to": cited_before.attributed_to,
                                        "attribution": cited_before.attribution})
                   if c.attributed_to is None else c for c in new]
        if quoted_on is not None and cited_before is quoted_on:
            # the quote alone does not say who speaks: the claim does
            mark = "" if not _closes_quote(sentence) else "“" if "”" in sentence else '"'
            new = [c.model_copy(update={"text": f"{quoted_on.attributed_to} said: {mark}{c.text}",
                                        "rewritten": True}) for c in new]
        if ctx.speaker:
            new = [c.model_copy(update={"attributed_to": ctx.speaker}) if c.attributed_to is None
                   and any(r.name.startswith(ctx.speaker) or (
                       ctx.speaker_body and r.name.lower().startswith(ctx.speaker_body.lower()))
                       for r in c.resolved) else c
                   for c in new]
        if when is not None and new:
            new[0] = _dated(new[0], when, text, ctx)
        when = None
        for c in new:
            claims.append(c.model_copy(update={"id": f"c{len(claims) + 1}"}))
        ctx.remember_entities(e for c in new for e in c.entities)
        ctx.remember(reading)
        last_block = sent.block
    if text != original:
        claims, dropped = _without_markup(claims, dropped, original, text)
    if ctx.date:  # a present-tense claim may be outdated by sources published after it
        claims = [c.model_copy(update={"as_of": ctx.date}) for c in claims]
    return Extraction(claims=claims, dropped=dropped)


_ANONYMITY = re.compile(r"\b(?:asked not to be (?:named|identified)|on (?:the )?condition of "
                        r"anonymity|(?:is|was|were|are) not authori[sz]ed to (?:speak|comment))\b",
                        re.IGNORECASE)
# "we could easily add tables", "the food would suffer": what might happen, not what did
_UNREAL = re.compile(r"^(?:[\w'’]+\s+){1,4}?(?:\w+ly\s+)?(?:could|would|might)\s+(?:\w+ly\s+)?"
                     r"(?!be\s+\w+ed\b)\w+", re.IGNORECASE)


def _hypothetical(claim: Claim) -> bool:
    """A part of a split sentence that says only what could or would happen, with no source,
    figure, date or name to check it against."""
    return bool(_UNREAL.match(claim.text)) and claim.attributed_to is None and \
        not any(not n.ordinal for n in claim.numbers) and not claim.time_expressions and not any(
            e.type in ("person", "organisation") for e in claim.entities)


# Parts of a split sentence with nothing to check, dropped when other parts remain (in order):
# "The hall is booked months ahead, so we could add tables, but the food would suffer.": the
# booking is a fact, the rest what might happen; "An official, who asked not to be named
# because ..., said ...": why the source is unnamed; "The cause of the crash, which killed 12
# people, is not yet known.": the aside is a fact, the rest states an uncertainty.
_IDLE_PARTS = (
    (_hypothetical, "says what could happen"),
    (lambda c: bool(_ANONYMITY.search(c.text)), "says why a source is not named"),
    (lambda c: bool(_UNCERTAIN.search(c.text)), "states an uncertainty"),
    (lambda c: bool(_NON_ANSWER.search(c.text)) and not re.search(r"\d", c.text),
     "a source's non-answer"),
    (lambda c: bool(_GENERALITY.search(c.text)) and not re.search(r"\d", c.text),
     "states a generalisation"),
    (lambda c: _verdict(c.text), "a verdict on the part before"),
)


# "..., and that is partly true.", "..., so this is still a very narrow recovery": "this" /
# "that" judges the clause before it; with no figure, name or ranking there is nothing to check
_VERDICT = re.compile(r"^\W*(?:(?:and|but|so)\s+)?(?:this|that)\s+(?:is|was)\b"
                      r"(?P<rest>[^\d]*)$", re.IGNORECASE)
_RANKING = re.compile(r"\b(?:record|first|second|third|\w+th|last|only|most|least|more|less"
                      r"|\w+est)\b", re.IGNORECASE)


def _verdict(text: str) -> bool:
    m = _VERDICT.match(text.strip())
    if not m:
        return False
    rest = m.group("rest")
    return len(rest.split()) <= 7 and not re.search(r"\b[A-Z]", rest) and \
        not _RANKING.search(rest)


def _interview_reason(sentence: str, name: str, ctx: ArticleContext, names: set[str],
                      has_time: bool) -> str | None:
    """Why a first-person answer ("I was born in Braga") or a "You ..." prompt of an interview
    is dropped, judged with the interviewee's name in place of "I" / "you"."""
    if ctx.speaker and feeling(_QUOTED.sub(" ", sentence)):
        # "We planned 71 minutes, I went through in 70:40, so I knew it was possible": only the
        # part that says what the speaker knew is dropped (see _feeling_parts)
        others = [p.text for p in decompose(sentence).parts if not feeling(p.text)]
        if not others or all(_drop_reason(speak_as(p, name), names | set(name.lower().split()),
                                          has_time) for p in others):
            return "the interviewee's opinion or wish, nothing to check"
        return None
    if ctx.speaker and _FIRST_PERSON.search(_QUOTED.sub(" ", sentence)):
        named = speak_as(sentence, name)
    elif ctx.addressee and _SECOND_PERSON.match(sentence):
        if portrait(sentence) or _EVALUATIVE.search(sentence):
            return "the interviewer's characterisation, nothing to check"
        named = speak_as(sentence, name, second_person=True)
    else:
        return _drop_reason(sentence, names, has_time)
    return _drop_reason(named, names | {w.lower() for w in name.split()}, has_time)


_MD_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")
# "Verdict: the best battery we have tested", "Bottom line: ...": the review's judgement
_REVIEW_VERDICT = re.compile(r"^\W*(?:(?:our|the) )?(?:verdict|bottom line|pros|cons|the good"
                             r"|the bad|should you buy it)\s*[:—–-]\s*\S", re.IGNORECASE)
# "Norrin Aero 5 review: a long-lasting phone with one big catch": a verbless judgement
_REVIEW_TITLE = re.compile(r"^.{1,80}?\b(?:review|hands-on|first look)\s*:\s+(?P<rest>.+)$",
                           re.IGNORECASE)
# "If battery life matters most to you, probably yes.": the answer, not a fact
_BARE_ANSWER = re.compile(r"^(?:if|for|when)\b[^.]{0,120}\byou(?:r)?\b[^.]*,\s*(?:(?:probably|"
                          r"definitely|almost certainly|maybe|perhaps)\s+)?(?:yes|no|not)\s*[.!]?"
                          r"\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # "## Coming up in 2024": a year alone states nothing
_HEADING_WORDS = 5  # "## This year's festival"; a longer heading may use a verb we lack


# A sentence dropped for one of these may still hold a fact in an aside: "Whether the nurses,
# who joined the strike at Kelby General, will accept the offer is not yet clear."
_ASIDE_REASONS = ("states an uncertainty", "opinion without a checkable fact",
                  "a judgement of 'this'", "reads a motive into the figures",
                  "a generalisation", "a speaker's promise or opinion")


def _asides(text: str, span: Span, ctx: ArticleContext, reason: str) -> list[Claim]:
    """Claims from the relative clauses and appositives of a dropped sentence that state a
    checkable fact of their own (the rest of the sentence stays dropped)."""
    if not reason.startswith(_ASIDE_REASONS):
        return []
    sentence = span.slice(text)
    kinds = {p.kind for p in decompose(sentence).parts}
    if not kinds & {"relative", "appositive"}:
        return []
    out = []
    for claim in _claims_of_sentence(text, span, ctx, True, ctx.read(sentence),
                                     only=("relative", "appositive")):
        part = claim.text
        times = bool(time_expressions(part, article_date=ctx.date))
        why = _drop_reason(part, ctx.memory.known, times)
        if why is None and not _UNCERTAIN.search(part) and not _OPINION.search(part):
            out.append(claim)
    return out


# "The department called on citizens not to ...", "The council urged residents to ...": an
# appeal an institution made is a public act a reader can check, though it names no one
_BODY_CALLS = re.compile(
    r"^\W*the\s+(?:[a-z-]+\s+){0,3}?(?:ministry|department|agency|office|council|government"
    r"|administration|authority|authorities|police|municipality|inspectorate|service|chamber)\s+"
    r"(?:also\s+)?(?:called(?:\s+on)?|calls(?:\s+on)?|urged|urges|appealed\s+to|appeals\s+to"
    r"|asked|asks|advised|advises)\s+(?:the\s+|all\s+)?(?:citizens|residents|people|the public"
    r"|public|drivers|parents|patients|visitors|customers|consumers|farmers|motorists|travellers"
    r"|travelers|tourists|households)\b", re.IGNORECASE)


def _references_beyond_quote_source(sentence: str, reading: SentenceReading) -> bool:
    """Does the sentence refer back to someone outside the speaker of a direct quote? Knowing
    who "she" is in '"Nobody wins from a long strike," she told reporters.' gives the quote
    nothing to check."""
    if not reading.references:
        return False
    if not _QUOTED.search(sentence):
        return True
    d = decompose(sentence, split=False)
    if not d.source_span:
        # a quote the rules cannot parse as a clause: only "she told reporters" outside it
        outside = re.findall(r"\w+", _QUOTED.sub(" ", sentence))
        return not (len(outside) <= 5 and _SAID.search(" ".join(outside)))
    s0, s1 = d.source_span
    return any(not (s0 <= r.start and r.end <= s1) for r in reading.references)


def _quote_of_body(sentence: str) -> bool:
    """Is the sentence a plain statement quoted from something called "it" ('"The gain is
    mainly due to lower prices," it said.')? "It" speaks for an organisation; a quoted opinion
    or feeling (_OPINION, _EVALUATIVE) is still nothing to check."""
    if not _QUOTED.search(sentence) or _OPINION.search(sentence) or _EVALUATIVE.search(sentence):
        return False
    d = decompose(sentence, split=False)
    return bool(d.source) and d.source.lower() == "it"


def _continued_quote(sentence: str, claims: list[Claim], sents: list, n: int, text: str
                     ) -> Claim | None:
    """The claim whose quoted source goes on speaking in `sentence`, a quote standing alone
    right after it ('"We apologise," X said. "This was not a cyberattack."'), else None."""
    body = sentence.strip()
    if not claims or n == 0:
        return None
    if not (body.startswith(("“", '"')) and body.rstrip(".!").endswith(("”", '"'))
            and len(_QUOTED.findall(body)) == 1) and not _closes_quote(body):
        return None
    last = claims[-1]
    if not last.attributed_to or last.sentence is None or \
            last.sentence.start < sents[n - 1].span.start or unnamed_source(last.attributed_to):
        return None
    if _closes_quote(body):
        return last if last.sentence.start >= sents[n - 1].span.start and _opens_quote(
            sents[n - 1].span.slice(text)) else None
    return last if _QUOTED.search(last.text) else None  # the source was quoted, not reported


def _opens_quote(sentence: str) -> bool:
    """'X told journalists: "The elevators are ready.': a quotation left open."""
    return sentence.count('"') % 2 == 1 or sentence.count("“") > sentence.count("”")


def _closes_quote(sentence: str) -> bool:
    """'The rest the farmers will keep in their barns."': the end of a quotation opened in the
    sentence before."""
    body = sentence.strip()
    return body.rstrip(".!").endswith(("”", '"')) and not body.startswith(("“", '"')) and (
        body.count('"') == 1 or (body.count("”") == 1 and "“" not in body))


def _institution_report(sentence: str) -> bool:
    """'Council leaders say they cannot afford a cap.': people speaking for an institution
    the sentence names by its common noun; what they say is the institution's position."""
    d = decompose(sentence, split=False)
    if not (d.source and d.frame):
        return False
    words = d.source.lower().split()
    # "..., the coastguard added.": the article's one coastguard, a source it can name
    definite = len(words) in (2, 3) and words[0] == "the" and words[-1] in _INSTITUTIONS
    if not words or not (definite or (d.frame == "prefix" and
                                      any(w in _INSTITUTIONS for w in words[:-1]))):
        return False
    content = sentence[d.content_start :] if d.frame == "prefix" else sentence
    return not _EVALUATIVE.search(content) and not _OPINION.search(content) and \
        not _FIRST_PERSON.search(content)


def _unnamed_report(sentence: str) -> bool:
    """'Officials said ...', 'According to a source close to the talks, ...': kept, attributed
    to the unnamed source as written, when what they said is about something ('the dam could
    fail'), not about themselves or a judgement ('they were never told', 'great convenience')."""
    d = decompose(sentence, split=False)
    if not (d.source and d.frame and unnamed_source(d.source)):
        return False
    content = sentence[d.content_start :] if d.frame == "prefix" else sentence
    first = re.findall(r"[\w']+", content.lower())[:1]
    return not (first and first[0] in _VAGUE_SUBJECTS) and not _EVALUATIVE.search(content)


def _without_markup(claims: list[Claim], dropped: list[DroppedSentence], original: str,
                    plain: str) -> tuple[list[Claim], list[DroppedSentence]]:
    """Spans widened over the markup around them; texts as written (dropped) or cleaned."""

    def wider(span: Span) -> Span:
        s, e = span.start, span.end
        while s > 0 and original[s - 1] != plain[s - 1]:
            s -= 1
        while e < len(original) and original[e] != plain[e]:
            e += 1
        return Span(start=s, end=e)

    out = []
    for c in claims:
        update: dict[str, Any] = {}
        if c.sentence is not None:
            update["sentence"] = wider(c.sentence)
        if any(p.slice(original) != p.slice(plain) for p in c.spans or [c.span]):
            text = re.sub(r"\s+", " ", c.text).strip()
            update["text"] = re.sub(r"\s+([,.;:!?%)\]”’])", r"\1", text)
            update["rewritten"] = True
        out.append(c.model_copy(update=update))
    spans = [wider(d.span) for d in dropped]
    return out, [DroppedSentence(text=s.slice(original), span=s, reason=d.reason)
                 for d, s in zip(dropped, spans, strict=True)]


def _cites_known_org(sentence: str, ctx: ArticleContext) -> bool:
    """Does the sentence report what an organisation the article already named said?"""
    if not any(a.org for a in ctx.actors):
        return False
    d = decompose(sentence, split=False)
    if not d.source:
        return False
    head = d.source.split()[-1].lower()
    head = head[:-3] + "y" if head.endswith("ies") else head.removesuffix("s")
    return head in ORG_HEADS


_LIST_MARK = re.compile(r"[ \t]*(?:\d{1,2}[.)]|[-*•+])[ \t]+")


# "What the survey found:", "What the new rules change:": a noun phrase and its verb over a list
_WH_LEAD = re.compile(r"^\W*what\s+(?P<np>(?:the|a|an|its|their|this|these|[A-Z][\w'’-]*)\b"
                      r"[^:;,.!?]{0,60}?)\s+(?P<verb>[a-z]{3,}(?:ed|s)|brought|built|won|made"
                      r"|found|got|gave|did|saw|means|offers)\s*:\s*$", re.IGNORECASE)


# "Features of the new station include:": the items below are what the subject includes
_INCLUDE_LEAD = re.compile(r"^\W*(?P<np>(?:the|its|their|[A-Z][\w'’-]*)\b[^:;,.!?]{0,60}?)\s+"
                           r"(?P<verb>include[sd]?)\s*:\s*$")


# "Over the six years, the team will:", "So far, the lab has:": a subject and its auxiliary over
# a list of verb phrases, each item the rest of one claim ("the team will" + "- build a plant")
_AUX_LEAD = re.compile(r"^\W*(?:(?P<front>[^:;,.!?]{2,40}),\s+)?(?P<np>(?:the|its|their|our|this"
                       r"|[A-Z][\w'’-]*)\b[^:;,.!?]{0,50}?)\s+(?P<verb>(?:will|would|has|have|had"
                       r"|can|could|must|should|plans? to|aims? to|intends? to)(?:\s+also)?)"
                       r"\s*:\s*$", re.IGNORECASE)


def _lead_in(m: re.Match[str], ctx: ArticleContext) -> str:
    """What a list lead-in gives each item: its noun phrase, references resolved, and its verb
    ("What the second stage brought:" -> "The second stage brought")."""
    np = m.group("np")
    np_text = substitute(np, [(0, len(np))], 0, np, ctx.read(np).references)[0]
    return f"{np_text[:1].upper()}{np_text[1:]} {m.group('verb')}"


def _verb_phrase(item: str) -> bool:
    """Does a list item open with a verb, with no subject of its own ("build a new depot",
    "filed two patents")? Its subject is then the lead-in's."""
    first = re.match(r"\W*([A-Za-z]+)", item)
    return bool(first) and first.group(1).islower() and first.group(1) not in DETS and \
        first.group(1) not in PRONOUNS and first.group(1) not in _NOT_VERB_OPENERS


# an item opening with one of these is a noun or prepositional phrase, not a verb phrase
_NOT_VERB_OPENERS = frozenset(_wordlist("""in on at by for from with without under over of to
    into about up down after before during since until and or but more less some all most many
    few new one two three four five six seven eight nine ten"""))


# "Yes, the Lindau Singers.": an answer that only names what the prompt asked about or stated
_YES_NAME = re.compile(r"^\W*(?:yes|yeah|yep|exactly|right|indeed|correct)\s*[,:;—–-]\s*"
                       r"(?P<np>[^.!?;:]{1,80}?)\s*[.!]?\s*$", re.IGNORECASE)


_QUOTE_TITLE = re.compile(r"^\W*[^:\"“”]{2,60}:\s*[\"“‘'][^\"“”]+[\"”’']\W*$")
# '"We never gave up": a conversation with Ana Reis': the quote first, then who is asked
_TITLE_QUOTE = re.compile(r"^\W*[\"“‘'][^\"“”]+[\"”’'],?\s*[:–—-]\s*[^:\"“”]{2,80}$")
# "Six questions for Mattias Brenn, chef of Sillhuset", "10 questions with ...": the format
# of the piece, not a fact, also after a quote from the answers ('"We never gave up": five
# questions for ...'), which the title only repeats
_QUESTIONS_TITLE = re.compile(r"^\W*(?P<quote>[\"“‘'][^\"“”]+[\"”’'],?\s*[:–—-]\s*)?"
                              r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten"
                              r"|eleven|twelve|twenty|a\s+few)\s+(?:quick\s+)?questions\s+"
                              r"(?:for|to|with)\s+[A-Z]", re.IGNORECASE)


def _cells(row: str) -> list[str]:
    """The cells of a Markdown table row ("| a | b |" -> ["a", "b"])."""
    return [c.strip() for c in row.strip().strip("|").split("|")]


def _list_item(original: str, span: Span) -> bool:
    """Does the sentence open a list item ("- 40 new buses", "2. a new depot")?"""
    line_start = original.rfind("\n", 0, span.start) + 1
    return bool(_LIST_MARK.fullmatch(original, line_start, span.start))


def _line_of_its_own(text: str, span: Span) -> bool:
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    return not text[line_start : span.start].strip() and not text[span.end : line_end].strip()


def _list_lead(original: str, span: Span) -> bool:
    """Is the sentence the bold lead of a list item ("3. **Fares go up.** ..."), a full
    sentence the item then explains?"""
    line_start = original.rfind("\n", 0, span.start) + 1
    # the span may or may not include the bold markers yet (it is widened to them at the end)
    lo, hi = span.start, span.end
    if original[lo - 2 : lo] in ("**", "__"):
        lo -= 2
    if original[hi : hi + 2] in ("**", "__"):
        hi += 2
    words = original[lo:hi].strip()
    return bool(_LIST_MARK.fullmatch(original, line_start, lo)) and \
        words.startswith(("**", "__")) and words.endswith(("**", "__"))


def extract_article(article: Article, **kwargs: Any) -> Extraction:
    """Claims of an `Article` from `verifier.article.read_article` (uses its body and date)."""
    kwargs.setdefault("date", article.date)
    return extract_claims(article.text, start=article.body_start, **kwargs)


_COUNT_OF_US = re.compile(r"\b[Tt]here (?:were|are) (?P<count>[\w-]+) of us\b")


def _claims_of_sentence(text: str, span: Span, ctx: ArticleContext, split: bool,
                        reading: SentenceReading, only: tuple[str, ...] | None = None
                        ) -> list[Claim]:
    """The claims of one kept sentence (`only`: just the parts of those kinds)."""
    sentence = span.slice(text)
    d = decompose(sentence, split=split)
    attributed_to = None
    attribution = None
    if d.source and d.source_span:
        # "It said ...": the source is whom "It" stands for
        named = next((r for r in reading.references
                      if (r.start, r.end) == d.source_span and r.referent.kind != "group"), None)
        if named is None:
            # "The minister in her speech said ...": the reference opens the source and only
            # a phrase of place or occasion follows it
            s0, s1 = d.source_span
            named = next((r for r in reading.references if r.start == s0 and r.end < s1
                          and r.referent.kind != "group" and not r.possessive
                          and _OCCASION.match(sentence[r.end : s1])), None)
        if named:
            attributed_to = ctx.named_source(named, d.source, d.statement)
        elif d.source.lower() not in ("he", "she", "it", "they"):
            attributed_to = ctx.resolve_source(d.source, d.statement)
        if attributed_to:
            attribution = Span(start=span.start + d.source_span[0],
                               end=span.start + d.source_span[1])
    out = []
    for part in d.parts:
        if only is not None and part.kind not in only:
            continue
        pieces = [Span(start=span.start + s, end=span.start + e) for s, e in part.pieces]
        covering = _covering(pieces)
        claim_text, used = substitute(part.text, [(p.start, p.end) for p in pieces], span.start,
                                      sentence, reading.references)
        rewritten = part.rewritten or bool(used)
        count = _COUNT_OF_US.search(claim_text) if ctx.speaker and part.rewritten else None
        if count:
            # "There are 14 of us in the kitchen and nine front of house": the second count,
            # rebuilt from its words, is the staff of the body too
            claim_text = claim_text[: count.start()] + team_words(
                ctx.speaker, count, ctx.speaker_body) + claim_text[count.end() :]
        resolved = [ResolvedReference(text=r.text, span=Span(start=span.start + r.start,
                                                             end=span.start + r.end), name=name)
                    for r, name in used]
        if not rewritten and claim_text != covering.slice(text):  # pragma: no cover - guard
            claim_text = covering.slice(text)
        cited = part.attributed
        claim = Claim(id="c0", text=claim_text, span=covering, spans=pieces, sentence=span,
                      rewritten=rewritten, attributed_to=attributed_to if cited else None,
                      attribution=attribution if cited else None, resolved=resolved)
        out.append(_with_features(claim, text, ctx, span))
    return out


# "This was a record.", "It is an all-time high for the index.", "That was the highest since
# 1990.": a judgement of the figure just given, checkable only together with it
# ("It is the first strike since 2008" is about a thing: "it" only with a record)
_RECORD_NOUN = (r"(?:record\s+)?(?:record|high|low|peak)(?=\s*$|\s*[.!,;]|\s+(?:for|since|in|of"
                r"|on|at)\b)")  # "a record", "an all-time high for ..." (not "a high share")
_RECORD_AFTER = re.compile(r"^(?:(?:This|That)\s+(?:was|is|marks|marked|set)\s+(?=(?:a|an|the|its"
                           r"|their)\s+"
                           rf"(?:new\s+|all-time\s+)?(?:{_RECORD_NOUN}|\w+est\b|first\b|only\b"
                           r"|most\b|least\b))|It\s+(?:was|is)\s+(?=(?:a|an)\s+(?:new\s+|all-time\s+)?"
                           rf"{_RECORD_NOUN}))(?P<what>[^.!?;:]{{1,70}}?)[.!]?\s*$")


def _record_claim(before: Claim, m: re.Match[str], span: Span, text: str, ctx: ArticleContext,
                  number: int) -> Claim:
    what = Span(start=span.start + m.start("what"), end=span.start + m.end("what"))
    spans = [*(before.spans or [before.span]), what]
    both = Span(start=min(before.sentence.start if before.sentence else span.start,
                          before.span.start), end=span.end)  # the two sentences it comes from
    claim = Claim(id=f"c{number}", text=f"{before.text.rstrip(' .;,')}, {what.slice(text)}",
                  span=_covering(spans), spans=spans, sentence=both, rewritten=True,
                  attributed_to=before.attributed_to, attribution=before.attribution,
                  resolved=before.resolved)
    return _with_features(claim, text, ctx, span)


def _row_text(header: list[str], row: list[str], subject: str | None) -> str:
    """"Cardiology (Halden Health): sales 1,020, change +31%": a table row's figures, each with
    the heading that says what it is, about the row's first cell."""
    pairs = ", ".join(f"{h[:1].lower() if h[1:2].islower() else h[:1]}{h[1:]} {c}"
                      for h, c in zip(header[1:], row[1:], strict=True))
    about = f"{row[0]} ({subject})" if subject else row[0]
    return f"{about}: {pairs}"


def _only_a_date(sentence: str, ctx: ArticleContext) -> bool:
    """"The 9th of March 2018.", "In May 2011.": a day, month or year and nothing else."""
    times = time_expressions(sentence, article_date=ctx.date)
    rest = sentence
    for t in sorted(times, key=lambda t: t.span.start, reverse=True):
        rest = rest[: t.span.start] + rest[t.span.end :]
    # ("the 9th of" before a month is the day, which the date reader leaves out)
    return bool(times) and re.fullmatch(r"\W*(?:(?:the|on|in|it\s+was|that\s+was"
                                        r"|[0-3]?\d(?:st|nd|rd|th)?\s+of)\W+)*",
                                        rest, re.IGNORECASE) is not None


_LOWER_FIRST = frozenset({"The", "A", "An", "It", "There", "This", "That"})


def _dated(claim: Claim, when: Span, text: str, ctx: ArticleContext) -> Claim:
    """`claim` with the date answered just before it in front: "On the 3rd of May 2011, a fire
    broke out"."""
    date = when.slice(text).strip()
    if not re.match(r"(?i)(?:on|in|at)\s", date):
        date = ("On " + date[0].lower() + date[1:]) if date.split()[0] == "The" else \
            ("In " if re.fullmatch(r"\d{4}|[A-Z][a-z]+\s+\d{4}", date) else "On ") + date
    body = claim.text
    first = body.split()[0] if body.split() else ""
    if first in _LOWER_FIRST:
        body = body[0].lower() + body[1:]
    spans = [when, *claim.spans]
    update = {"text": f"{date}, {body}", "spans": spans, "span": _covering(spans),
              "rewritten": True}
    return _with_features(claim.model_copy(update=update), text, ctx, claim.sentence)


def _attach(claim: Claim, fragment: Span, text: str, ctx: ArticleContext) -> Claim:
    if not claim.rewritten and len(claim.spans) <= 1:
        merged = Span(start=claim.span.start, end=fragment.end)
        update = {"span": merged, "spans": [merged], "text": merged.slice(text)}
    else:
        spans = [*claim.spans, fragment]
        update = {"span": _covering(spans), "spans": spans,
                  "text": f"{claim.text.rstrip()} {fragment.slice(text)}", "rewritten": True}
    if claim.sentence is not None:
        update["sentence"] = Span(start=claim.sentence.start, end=fragment.end)
    return _with_features(claim.model_copy(update=update), text, ctx, claim.sentence)


# ----------------------------------------------------------------------------- LLM extractor

_LLM_INSTRUCTIONS = """You extract check-worthy factual claims from a news article for
fact-checkers.
A claim is one atomic, verifiable statement: an event, a number, a date, what a named actor did
or said. Split compound sentences into separate claims. Skip opinions, questions, boilerplate.
Answer with JSON only, no prose:
{"claims": [{"claim": "<the claim as a stand-alone sentence>",
             "quote": "<the exact words of the article it comes from>"}]}"""


class LLMClaimExtractor:
    """Claims proposed by a chat LLM, each located in the article; unlocated ones are dropped.

        >>> from haystack_integrations.components.generators.ollama import (  # doctest: +SKIP
        ...     OllamaChatGenerator)
        >>> extractor = LLMClaimExtractor(OllamaChatGenerator(model="llama3.1"))  # doctest: +SKIP
        >>> extraction = extractor.run(article_text)  # doctest: +SKIP

    `generator` is any object with `run(messages=[ChatMessage, ...]) -> {"replies": [...]}`
    (every Haystack chat generator). The model is asked for JSON claims with the article words
    each comes from; a claim is kept only if those words (or, failing that, the claim itself)
    can be found in the article: exactly, ignoring whitespace, or by fuzzy matching within one
    sentence (`min_similarity`). The claim text is the model's wording (`rewritten`), its spans
    the article words. Sentences no claim comes from are listed as dropped, so nothing is lost.
    """

    def __init__(self, generator: Any, *, min_similarity: float = 0.6,
                 max_chars: int = 60000) -> None:
        if not hasattr(generator, "run"):
            msg = "generator must have a run(messages=...) method (a Haystack chat generator)"
            raise TypeError(msg)
        if not 0.0 < min_similarity <= 1.0:
            msg = f"min_similarity must be in (0, 1], got {min_similarity}"
            raise ValueError(msg)
        self.generator = generator
        self.min_similarity = min_similarity
        self.max_chars = max_chars

    def run(self, text: str, *, start: int = 0, date: dt.date | str | None = None) -> Extraction:
        from haystack.dataclasses import ChatMessage

        body = text[start : start + self.max_chars]
        messages = [ChatMessage.from_system(_LLM_INSTRUCTIONS),
                    ChatMessage.from_user(f"Article:\n\n{body}")]
        result = self.generator.run(messages=messages)
        replies = result.get("replies", []) if isinstance(result, dict) else []
        reply = ""
        for r in replies:
            reply += (getattr(r, "text", None) or (r if isinstance(r, str) else "") or "")
        items = _parse_llm_claims(reply)
        ctx = ArticleContext(_article_date(text, date))
        ctx.memory.known = _known_names(text, start)
        sents = list(sentences(text, start, start + len(body)))
        located: list[tuple[Span, list[Span], str]] = []
        dropped: list[DroppedSentence] = []
        for item in items:
            claim_text, quote = item
            spans = _locate(text, start, start + len(body), quote, sents, self.min_similarity)
            if spans is None and quote != claim_text:
                spans = _locate(text, start, start + len(body), claim_text, sents,
                                self.min_similarity)
            if spans is None:
                dropped.append(DroppedSentence(
                    text=claim_text, span=Span(start=start, end=start),
                    reason="LLM claim not found in the article (not grounded in its words)"))
                continue
            located.append((_covering(spans), spans, claim_text))
        located.sort(key=lambda x: (x[0].start, x[0].end))
        claims = []
        for covering, spans, claim_text in located:
            sentence = next((s.span for s in sents if s.span.start <= covering.start
                             < s.span.end), None)
            claim = Claim(id=f"c{len(claims) + 1}", text=claim_text, span=covering, spans=spans,
                          sentence=sentence, rewritten=claim_text != covering.slice(text))
            claim = _with_features(claim, text, ctx, sentence)
            ctx.remember_entities(claim.entities)
            claims.append(claim)
        for s in sents:
            if not any(c.span.start < s.span.end and s.span.start < c.span.end for c in claims):
                dropped.append(DroppedSentence(text=s.span.slice(text), span=s.span,
                                               reason="the LLM extracted no claim from it"))
        dropped.sort(key=lambda d: d.span.start)
        return Extraction(claims=claims, dropped=dropped)

    __call__ = run


def _parse_llm_claims(reply: str) -> list[tuple[str, str]]:
    """[(claim, quote)] from a reply holding JSON (fenced or not); [] if none can be read."""
    cleaned = re.sub(r"```(?:json)?", "", reply)
    data: Any = None
    for opener, closer in (("{", "}"), ("[", "]")):
        s, e = cleaned.find(opener), cleaned.rfind(closer)
        if s != -1 and e > s:
            try:
                data = json.loads(cleaned[s : e + 1])
                break
            except ValueError:
                continue
    if isinstance(data, dict):
        data = data.get("claims", [])
    out = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, str):
            claim, quote = item, item
        elif isinstance(item, dict):
            claim = str(item.get("claim") or item.get("text") or "").strip()
            quote = str(item.get("quote") or item.get("source") or item.get("span") or claim)
        else:
            continue
        if claim:
            out.append((claim, quote.strip() or claim))
    return out


def _locate(text: str, lo: int, hi: int, quote: str, sents: Iterable,
            min_similarity: float) -> list[Span] | None:
    quote = quote.strip().strip('"“”')
    if not quote:
        return None
    i = text.find(quote, lo, hi)
    if i != -1:
        return [Span(start=i, end=i + len(quote))]
    words = quote.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    m = pattern.search(text, lo, hi)
    if m:
        return [Span(start=m.start(), end=m.end())]
    qtok = [w for w in re.findall(r"\w+", quote.lower()) if w not in STOPWORDS]
    if not qtok:
        return None
    best, best_score = None, 0.0
    for s in sents:
        stoks = set(re.findall(r"\w+", s.span.slice(text).lower()))
        score = sum(1 for w in qtok if w in stoks) / len(qtok)
        if score > best_score:
            best, best_score = s.span, score
    if best is None or best_score < min_similarity:
        return None
    sent = best.slice(text)
    matcher = SequenceMatcher(None, sent.lower(), quote.lower(), autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 4]
    if not blocks:
        return [best]
    s0 = best.start + blocks[0].a
    e0 = best.start + blocks[-1].a + blocks[-1].size
    # widen to word boundaries
    while s0 > best.start and text[s0 - 1].isalnum():
        s0 -= 1
    while e0 < best.end and text[e0].isalnum():
        e0 += 1
    return [Span(start=s0, end=e0)]
