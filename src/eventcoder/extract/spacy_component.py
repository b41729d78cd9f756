"""eventcoder as a spaCy pipeline component.

    import spacy
    import eventcoder.extract.spacy_component  # registers the factory
    nlp = spacy.blank("en")                     # or any pipeline of yours
    nlp.add_pipe("eventcoder_events", config={"published": "2020-08-19"})
    doc = nlp(text)
    doc._.events          # list[eventcoder.model.EventMention], offsets into doc.text
    doc._.event_spans     # the same as spaCy Spans (char-aligned, "contract" expansion)

The component runs :class:`eventcoder.extract.extractor.Extractor` on ``doc.text``;
it does not need the pipeline's other components, so it works on ``spacy.blank("en")``.
"""

from __future__ import annotations

from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from eventcoder.model import Article

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)
if not Doc.has_extension("event_spans"):
    Doc.set_extension("event_spans", default=None)


class EventsComponent:
    """Sets ``doc._.events`` and ``doc._.event_spans``."""

    def __init__(self, nlp: Language, name: str, published: str | None = None, prefilter: bool = True):
        from eventcoder.extract.extractor import Extractor

        self.name = name
        self.published = date.fromisoformat(published) if published else None
        self.extractor = Extractor(prefilter=prefilter)

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published", self.published)
        article = Article.from_text(doc.text, published=published, source=doc.user_data.get("source"))
        mentions = self.extractor.extract(article)
        doc._.events = mentions
        doc._.event_spans = [doc.char_span(m.quote.start, m.quote.end, label=m.sub_event_type,
                                           alignment_mode="contract") for m in mentions]
        return doc

    def score(self, examples, **kwargs) -> dict:
        """Share of gold event sentences (``example.reference.spans["events"]``) that a predicted event overlaps."""
        hit = total = 0
        for ex in examples:
            gold = ex.reference.spans.get("events", [])
            pred = [(m.quote.start, m.quote.end) for m in (ex.predicted._.events or [])]
            for g in gold:
                total += 1
                hit += any(s < g.end_char and g.start_char < e for s, e in pred)
        return {"events_recall": hit / total if total else 0.0}


@Language.factory("eventcoder_events", default_config={"published": None, "prefilter": True})
def make_events_component(nlp: Language, name: str, published: str | None, prefilter: bool) -> EventsComponent:
    return EventsComponent(nlp, name, published=published, prefilter=prefilter)
