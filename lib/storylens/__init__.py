"""storylens: turn a folder of news articles about one story into shareable reports.

The main entry point is :func:`load_corpus`; each report question has its own module
(``timeline``, ``actors``, ``sentiment``, ``figures``) and ``reports`` renders the notebooks.
"""

__version__ = "0.1.0"

from storylens.corpus import Corpus, CorpusError, load_corpus  # noqa: E402

__all__ = ["Corpus", "CorpusError", "load_corpus", "__version__"]
