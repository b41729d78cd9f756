"""The fast attribute ruler sets exactly what spaCy's AttributeRuler sets.

Same parsed Docs through spaCy's ``AttributeRuler`` (the model's rules) and through
:class:`~eventcoder.extract.fast_ruler.FastAttributeRuler`, then the lemmatizer: every token
attribute must be equal. Plus rule features the model uses little or not (negative ``index``,
several patterns per rule, longer patterns, precedence), and the fallback to spaCy's matching.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler

from eventcoder.extract import nlp as shared
from eventcoder.extract.fast_ruler import FastAttributeRuler, compile_rules, install
from eventcoder.extract.sentences import split_sentences

DATA = Path(__file__).resolve().parents[2] / "src" / "eventcoder" / "data"

TRICKY = [
    "I didn't say that he's gonna win, but they're gotta go and y'all know it.",
    "She'd've come if you'd asked; we'll see. Let's go! C'mon, ain't nobody doin' nothin' 'bout 'em.",
    "It is what it is: there's no one who'd doubt it, and there are those which said it wasn't.",
    "The rebels, who attacked the town that the army had held, said it was theirs.",
    "But for the rain, the march would have gone ahead.  He but hinted at it; all but two fled.",
    "Him and me  went\n\nthere   \t with them. \n Me too.  ",
    "Nothing happened; someone, anyone, everybody, nobody, somebody, anybody did something.",
    "Does he have it? Did they do it? Had we been there, being there, we'd have done it.",
    "I gotta go, she gets it, he got it, got ta go, gon na go, let 's go, y' all.",
    "If it rains, whether or not, although, though, unless, once, whilst, despite, upon arrival.",
    "The a an this these those that which whose whom whoever. My your his her its our their.",
    "Myself, yourself, himself, herself, itself, ourselves, yourselves, themselves, themself.",
    "ISWAP's fighters can't, couldn't, shouldn't, won't, wouldn't, mustn't, mightn't, shan't stop.",
    "It was n't , was nt, is n’t; U.S. $5.3bn (about €4bn) - 45% of GDP... OK?!",
    "   ",
    "\n",
    "x",
]


def _texts() -> list[str]:
    from eventcoder.ingest import read
    from eventcoder.model import Article

    articles = [json.loads(line)["text"] for line in (DATA / "eval" / "eval_articles.jsonl").open(encoding="utf-8") if line.strip()]
    articles += [a.text for a in read(str(DATA / "sample_corpus")) if isinstance(a, Article)]
    out = list(TRICKY)
    for text in articles:
        out.extend(s.text for s in split_sentences(text))
        out.append(text[:3000])  # whole paragraphs too: "\n\n" whitespace tokens, longer Docs
    return out


@pytest.fixture(scope="module")
def parsed(nlp):
    docs = [nlp.make_doc(t) for t in _texts()]
    for name in ("tok2vec", "tagger", "parser"):
        docs = list(nlp.get_pipe(name).pipe(docs, batch_size=64))
    return docs


ARRAY_ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "NORM", "LOWER", "SENT_START", "SPACY", "ENT_IOB", "ENT_TYPE"]


def _annotations(docs):
    return [
        (
            doc.to_array(ARRAY_ATTRS).tolist(),
            [(t.text, t.pos_, t.tag_, str(t.morph), t.morph.key, t.lemma_, t.dep_, t.head.i, t.is_space, t.norm_) for t in doc],
        )
        for doc in docs
    ]


def _run(ruler, docs, lemmatizer=None):
    out = list(ruler.pipe([d.copy() for d in docs]))
    if lemmatizer is not None:
        out = list(lemmatizer.pipe(out))
    return out


def _reference(nlp, patterns):
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    return ruler


def _fast(nlp, patterns):
    ruler = FastAttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    return ruler


def _assert_same(expected, got, docs):
    assert len(expected) == len(got) == len(docs)
    for doc, e, g in zip(docs, expected, got):
        if e != g:  # show the first differing token
            for te, tg in zip(e[1], g[1]):
                assert te == tg, doc.text
            assert e == g, doc.text


def test_the_shared_pipeline_runs_the_fast_ruler(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) and ruler.compiled is not None
    assert list(shared.PARSE) == shared.Components(shared.PARSE).pipe_names
    assert nlp.pipe_names.index("attribute_ruler") == nlp.pipe_names.index("parser") + 1


def test_model_rules_give_identical_tokens(nlp, parsed):
    patterns = nlp.get_pipe("attribute_ruler").patterns
    assert len(patterns) > 100
    lemmatizer = nlp.get_pipe("lemmatizer")
    fast = _fast(nlp, patterns)
    assert fast.compiled is not None  # the fast path, not the fallback, is under test
    expected = _annotations(_run(_reference(nlp, patterns), parsed, lemmatizer))
    got = _annotations(_run(fast, parsed, lemmatizer))
    _assert_same(expected, got, parsed)
    # ...and the second time (answers from the memo) too
    _assert_same(expected, _annotations(_run(fast, parsed, lemmatizer)), parsed)

    # not vacuous: the rulers set things, including through the rarer rules
    tokens = [tok for doc in _annotations(_run(fast, parsed)) for tok in doc[1]]
    assert len(tokens) > 5000
    assert all(pos for _, pos, *_ in tokens)
    assert any(t[0] == "gon" and t[5] == "go" for t in tokens)  # "gon" "na", index 0
    assert any(t[0] == "na" and t[5] == "to" for t in tokens)  # ... and index 1
    assert any(t[0] == "n't" and t[5] == "not" and t[3] == "Polarity=Neg" for t in tokens)
    assert any(t[8] and t[1] == "SPACE" for t in tokens)
    assert any(t[0].lower() in ("that", "which") and t[1] == "PRON" for t in tokens)
    before = _annotations(parsed)
    assert before != _annotations(_run(fast, parsed))


def _hand_parsed(nlp):
    """Docs whose tags and labels are set by hand, to reach rules the parser seldom triggers:
    "but" as advmod, "ai" + "n't", "y'" + "all", expl + "is", whitespace tokens with and without
    a label, a "_SP" tag on a non-space, an unset tag or label (the "" of NOT_IN)."""
    from spacy.tokens import Doc

    words = ["He", "but", "ai", "n't", " ", "there", "is", "y'", "all", "x", "gon", "na", "that", "ca", "'d"]
    tags = ["PRP", "CC", "VBP", "RB", "_SP", "EX", "VBZ", "PRP", "DT", "_SP", "VBG", "TO", "WDT", "MD", "VBD"]
    deps = ["nsubj", "advmod", "ROOT", "neg", "dep", "expl", "ccomp", "nsubj", "dep", "dep", "aux", "aux", "nsubj", "aux", "aux"]
    heads = [2, 2, 2, 2, 2, 6, 2, 8, 2, 2, 2, 2, 2, 2, 2]
    spaces = [True, True, False, True, False, True, True, False, True, True, False, True, True, False, True]
    docs = []
    for unset in [None, 4, 8, 12]:  # leave a label, then a tag, unset
        doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)
        if unset == 4:
            doc[4].dep_ = ""
        elif unset is not None:
            doc[unset].tag_ = ""
            doc[unset + 1].dep_ = ""
        docs.append(doc)
    return docs


@pytest.mark.filterwarnings("ignore:.*W108")  # the lemmatizer, on the token left without a tag
def test_model_rules_on_hand_parsed_docs(nlp):
    docs = _hand_parsed(nlp)
    patterns = nlp.get_pipe("attribute_ruler").patterns
    lemmatizer = nlp.get_pipe("lemmatizer")
    expected = _annotations(_run(_reference(nlp, patterns), docs, lemmatizer))
    _assert_same(expected, _annotations(_run(_fast(nlp, patterns), docs, lemmatizer)), docs)
    first = {t[0]: t for t in expected[0][1]}
    assert first["but"][1] == "ADV" and first["ai"][5] == "be" and first["y'"][5] == "you"
    assert first["is"][1] == "VERB" and first["x"][1] == "X" and first[" "][6] == "dep"
    assert first["ca"][5] == "can" and first["na"][5] == "to"


# Rules in the shape of the model's, over features it uses little: negative and positive
# indexes of longer patterns, several patterns per rule, rules overriding earlier ones (or not,
# attribute by attribute), NOT_IN / REGEX / IN on several attributes, booleans, "TEXT".
CUSTOM = [
    {"patterns": [[{"TAG": {"IN": ["NN", "NNS", "NNP"]}}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "DT"}, {"TAG": {"NOT_IN": ["DT", ""]}}]], "attrs": {"LEMMA": "after-det"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^th"}}, {"IS_PUNCT": False}, {"DEP": {"IN": ["pobj", "dobj", "nsubj"]}}]], "attrs": {"POS": "X", "LEMMA": "third"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^th"}}, {"IS_PUNCT": False}, {"DEP": {"IN": ["pobj", "dobj", "nsubj"]}}]], "attrs": {"TAG": "XX"}, "index": 1},
    {"patterns": [[{"TEXT": "the"}], [{"ORTH": "The"}], [{"LOWER": "a", "IS_SPACE": False}]], "attrs": {"MORPH": "Definite=Def", "DEP": "det"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE", "DEP": "dep", "MORPH": "_"}},
    {"patterns": [[{"POS": "NOUN"}]], "attrs": {"LEMMA": "never: matching sees the Doc before any rule"}},
    {"patterns": [[{"TAG": {"IN": ["NN", "NNS"]}, "DEP": {"NOT_IN": ["nsubj"]}, "LOWER": {"REGEX": "s$"}}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"TAG": "IN"}, {"TAG": "DT"}, {"TAG": "NN"}]], "attrs": {"MORPH": "Case=Acc"}, "index": -3},
    {"patterns": [[{"lower": "in"}]], "attrs": {"MORPH": "Case=Loc"}},
]


def test_custom_rules_give_identical_tokens(nlp, parsed):
    fast = _fast(nlp, CUSTOM)
    assert fast.compiled is not None
    expected = _annotations(_run(_reference(nlp, CUSTOM), parsed))
    _assert_same(expected, _annotations(_run(fast, parsed)), parsed)
    tokens = [tok for doc in expected for tok in doc[1]]
    assert any(t[5] == "third" for t in tokens) and any(t[2] == "XX" for t in tokens)
    assert any(t[5] == "after-det" for t in tokens) and any(t[3] == "Case=Loc" for t in tokens)


@pytest.mark.parametrize(
    "pattern",
    [
        [{"TAG": "NN", "OP": "+"}],  # operators
        [{"LENGTH": {">=": 4}}],  # other predicates
        [{"LOWER": {"FUZZY": "there"}}],
        [{"LOWER": {"REGEX": {"IN": ["^th", "s$"]}}}],
        [{"_": {"fast_ruler_test_flag": True}}],  # extension attributes
        [{"SENT_START": True}],  # attributes the Matcher reads differently
        [{}],  # any token
    ],
)
def test_unsupported_patterns_fall_back_to_spacy(nlp, parsed, pattern):
    from spacy.tokens import Token

    if not Token.has_extension("fast_ruler_test_flag"):
        Token.set_extension("fast_ruler_test_flag", default=False)
    rules = CUSTOM[:2] + [{"patterns": [pattern], "attrs": {"LEMMA": "odd"}}]
    fast = _fast(nlp, rules)
    assert fast.compiled is None
    assert compile_rules(fast.patterns, fast.attrs, fast.indices) is None
    expected = _annotations(_run(_reference(nlp, rules), parsed[:200]))
    _assert_same(expected, _annotations(_run(fast, parsed[:200])), parsed[:200])


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"NORM": "noun"}},  # set on the lexeme: not ours
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"_": {"fast_ruler_test_flag": True}}},
        {"patterns": [[{"TAG": "DT"}, {"TAG": "NN"}]], "attrs": {"LEMMA": "x"}, "index": 2},  # spaCy raises
    ],
)
def test_unsupported_attrs_or_index_fall_back(nlp, rule):
    from spacy.tokens import Token

    if not Token.has_extension("fast_ruler_test_flag"):
        Token.set_extension("fast_ruler_test_flag", default=False)
    assert _fast(nlp, [CUSTOM[0], rule]).compiled is None


def test_patterns_added_later_are_taken_into_account(nlp, parsed):
    fast = _fast(nlp, CUSTOM[:1])
    assert fast.compiled is not None
    fast.add_patterns(CUSTOM[1:])
    expected = _annotations(_run(_reference(nlp, CUSTOM), parsed[:100]))
    _assert_same(expected, _annotations(_run(fast, parsed[:100])), parsed[:100])
    fast.add_patterns([{"patterns": [[{"TAG": "NN", "OP": "?"}]], "attrs": {"LEMMA": "odd"}}])
    assert fast.compiled is None


def test_install_swaps_only_supported_rulers():
    blank = spacy.blank("en")
    blank.add_pipe("attribute_ruler").add_patterns(CUSTOM)
    blank.add_pipe("sentencizer")
    assert install(blank, "attribute_ruler")
    assert blank.pipe_names == ["attribute_ruler", "sentencizer"]
    ruler = blank.get_pipe("attribute_ruler")
    assert isinstance(ruler, FastAttributeRuler) and ruler.patterns == _reference(blank, CUSTOM).patterns
    assert install(blank, "attribute_ruler")  # already there: left alone
    assert blank.get_pipe("attribute_ruler") is ruler
    assert blank("The cat in the hat")[0].morph.get("Definite") == ["Def"]

    other = spacy.blank("en")
    original = other.add_pipe("attribute_ruler")
    original.add_patterns(CUSTOM + [{"patterns": [[{"TAG": "NN", "OP": "*"}]], "attrs": {"LEMMA": "x"}}])
    assert not install(other, "attribute_ruler")
    assert other.get_pipe("attribute_ruler") is original
    assert not install(other, "no_such_component")
