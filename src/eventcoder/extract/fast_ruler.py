"""An exact, faster stand-in for spaCy's ``attribute_ruler`` of the English model.

WHY. The model's AttributeRuler maps each tagger ``TAG`` to ``POS`` / ``MORPH`` and fixes a few
words (pronoun lemmas, auxiliaries, "n't", "gonna"…), with 179 rules. spaCy runs them through a
:class:`~spacy.matcher.Matcher`, and the rules written with ``{"IN": [...]}``, ``{"NOT_IN": ...}``
or ``{"REGEX": ...}`` become Python predicates evaluated at every token for every pattern: on the
actor stage's clauses the ruler cost as much as the parser (≈1.5 s per 100k tokens).

HOW. Almost every rule is a one-token test of a few token attributes (``TAG``, ``LOWER``, ``DEP``,
``IS_SPACE``) and the answer only depends on those values. So, per Doc, we read them at once with
``doc.to_array``, look the tuple of values up in a memo (a few thousand distinct tuples per 100k
tokens), and only on a miss test the rules — the few that can match, found through an index by
the value of one of their equality / ``IN`` conditions (``LOWER``, else ``TAG``, …). Rules of
several tokens ("gon" "na", ``DEP`` expl + "is"…) are tested per position from the same memo, as
"token *j* of pattern *p* matches". The results are written back with ``doc.from_array``.

WHY IT IS EXACT (see spaCy's ``pipeline/attributeruler.py`` and ``matcher/matcher.pyx``):

* The Matcher compares the value ``get_token_attr`` gives, which is also what ``doc.to_array``
  returns for every attribute we accept; plain pattern values are string hashes (booleans as
  0/1), ``IN`` / ``NOT_IN`` are sets of hashes, ``REGEX`` is ``re.search`` on the attribute's
  string. We do the same tests on the same integers.
* AttributeRuler finds all matches on the Doc *before* setting anything, sorts them by rule
  number and applies each through ``set_token_attrs``, so on a token the last matching rule that
  sets an attribute wins. We merge the matching rules' attributes in that order. The rules set
  only ``POS``, ``TAG``, ``DEP``, ``LEMMA``, ``MORPH``: for these ``set_token_attrs`` just writes
  the token's struct field (the lexeme is left alone), which is what ``Doc.from_array`` does too,
  with the very values AttributeRuler normalised (``self.attrs``). ``from_array`` rewrites the
  untouched tokens' fields with their own values, and for ``MORPH`` looks each value up in the
  morphology table (``morphology.add`` of a known analysis: no change; of an unset one: the
  empty analysis "_", which the model's rules already add).
* ``index`` picks the token in the match as ``Span.__getitem__`` does (negative from the end).

Anything else a pattern could say (operators ``"OP"``, extension attributes, other predicates,
other attributes, an ``index`` outside the pattern, attributes set on the lexeme or extensions…)
is not compiled: the component then behaves as spaCy's AttributeRuler (``compile_rules`` returns
``None``), and :func:`install` leaves the model's ruler in place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, IDS, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import attribute_ruler_score
from spacy.strings import get_string_id

FACTORY = "eventcoder_fast_attribute_ruler"

# Token attributes a pattern may test: the Matcher and ``doc.to_array`` read them alike
# (``SENT_START`` differs, ``ENT_IOB`` values are converted by the Matcher: both left out).
_MATCHABLE = {
    IDS[name]
    for name in (
        "ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "LEMMA", "TAG", "POS",
        "DEP", "ENT_TYPE", "IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_PUNCT",
        "IS_SPACE", "IS_TITLE", "IS_UPPER", "LIKE_URL", "LIKE_NUM", "LIKE_EMAIL", "IS_STOP",
        "IS_BRACKET", "IS_QUOTE", "IS_LEFT_PUNCT", "IS_RIGHT_PUNCT", "IS_CURRENCY",
    )
}
# ... of which the string-valued ones (hashes), the only ones a REGEX may test.
_STRING_VALUED = {IDS[n] for n in ("ORTH", "LOWER", "NORM", "SHAPE", "PREFIX", "SUFFIX", "LEMMA", "TAG", "DEP", "ENT_TYPE")}
# Attributes a rule may set: struct fields of the token alone, written alike by
# ``set_token_attrs`` and ``Doc.from_array``.
_SETTABLE = (POS, TAG, DEP, LEMMA, MORPH)
# Which equality / IN condition of a token pattern indexes it (the most selective first).
_INDEX_PREFERENCE = [IDS[n] for n in ("ORTH", "LOWER", "NORM", "LEMMA", "TAG", "POS", "DEP")]
# Bound on the memo of attribute tuples (cleared when full: only a cache).
_MEMO_SIZE = 1 << 17


class _Unsupported(Exception):
    """A pattern feature the fast path does not implement."""


def _attr_id(key: Any) -> int:
    """The attribute id of a pattern key, as the Matcher reads it (``"TEXT"`` is ``ORTH``)."""
    if isinstance(key, str):
        name = key.upper()
        name = "ORTH" if name == "TEXT" else name
        if name not in IDS:
            raise _Unsupported(key)  # "OP", "_" (extensions), unknown names...
        attr = IDS[name]
    elif isinstance(key, int) and not isinstance(key, bool):
        attr = key
    else:
        raise _Unsupported(key)
    if attr not in _MATCHABLE:
        raise _Unsupported(key)
    return attr


def _value_id(value: Any) -> int:
    """A plain pattern value as the Matcher stores it: strings by hash, booleans as 0/1."""
    if isinstance(value, str):
        return get_string_id(value)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    raise _Unsupported(value)


class _TokenTest:
    """One token of a pattern: a conjunction of conditions on the columns the ruler reads.

    ``eq``: (column, value); ``sets``: (column, frozenset of values, wanted) for IN (wanted True)
    and NOT_IN (False); ``regexes``: (column, compiled regex) searched in the attribute's string.
    """

    __slots__ = ("eq", "sets", "regexes", "attrs")

    def __init__(self, spec: Any):
        if not isinstance(spec, dict) or not spec:
            raise _Unsupported(spec)  # {} (any token) is legal but not used by the model
        self.attrs: dict[int, list] = {}
        for key, value in spec.items():
            attr = _attr_id(key)
            if attr in self.attrs:
                raise _Unsupported(key)  # e.g. "LOWER" and "lower": keep spaCy's reading
            conds = self.attrs[attr] = []
            if not isinstance(value, dict):
                conds.append(("EQ", _value_id(value)))
                continue
            if not value:
                raise _Unsupported(value)
            for op, arg in value.items():
                op = op.upper() if isinstance(op, str) else op
                if op in ("IN", "NOT_IN") and isinstance(arg, (list, tuple)):
                    if not all(isinstance(v, (str, int)) for v in arg):
                        raise _Unsupported(arg)
                    conds.append((op, frozenset(get_string_id(v) if isinstance(v, str) else int(v) for v in arg)))
                elif op == "REGEX" and isinstance(arg, str) and attr in _STRING_VALUED:
                    conds.append((op, re.compile(arg)))
                else:
                    raise _Unsupported(op)  # other predicates, REGEX/FUZZY over IN lists...
        self.eq: list = []
        self.sets: list = []
        self.regexes: list = []

    def bind(self, column: dict[int, int]) -> None:
        """Fix the column of each attribute in the tuples the ruler reads."""
        for attr, conds in self.attrs.items():
            col = column[attr]
            for op, arg in conds:
                if op == "EQ":
                    self.eq.append((col, arg))
                elif op == "REGEX":
                    self.regexes.append((col, arg))
                else:
                    self.sets.append((col, arg, op == "IN"))

    def index_keys(self) -> tuple[int, frozenset] | None:
        """(attribute, values) such that the test can only pass when the attribute has one of
        the values; ``None`` when no equality / IN condition constrains it."""
        for attr in _INDEX_PREFERENCE + sorted(self.attrs):
            for op, arg in self.attrs.get(attr, ()):
                if op == "EQ":
                    return attr, frozenset((arg,))
                if op == "IN":
                    return attr, arg
        return None

    def __call__(self, values: tuple, strings: Any) -> bool:
        for col, want in self.eq:
            if values[col] != want:
                return False
        for col, allowed, inside in self.sets:
            if (values[col] in allowed) is not inside:
                return False
        for col, regex in self.regexes:
            if not regex.search(strings[values[col]]):
                return False
        return True


class CompiledRules:
    """The AttributeRuler's rules, indexed for a per-token lookup.

    ``read``: attributes read per token (the memo key); ``write``: attributes the rules set.
    Each token test is indexed by one of its equality / IN conditions (or kept in ``_always``);
    a test belongs to a pattern ``p`` of ``n`` tokens at position ``j``, and sets rule ``r`` on
    the token at ``start + offset``.
    """

    def __init__(self, patterns: Sequence[dict], attrs: Sequence[dict], indices: Sequence[int]):
        if not (len(patterns) == len(attrs) == len(indices)):
            raise _Unsupported("patterns")
        tests: list[tuple[_TokenTest, int, int]] = []  # (test, pattern id, position)
        self.single_rule: dict[int, int] = {}  # pattern id of one token -> rule
        self.multi: dict[int, tuple[int, int, int]] = {}  # pattern id -> (rule, length, offset)
        pid = 0
        for rule, (rule_patterns, index) in enumerate(zip((p["patterns"] for p in patterns), indices)):
            if not isinstance(rule_patterns, list) or not rule_patterns or not isinstance(index, int):
                raise _Unsupported(rule)
            for pattern in rule_patterns:
                if not isinstance(pattern, list) or not pattern:
                    raise _Unsupported(pattern)
                n = len(pattern)
                offset = index if index >= 0 else n + index  # as Span.__getitem__
                if not 0 <= offset < n:
                    raise _Unsupported(index)  # spaCy raises E1001 at match time
                for j, spec in enumerate(pattern):
                    tests.append((_TokenTest(spec), pid, j))
                if n == 1:
                    self.single_rule[pid] = rule
                else:
                    self.multi[pid] = (rule, n, offset)
                pid += 1
        # the attributes each rule sets, as (column of `write`, value), in rule order
        for rule_attrs in attrs:
            if not isinstance(rule_attrs, dict) or any(
                a not in _SETTABLE or not isinstance(v, int) for a, v in rule_attrs.items()
            ):
                raise _Unsupported(rule_attrs)  # "_", NORM, lexeme flags...
        self.write = [a for a in _SETTABLE if any(a in ra for ra in attrs)]
        wcol = {a: i for i, a in enumerate(self.write)}
        self.rule_writes = [{wcol[a]: v for a, v in ra.items()} for ra in attrs]

        self.read = sorted({a for t, _, _ in tests for a in t.attrs})
        column = {a: i for i, a in enumerate(self.read)}
        self._index: list[tuple[int, dict[int, list]]] = []  # (column, value -> tests)
        by_attr: dict[int, dict[int, list]] = {}
        self._always: list = []
        for test, p, j in tests:
            test.bind(column)
            entry = (test, p, j)
            keys = test.index_keys()
            if keys is None:
                self._always.append(entry)
            else:
                attr, values = keys
                table = by_attr.setdefault(attr, {})
                for v in values:
                    table.setdefault(v, []).append(entry)
        self._index = [(column[a], table) for a, table in by_attr.items()]
        self._memo: dict[tuple, tuple] = {}
        self._merged: dict[tuple, tuple] = {}

    def _merge(self, rules: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """The (column, value) writes of these rules applied in order: the later rule wins."""
        merged = self._merged.get(rules)
        if merged is None:
            out: dict[int, int] = {}
            for rule in rules:
                out.update(self.rule_writes[rule])
            merged = self._merged[rules] = tuple(sorted(out.items()))
        return merged

    def lookup(self, values: tuple, strings: Any) -> tuple:
        """For one token's attribute values: (writes of its one-token rules, its one-token rules,
        the (pattern, position) of the longer patterns it matches, the longer patterns whose
        first token it matches)."""
        hit = self._memo.get(values)
        if hit is not None:
            return hit
        candidates = list(self._always)
        for col, table in self._index:
            candidates.extend(table.get(values[col], ()))
        rules: set[int] = set()
        steps = []
        for test, p, j in candidates:
            if test(values, strings):
                if p in self.single_rule:
                    rules.add(self.single_rule[p])
                else:
                    steps.append((p, j))
        ordered = tuple(sorted(rules))
        hit = (self._merge(ordered), ordered, frozenset(steps), tuple(p for p, j in steps if j == 0))
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.clear()
        self._memo[values] = hit
        return hit

    def apply(self, doc: Any) -> None:
        """Set on ``doc`` what the AttributeRuler would."""
        n = len(doc)
        if n == 0:
            return
        strings = doc.vocab.strings
        read = doc.to_array(self.read).reshape((n, len(self.read))).tolist()
        found = [self.lookup(values, strings) for values in map(tuple, read)]
        # longer patterns: from each token where one begins, check the tokens that follow
        extra: dict[int, list[int]] = {}  # token -> rules matched through longer patterns
        if self.multi:
            for start, (_, _, steps, begins) in enumerate(found):
                for p in begins:
                    rule, length, offset = self.multi[p]
                    if start + length <= n and all((p, j) in found[start + j][2] for j in range(1, length)):
                        extra.setdefault(start + offset, []).append(rule)
        out = doc.to_array(self.write).reshape((n, len(self.write))).tolist()
        for i, (writes, rules, _, _) in enumerate(found):
            if i in extra:
                writes = self._merge(tuple(sorted(set(rules).union(extra[i]))))
            row = out[i]
            for col, value in writes:
                row[col] = value
        doc.from_array(self.write, numpy.array(out, dtype=numpy.uint64))


def compile_rules(patterns: Sequence[dict], attrs: Sequence[dict], indices: Sequence[int]) -> CompiledRules | None:
    """The fast form of these rules (``AttributeRuler.patterns`` / ``.attrs`` / ``.indices``),
    or ``None`` if a pattern uses a feature it does not implement."""
    try:
        return CompiledRules(patterns, attrs, indices)
    except _Unsupported:
        return None


class FastAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with the fast, exact matching above; falls back to spaCy's own
    when the rules use something it does not implement. Patterns, scoring and serialisation are
    the AttributeRuler's."""

    def __init__(self, vocab: Any, name: str = "attribute_ruler", *, validate: bool = False, scorer=attribute_ruler_score):
        super().__init__(vocab, name, validate=validate, scorer=scorer)
        self._compiled: CompiledRules | None = None
        self._stale = True

    def clear(self) -> None:
        super().clear()
        self._stale = True

    def add(self, patterns, attrs: dict, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._stale = True

    @property
    def compiled(self) -> CompiledRules | None:
        """The compiled rules, ``None`` when spaCy's matching is used."""
        if self._stale:
            self._compiled = compile_rules(self.patterns, self.attrs, self.indices) if self.attrs else None
            self._stale = False
        return self._compiled

    def __call__(self, doc: Any) -> Any:
        compiled = self.compiled
        if compiled is None:
            return super().__call__(doc)
        error_handler = self.get_error_handler()
        try:
            compiled.apply(doc)
            return doc
        except Exception as e:  # as AttributeRuler.__call__
            return error_handler(self.name, self, [doc], e)


@Language.factory(
    FACTORY,
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_fast_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Any) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def install(nlp: Any, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's AttributeRuler ``name`` by a :class:`FastAttributeRuler` with the
    same rules, under the same name and at the same place, if all its patterns are supported.
    Returns whether the fast ruler is in place."""
    if name not in nlp.pipe_names:
        return False
    old = nlp.get_pipe(name)
    if isinstance(old, FastAttributeRuler):
        return old.compiled is not None
    if type(old) is not AttributeRuler or not old.attrs:
        return False
    patterns = old.patterns
    if compile_rules(patterns, old.attrs, old.indices) is None:
        return False
    fast = nlp.replace_pipe(name, FACTORY, config={"validate": old.validate})
    fast.add_patterns(patterns)
    return fast.compiled is not None
