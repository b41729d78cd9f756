"""Assemble the extraction stages: Article -> EventMention[].

Order of work for one article:

1. split sentences cheaply (``sentences``) and keep those with an event
   trigger (``detect``) — the fast path; everything else is never parsed;
2. split a kept sentence into clauses when it reports two dated events;
3. type each clause (``classify``), drop non-events and background;
4. for each event: date (``when``), place (``where``), actors (``actors``),
   figures (``numbers``), modality (``modality``), each with its span.

Offsets in every :class:`Span` are offsets into ``article.text``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventcoder import taxonomy
from eventcoder.extract import actors as actors_stage
from eventcoder.extract import detect, modality, numbers, when
from eventcoder.extract.classify import Classifier
from eventcoder.extract.eventness import EventnessModel
from eventcoder.extract.sentences import Sentence, split_sentences
from eventcoder.extract.where import PlaceFinder
from eventcoder.model import Article, EventMention, Place, Span

# "at least 199 such incidents in three months", "more than 300 attacks this year": tallies, not events.
AGGREGATE = re.compile(
    r"\b(?:at\s+least|more\s+than|over|some|nearly|a\s+total\s+of)?\s*[\d,]+\s+(?:such\s+|similar\s+|separate\s+|violent\s+|security\s+)?"
    r"(?:incidents|attacks|cases|events|killings|clashes|protests|violations|abuses)\b.{0,60}?\b(?:in|over|during|since|between|this|last|per)\b",
    re.I,
)
# Sentences of commentary or history rather than reporting of one event.
BACKGROUND = re.compile(
    r"^(?:(?:it|this|that)\s+(?:says|shows|provides|documents)\b|a\s+recent\b.{0,40}\breport\b)"
    # present perfect + "since": a running tally or a state of affairs, not one event
    r"|\b(?:has|have)\s+(?:been\s+|also\s+|now\s+)?(?:\w+\s+){0,2}?\w+(?:ed|en|wn|ne|ld|ht|pt|ft)\b.{0,160}\bsince\b(?!\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last\s+night|dawn|morning))"
    r"|\b(?:has|have)\s+(?:\w+\s+){0,2}?(?:killed|displaced|claimed\s+the\s+lives\s+of|left)\s+(?:more\s+than|over|at\s+least|some|about|nearly|almost)?\s*\d{1,3}(?:,\d{3})+"
    r"|\bsince\s+(?:the\s+)?(?:conflict|insurgency|war|fighting|crisis|violence|start|beginning)\b.{0,80}\b(?:has|have)\b"
    # habitual / generic
    r"|\b(?:repeatedly|routinely|frequently|regularly|often|usually|increasingly)\b"
    r"|\bis\s+(?:occupied|closely\s+associated)\b",
    re.I,
)
DATELINE = re.compile(r"\s*(?:,\s*[A-Z][\w .'’-]{1,40})?\s*(?:\([^)]{1,40}\))?\s*[-—–]\s")
CONTINUES = re.compile(r"^(?:But|And|Yet|However|They|Their|Them|It|Its|He|She|This|These|Those|There|Then|Instead)\b")


CLAUSE_SPLIT = re.compile(r",\s+(?:after|which|while|before)\s+|\s+following\s+(?=the\s+(?:killing|killings|attack|massacre|deaths?|abduction)\b)|;\s+|\s+after\s+(?=[a-z ]{0,40}(?:demonstrated|marched|protested|killed|clashed))", re.I)
MIN_CONFIDENCE = 0.25  # typing confidence below which a clause is dropped...
OTHER_MIN = 0.3  # a weaker "Other" gives way to the runner-up type (see Classifier.predict)
SURE_EVENT = 0.95  # ...unless the eventness model is at least this sure it reports an event
PROTEST_WORDS = re.compile(r"\b(?:protest|demonstrat|march|rally|rallies|strike|sit-in|boycott|picket|vigil|riot|crowd|marcher)", re.I)
ATTRIBUTION_WORDS = re.compile(r"\b(?:claim|responsib|blam|accus|attribut|behind\s+the)", re.I)
_FORCES = r"(?:soldiers|troops|servicemen|policemen|police\s+officers|officers|gendarmes|militiamen|fighters)"
SECURITY_VICTIMS = re.compile(
    r"\b(?:killing|killings|deaths?|murder)\s+of\s+(?:at\s+least\s+)?(?:[\w-]+\s+){0,2}?" + _FORCES + r"\b"
    r"|\b(?:killed|killing)\s+(?:at\s+least\s+)?(?:[\w-]+\s+){0,2}?" + _FORCES + r"\b"
    r"|\b[\w-]+\s+" + _FORCES + r"\s+(?:were|was)\s+(?:killed|shot\s+dead)", re.I)
KILLING = re.compile(r"\b(?:kill|killed|killing|executed|massacr|shot\s+dead|murder|slain)", re.I)


def refine_type(label: str, text: str, fatalities: int | None) -> str:
    """Corrections the learned model gets wrong on long news sentences.

    - deaths outrank arrests: a raid that arrests 22 and executes eight is an Attack;
    - a protest type needs a protest word; without one, a killing is an Attack;
    - an attribution needs a claim or blame word; without one, a killing is an Attack.
    """
    if label == "Arrests" and fatalities and KILLING.search(text):
        return "Attack"
    if label == "Attribution of responsibility" and not ATTRIBUTION_WORDS.search(text) and KILLING.search(text):
        label = "Attack"  # "the killing of 20 soldiers by Islamist groups" reports the killing, not a claim
    if label == "Attack" and SECURITY_VICTIMS.search(text):
        return "Armed clash"  # ACLED: killing soldiers or police is a battle, not violence against civilians
    if taxonomy.event_type_of(label) in ("Protests", "Riots") and not PROTEST_WORDS.search(text) and KILLING.search(text):
        return "Attack"
    return label


@dataclass
class Clause:
    start: int  # article offsets
    end: int
    text: str
    paragraph: int
    sentence_start: int


class Extractor:
    """The per-article extraction pipeline.

    Args:
        classifier: typing model (default: the shipped one, loaded once).
        places: place finder / geocoder (default: gazetteer-backed, offline).
        prefilter: skip sentences without an event trigger (the fast path).
    """

    def __init__(self, classifier: Classifier | None = None, places: PlaceFinder | None = None, *, prefilter: bool = True,
                 eventness: EventnessModel | None = None):
        self.classifier = classifier or Classifier.load()
        self.eventness = eventness or EventnessModel.load()
        self.places = places or PlaceFinder.default()
        self.prefilter = prefilter

    # -- public -------------------------------------------------------------
    def __call__(self, article: Article) -> list[EventMention]:
        return self.extract(article)

    def extract(self, article: Article) -> list[EventMention]:
        return self.extract_many([article])[0]

    def extract_many(self, articles: Sequence[Article]) -> list[list[EventMention]]:
        """The mentions of each article; the parser runs once over the event clauses of them all
        (one batched call costs less than one per article)."""
        selected = [self._select(a) for a in articles]
        out: list[list[EventMention]] = []
        todo: list[_Actors] = []
        for article, country, aliases, kept in selected:
            out.append([])
            for clause, label, conf, dres, found, fallback_date, fallback_place, same_paragraph in kept:
                m, actors = self._mention(article, clause, label, conf, dres, found, country, fallback_date,
                                          fallback_place, aliases, same_paragraph=same_paragraph)
                out[-1].append(m)
                todo.append(actors)
        # The parse only decides the roles of the actors named in a clause: clauses naming none are not parsed.
        named = [a for a in todo if a.mentions]
        for a, doc in zip(named, actors_stage.parse_many([a.text for a in named])):
            a.doc = doc
        for a in todo:
            a.finish()
        return out

    def _select(self, article: Article) -> tuple:
        """Everything but the parse: ``(article, country, aliases, kept clauses with their type, date and place)``."""
        text = article.text
        sentences = split_sentences(text)
        country = self.places.article_country(text, title=article.title)
        clauses = self._clauses(sentences, text)
        if not clauses:
            return article, country, None, []
        labels = self.classifier.predict([c.text for c in clauses], other_min=OTHER_MIN)
        # eventness only matters for clauses typed as an event and not read as a tally or background
        typed = [i for i, (label, _) in enumerate(labels) if label != taxonomy.OTHER
                 and not AGGREGATE.search(clauses[i].text) and not BACKGROUND.search(clauses[i].text)]
        p_events = dict(zip(typed, self.eventness.proba([clauses[i].text for i in typed])))
        aliases = actors_stage.AliasIndex.from_text(text)
        lede = self._lede_date(sentences, article.published)
        kept: list[tuple] = []
        context: date | None = None
        paragraph_date: dict[int, tuple[date, int]] = {}
        places: dict[int, list] = {}  # clause index -> places found in it, looked up only when needed

        def places_in(i: int) -> list:
            if i not in places:
                c = clauses[i]
                found = self.places.find(c.text, country=country, offset=c.start, article_id=article.article_id)
                if len(found) > 1 and DATELINE.match(text, found[0][1].end) and found[0][1].start in (0, c.start):
                    found = found[1:]  # "MAIDUGURI, Nigeria (SWS) - A suicide bomber ... in Gwoza": the dateline is where the reporter sat
                places[i] = found
            return places[i]

        def fallback_place(i: int) -> tuple[Place, Span] | None:
            """The first place of the clause's paragraph so far, else the first place of the article so far."""
            para = clauses[i].paragraph
            for k in range(i + 1):
                if clauses[k].paragraph == para and places_in(k):
                    return places_in(k)[0]
            for k in range(i + 1):
                if places_in(k):
                    return places_in(k)[0]
            return None

        for i, (clause, (label, conf)) in enumerate(zip(clauses, labels)):
            p_event = p_events.get(i, 0.0)
            is_event = p_event >= self.eventness.threshold
            dres = when.sentence_date(clause.text, article.published, context)
            if dres and dres.value:
                context = dres.value
            inherited = paragraph_date.get(clause.paragraph)
            if dres and dres.value and dres.kind != "year":
                paragraph_date[clause.paragraph] = (dres.value, dres.precision)
            if i not in p_events or not is_event or (conf < MIN_CONFIDENCE and p_event < SURE_EVENT):
                continue  # "Other", a tally, background, or not an event
            found = places_in(i)
            kept.append((clause, label, conf, dres, found, inherited or lede,
                         None if found else fallback_place(i), inherited is not None))
        return article, country, aliases, kept  # the parser runs only on the clauses that became events

    @staticmethod
    def _lede_date(sentences: list[Sentence], published: date | None) -> tuple[date, int] | None:
        """The first date the article's first paragraph gives: the date of its main event."""
        for s in sentences:
            if s.paragraph > 0:
                break
            r = when.sentence_date(s.text, published)
            if r and r.value and r.kind != "year":
                return r.value, max(r.precision or 2, 2)
        return None

    # -- steps --------------------------------------------------------------
    def _clauses(self, sentences: list[Sentence], text: str) -> list[Clause]:
        out: list[Clause] = []
        for i, s in enumerate(sentences):
            if self.prefilter and not detect.is_candidate(s.text):
                continue
            prev = sentences[i - 1] if i else None
            if prev is not None and prev.paragraph == s.paragraph and CONTINUES.match(s.text):
                # "But thousands of teachers refused to come to work." only reads as an event with
                # the sentence before it: type, date and quote come from the two together.
                if out and out[-1].start == prev.start and out[-1].end == prev.end:
                    out.pop()  # the previous sentence is read as part of this passage, not twice
                s = Sentence(prev.start, s.end, text[prev.start:s.end], s.paragraph)
            parts = self._split_clauses(s)
            out.extend(parts)
        return out

    def _split_clauses(self, s: Sentence) -> list[Clause]:
        """Split a sentence reporting two events in two clauses, each with a trigger and one a date."""
        cuts = [m for m in CLAUSE_SPLIT.finditer(s.text)]
        if not cuts:
            return [Clause(s.start, s.end, s.text, s.paragraph, s.start)]
        bounds = [0] + [m.start() for m in cuts] + [len(s.text)]
        pieces = []
        for a, b in zip(bounds, bounds[1:]):
            seg = s.text[a:b]
            lead = len(seg) - len(seg.lstrip(" ,;"))
            seg_s, seg_e = a + lead, b
            pieces.append((seg_s, seg_e))
        with_trigger = [p for p in pieces if detect.is_candidate(s.text[p[0]:p[1]])]
        dated = [p for p in with_trigger if when.find_dates(s.text[p[0]:p[1]], None) or re.search(r"\b(?:19|20)\d\d\b", s.text[p[0]:p[1]])]
        if len(with_trigger) < 2 or not dated:
            return [Clause(s.start, s.end, s.text, s.paragraph, s.start)]
        return [Clause(s.start + a, s.start + b, s.text[a:b], s.paragraph, s.start) for a, b in with_trigger]

    def _mention(self, article: Article, clause: Clause, label: str, conf: float, dres, found, country,
                 fallback_date, fallback_place, aliases=None, *, same_paragraph: bool = False) -> tuple[EventMention, "_Actors"]:
        """The mention of one event clause, and its actors step (:class:`_Actors`), which waits for the parse."""
        aid = article.article_id
        text = clause.text

        def span(a: int, b: int) -> Span:
            return Span(aid, clause.start + a, clause.start + b, text[a:b])

        quote = Span(aid, clause.start, clause.end, text)
        m = EventMention(
            mention_id=EventMention.make_id(aid, clause.start, clause.end),
            article_id=aid,
            quote=quote,
            event_type=taxonomy.event_type_of(label),
            sub_event_type=label,
            confidence=conf,
            source=article.source,
            published=article.published,
            sentence_start=clause.sentence_start,
        )
        m.evidence["sub_event_type"] = quote
        # when
        if dres and dres.value:
            m.event_date, m.time_precision = dres.value, dres.precision
            m.evidence["event_date"] = span(dres.start, dres.end)
        elif dres and dres.note:
            m.date_note = dres.note
            m.evidence["event_date"] = span(dres.start, dres.end)
        elif fallback_date:
            m.event_date, m.time_precision = fallback_date
            m.date_note = ("no date in the sentence: the date of the paragraph's previous sentence" if same_paragraph
                           else "no date in the sentence: the date of the article's opening event (within a week)")
        elif article.published:
            m.event_date, m.time_precision = article.published, 2
            m.date_note = "no date in the text: the week of publication"
        else:
            m.date_note = "no date in the text and publication date unknown"
        # where
        if found:
            place, pspan = found[0]
            m.place = place
            m.evidence["location"] = pspan
        elif fallback_place:
            place, pspan = fallback_place
            m.place = place
            m.evidence["location"] = pspan
        elif country:
            m.place = self.places.country_place(country)
        # figures
        figs = numbers.extract_figures(text, event_type=m.event_type)
        refined = refine_type(label, text, figs.fatalities.value if figs.fatalities else None)
        if refined != label:
            label = m.sub_event_type = refined
            m.event_type = taxonomy.event_type_of(refined)
            figs = numbers.extract_figures(text, event_type=m.event_type)
        for role in ("fatalities", "injuries", "arrests"):
            f = getattr(figs, role)
            if f is not None:
                setattr(m, role, f.value)
                m.evidence[role] = span(f.start, f.end)
        if figs.crowd_size is not None:
            m.crowd_size = figs.crowd_size.text
            m.evidence["crowd_size"] = span(figs.crowd_size.start, figs.crowd_size.end)
        if m.fatalities is None:
            m.fatalities = 0
        attribution = re.search(r"\b(?:according\s+to\s+[^,.;]+|(?:police|officials?|witnesses|residents|sources|the\s+ministry|hospital\s+sources?)\s+said)", text, re.I)
        if attribution:
            m.attribution = attribution.group(0)
        # modality
        mod, cue = modality.classify_modality(text)
        if mod == "occurred" and m.event_date and article.published and m.event_date > article.published:
            mod = "planned"  # a date after publication cannot have happened yet
        m.modality = mod
        if cue:
            m.evidence["modality"] = span(*cue)
        # actors: the names now, their roles once the clause is parsed
        cname = m.place.country if m.place and m.place.country else self.places.country_name(country)
        return m, _Actors(m, text, label, cname, aliases, span, actors_stage.find_mentions(text, cname, aliases))


@dataclass
class _Actors:
    """The actors step of one mention, run after the batch's clauses are parsed (:meth:`Extractor.extract_many`)."""

    m: EventMention
    text: str
    label: str
    cname: str | None
    aliases: actors_stage.AliasIndex | None
    span: Callable[[int, int], Span]
    mentions: list  # actors_stage.find_mentions() of the clause
    doc: Any = None

    def finish(self) -> None:
        m = self.m
        act = actors_stage.extract_actors(self.text, self.label, self.cname, doc=self.doc, aliases=self.aliases,
                                          mentions=self.mentions)
        m.actor1, m.inter1, m.actor2, m.inter2 = act.actor1, act.inter1, act.actor2, act.inter2
        if m.sub_event_type == "Attack" and m.inter2 == 1:
            # ACLED: violence against civilians needs civilian victims; an attack on soldiers is a battle
            m.sub_event_type, m.event_type = "Armed clash", "Battles"
        m.assoc_actor_1, m.assoc_actor_2 = act.assoc_actor_1, act.assoc_actor_2
        for k, (a, b) in (act.spans or {}).items():
            if b > a:
                m.evidence[k] = self.span(a, b)
