"""Our extraction can sit in a user's own spaCy pipeline."""

import spacy

import eventcoder.extract.spacy_component  # noqa: F401  (registers the factory)


def test_component_sets_events_with_offsets_into_the_doc():
    nlp = spacy.blank("en")
    nlp.add_pipe("eventcoder_events", config={"published": "2025-03-14"})
    text = "Police fired tear gas on Thursday to disperse hundreds of teachers marching in Moundou, Chad."
    doc = nlp(text)
    assert doc._.events, "no event found"
    m = doc._.events[0]
    assert m.sub_event_type == "Protest with intervention"
    assert str(m.event_date) == "2025-03-13"
    assert text[m.quote.start:m.quote.end] == m.quote.text
    assert doc._.event_spans[0] is not None and doc._.event_spans[0].label_ == "Protest with intervention"
