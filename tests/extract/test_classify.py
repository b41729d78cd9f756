"""Event typing: cues, the shipped model, and the classify command's contract."""

import re
import sys

from click.testing import CliRunner

from eventcoder import taxonomy
from eventcoder.cli import main
from eventcoder.extract import classify
from eventcoder.extract.classify import Classifier, cue_label


def test_taxonomy_has_30_sub_event_types_in_11_event_types():
    assert len(taxonomy.LABELS) == 30
    assert len(taxonomy.EVENT_TYPES) == 11
    assert taxonomy.event_type_of("Air/drone strike") == "Explosions/Remote violence"
    assert taxonomy.event_type_of("Diplomatic action") == "Diplomatic action"
    assert all(t.definition for t in taxonomy.SUB_EVENT_TYPES.values())


def test_high_precision_cues():
    assert cue_label("A suicide bomber blew himself up at a checkpoint") == "Suicide bomb"
    assert cue_label("Warplanes struck the market") == "Air/drone strike"
    assert cue_label("Police fired tear gas at the protesters") == "Protest with intervention"
    assert cue_label("The group claimed responsibility for the ambush") == "Attribution of responsibility"
    assert cue_label("Chlorine canisters were dropped on the town") == "Chemical weapon"


def test_cue_needs_are_read_from_the_patterns():
    assert classify._needs(re.compile(r"\b(?:hand\s+)?grenades?\b", re.I)) == {"grenade"}
    assert classify._needs(re.compile(r"\bblew\s+(?:himself|themselves)\s+up\b")) == {"himself", "themselves"}
    assert classify._needs(re.compile(r"\b(?:air\s*strikes?|warplanes?)\b")) == {"strike", "warplane"}
    assert classify._needs(re.compile(r"(?:foo)?\d+")) is None  # optional, or nothing literal: no gate
    assert classify._needs(re.compile(r"\bfoo|\d+")) is None  # one alternative needs nothing
    assert all(c.needs for c in classify.CUES)  # every cue is gated


def _plain_cue_label(text: str) -> str | None:
    return next((c.label for c in classify.CUES if c.pattern.search(text)), None)


def test_gated_cues_give_the_label_every_pattern_gives():
    texts = [line.split("\t")[1] for path in sorted((classify.DATA_DIR / "train").glob("*.tsv"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.count("\t") >= 2]
    assert len(texts) > 500
    hits = sum(_plain_cue_label(t) is not None for t in texts)
    assert hits > 100  # the gate is tried on texts the cues do fire on
    odd = str.maketrans({"i": "\u0130", "s": "\u017f", "k": "\u212a"})  # characters re.I matches with i, s, k
    for t in texts + [t.upper() for t in texts] + [t.translate(odd) for t in texts]:
        assert cue_label(t) == _plain_cue_label(t), t


def test_gate_folds_every_character_an_ascii_letter_matches_under_ignorecase():
    letter = re.compile("[a-z]", re.I)
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if letter.fullmatch(ch):
            assert classify._gate_text(ch) == next(c for c in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(c, ch, re.I))


def test_shipped_model_types_plain_cases():
    clf = Classifier.load()
    assert clf("Thousands of teachers marched peacefully through the capital demanding unpaid wages.")[0] == "Peaceful protest"
    assert clf("Gunmen stormed a village and shot dead eleven farmers.")[0] == "Attack"
    assert clf("Floodwaters swept away homes after days of torrential rain.")[0] == "Natural disaster"


def test_classify_answers_every_id_in_input_order_with_taxonomy_names():
    lines = ["a1\tWarplanes bombed a market in Idlib, killing 12.", "b2\tThe central bank cut interest rates by half a point.",
             "c3\tPolice arrested the opposition leader at his home."]
    res = CliRunner().invoke(main, ["classify"], input="\n".join(lines) + "\n")
    assert res.exit_code == 0
    out = [l.split("\t") for l in res.output.strip().splitlines()]
    assert [o[0] for o in out] == ["a1", "b2", "c3"]
    assert all(o[1] in taxonomy.SUB_EVENT_TYPES for o in out)
    assert out[0][1] == "Air/drone strike" and out[1][1] == "Other" and out[2][1] == "Arrests"
