"""Did it happen: occurred, planned, threatened, negated or hypothetical.

Rules over the sentence text, looking at the words that govern the event
trigger: future and intention markers ("would hold", "plans to", "called
for a rally on Friday") make it planned; threats ("threatened to") make it
threatened; negation of the event itself ("denied firing", "no protest took
place") makes it negated; conditionals ("if talks fail", "could resume")
make it hypothetical. "No casualties were reported" negates a figure, not
the event, and is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PLANNED = re.compile(
    r"\b(?:would|will|shall|is\s+to|are\s+to|was\s+to|were\s+to)\s+(?:hold|stage|organi[sz]e|launch|march|rally|protest|strike|begin|start|go\s+on|take\s+to|gather|meet|sign|resume)"
    r"|\b(?:plans?|planned|planning|intends?|intended|intending|vowed|pledged|promised|prepared|preparing|scheduled|set|expected|due|called|calling|calls|announced|announcing|urged|urging)\s+(?:to\s+|for\s+(?:a|an|another|new|fresh|further|more|mass|daily|nationwide|general)\b)"
    r"|\b(?:upcoming|planned|forthcoming|scheduled|proposed)\s+(?:protest|rally|march|strike|demonstration|sit-in|talks|summit|elections?)"
    r"|\b(?:will|would)\s+(?:still\s+|also\s+|now\s+)?(?:go\s+ahead|proceed)\b"
    r"|\b(?:has|have|had)\s+called\s+(?:a|an|for\s+a|for\s+an)\s+(?:\w+\s+){0,2}?(?:march|protest|rally|strike|demonstration|sit-in|shutdown|boycott)\b"
    r"|\b(?:is|are)\s+(?:expected|due|set|scheduled)\s+to\b"
    r"|\bculminating\s+in\b|\bahead\s+of\s+(?:a|the)\s+(?:planned|mass)\b|\bnext\s+(?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
THREATENED = re.compile(r"\b(?:threaten(?:s|ed|ing)?|warned\s+(?:it|they|that\s+it|that\s+they)\s+would|vowed\s+to\s+(?:attack|kill|storm|destroy|retaliate))\b", re.I)
NEGATED = re.compile(
    r"\b(?:denied|denies|deny|denying)\s+(?:\w+\s+){0,3}?(?:fir|shoot|kill|attack|using|use|involvement|carrying|responsib|arrest|detain)"
    r"|\b(?:denied|denies|dismissed|rejected)\s+(?:\w+\s+){0,2}?(?:claims|reports|allegations|rumou?rs)\b"
    r"|\b(?:no|never)\s+(?:protest|demonstration|rally|attack|clash|fighting|strike|march|violence|arrests?)\s+(?:took\s+place|occurred|happened|was\s+held|were\s+made|has\s+taken\s+place)"
    r"|\b(?:did\s+not|didn['’]t|was\s+not|were\s+not|has\s+not|have\s+not|had\s+not|never)\s+(?:take\s+place|happen|occur|go\s+ahead|materiali[sz]e|been\s+held|held|fire|attack|kill|open\s+fire)"
    r"|\b(?:was|were)\s+(?:called\s+off|cancell?ed|postponed|averted|foiled|thwarted)\b",
    re.I,
)
HYPOTHETICAL = re.compile(
    r"\b(?:if|unless|should\s+(?:the|talks|they|it))\b.{0,80}?\b(?:could|would|might|may)\b"
    r"|\b(?:could|might|may)\s+(?:resume|erupt|break\s+out|escalate|spread|trigger|lead\s+to|face)"
    r"|\b(?:risk\s+of|fears?\s+of|feared|possible|potential|likely)\s+(?:new\s+|fresh\s+|further\s+|renewed\s+)?(?:violence|attacks?|clashes|fighting|unrest|famine|outbreak)",
    re.I,
)
PAST_EVENT = re.compile(
    r"\b(?:was|were)\s+(?:killed|held|staged|dispersed|arrested|injured|wounded|attacked|seized|shot)\b|\b(?:killed|clashed|attacked|demonstrated|marched|rallied|protested|stormed|seized|fired|arrested|detained|exploded|struck|shelled|erupted|broke\s+out|took\s+place|dispersed|blocked|burned|torched|looted|abducted|kidnapped|raided|ambushed|bombed|shot|gathered|stormed)\b",
    re.I,
)


def classify_modality(text: str) -> tuple[str, tuple[int, int] | None]:
    """Modality of the event a sentence reports, and the span of the cue (None for plain occurred).

    Negation wins over the others; a sentence that both plans something and
    reports a past event ("police dispersed a rally called for Friday") is
    occurred when the past-tense event verb comes before the planning cue.
    """
    for name, rx in (("negated", NEGATED), ("threatened", THREATENED), ("hypothetical", HYPOTHETICAL), ("planned", PLANNED)):
        m = rx.search(text)
        if not m:
            continue
        if name in ("planned", "hypothetical", "threatened"):
            past = PAST_EVENT.search(text)
            if past and past.start() < m.start() and name != "threatened":
                return "occurred", None
        return name, (m.start(), m.end())
    return "occurred", None


def score(examples: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Accuracy overall and per gold modality on ``(sentence, modality)`` pairs."""
    total = hits = 0
    per: dict[str, list[int]] = {}
    for text, gold in examples:
        pred, _ = classify_modality(text)
        total += 1
        hits += pred == gold
        per.setdefault(gold, [0, 0])
        per[gold][0] += pred == gold
        per[gold][1] += 1
    out = {"accuracy": hits / total if total else 0.0}
    out.update({f"accuracy_{k}": v[0] / v[1] for k, v in per.items()})
    return out
