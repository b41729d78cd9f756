"""The trigger prefilter: which sentences deserve the parser and the heavier stages.

Most sentences of a news article report no event. A sentence is a candidate
when it contains an event trigger word (a stem list over the lower-cased
text, matched at word starts). This runs on plain strings, before spaCy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Stems matched at a word start: "protest" matches protests/protesters/protested.
TRIGGER_STEMS: tuple[str, ...] = (
    # protest & riot
    "protest", "demonstrat", "rally", "rallied", "march", "sit-in", "strike", "striking", "boycott",
    "riot", "unrest", "tear gas", "teargas", "water cannon", "dispers", "barricad", "stormed", "storm ",
    "mob", "lynch", "vigil", "picket", "walkout", "blocked", "ransack", "looted", "loot", "torched",
    "set fire", "set ablaze", "burn", "vandal", "clash",
    # violence
    "kill", "killing", "dead", "death", "died", "slain", "massacr", "execut", "shot", "shoot", "gunfire",
    "gunmen", "gunman", "fighting", "fought", "battle", "attack", "ambush", "raid", "assault", "offensive",
    "wound", "injur", "hurt", "casualt", "fatalit", "bodies", "murder", "behead", "stabb", "beat",
    "abduct", "kidnap", "hostage", "disappear", "rape", "sexual", "seized", "seize", "captur", "overran",
    "took control", "retook", "recaptur", "withdr", "handed over", "took over", "overtook",
    # remote violence
    "bomb", "explo", "blast", "ied", "landmine", "mine ", "grenade", "shell", "mortar", "artillery",
    "rocket", "missile", "airstrike", "air strike", "drone", "warplane", "jet", "helicopter", "chlorine",
    "sarin", "chemical", "suicide",
    # strategic
    "arrest", "detain", "detention", "custody", "jailed", "imprison", "ceasefire", "cease-fire", "truce",
    "agreement", "accord", "deal", "signed", "peace", "defus", "dismantl", "weapons cache", "intercept",
    "base", "headquarter", "camp", "checkpoint", "curfew", "state of emergency", "coup", "mutin", "oust",
    "overthr", "resign", "deploy", "dissolv", "banned", "suspend", "sworn in", "formed", "split",
    # context
    "sanction", "condemn", "expel", "recall", "summit", "envoy", "ambassador", "talks", "mediat",
    "claimed responsibility", "claim", "blamed", "blame", "accus", "responsib",
    "smuggl", "traffick", "robber", "robbed", "gang", "cartel", "extort", "drug",
    "refused to", "stayed away", "stay away", "down tools", "walkout", "walked out", "gathered", "sat-in", "merged", "merger", "cocaine", "heroin",
    "methamphetamine", "visited", "visit", "lockdown", "shut down", "sentenced", "turned back", "removed from office",
    "impeach", "emptied", "alight", "ordered", "expelled", "evacuat", "displaced", "fled",
    "flood", "earthquake", "quake", "cyclone", "storm", "drought", "landslide", "outbreak", "epidemic",
    "cholera", "wildfire", "collaps", "crash", "capsiz", "derail", "spill", "fire", "accident",
)
# A dated sentence ("on Monday", "on 5 March", "March 5") usually reports something that happened.
DATED = (r"(?:on|last|this|since|from|by)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
         r"|\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)"
         r"|(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2}\b")
_TRIGGER_RE = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(s) for s in TRIGGER_STEMS) + "|" + DATED + ")")


def trigger(text: str) -> str | None:
    """The first trigger found in ``text`` (lower-cased match) or None."""
    m = _TRIGGER_RE.search(text.lower())
    return m.group(0) if m else None


def is_candidate(text: str) -> bool:
    """True when the sentence may report an event and should go through the full stages."""
    return trigger(text) is not None


def score(examples: Iterable[tuple[str, bool]]) -> dict[str, float]:
    """Recall and precision of the prefilter on ``(sentence, has_event)`` pairs.

    Recall is what matters: a missed sentence is a missed event.
    """
    tp = fp = fn = tn = 0
    for text, gold in examples:
        pred = is_candidate(text)
        tp += pred and gold
        fp += pred and not gold
        fn += (not pred) and gold
        tn += (not pred) and not gold
    return {
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "kept_share": (tp + fp) / max(1, tp + fp + fn + tn),
    }
