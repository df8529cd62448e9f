"""The two ways loading can fail: the whole corpus (:class:`CorpusError`) or one file or
row, which is then listed in ``Corpus.skipped`` (:class:`SkipFile`)."""

from __future__ import annotations


class CorpusError(ValueError):
    """A corpus cannot be loaded as given (missing folder, unreadable metadata, ...)."""


class SkipFile(Exception):
    """A file (or row) that cannot be used; the message is the reason."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.detail = detail
