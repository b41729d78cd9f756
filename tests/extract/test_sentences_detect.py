"""Sentence splitting keeps offsets; the prefilter keeps event sentences."""

from eventcoder.extract.detect import is_candidate, score
from eventcoder.extract.sentences import split_sentences


def test_offsets_slice_back_to_the_sentence():
    text = "Police fired tear gas. Dr. Diallo said 3 were hurt.\n\nA new paragraph starts here."
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text
    assert [s.text for s in split_sentences(text)][1].startswith("Dr. Diallo")


def test_paragraph_break_ends_a_sentence():
    assert len(split_sentences("No full stop here\n\nNext paragraph.")) == 2


def test_event_sentences_are_candidates_and_background_often_is_not():
    assert is_candidate("Gunmen killed five villagers in Kamba on Sunday.")
    assert is_candidate("Thousands demonstrated in Bamako on Friday.")
    assert not is_candidate("Mali is Africa's third-largest gold producer after Ghana.")


def test_prefilter_recall_on_event_sentences_is_high():
    res = score([("Soldiers clashed with rebels near Zouar.", True), ("Protesters blocked the bridge.", True),
                 ("The economy grew by 3 percent.", False)])
    assert res["recall"] == 1.0
