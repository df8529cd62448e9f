"""The per-document pass of a report run, once and in parallel, before the notebooks.

``python -m storylens reports`` calls :func:`run_prepass` after checking the request: it
loads the corpus as the notebooks do (same cache), works out the parameters the notebooks
will pass (the story file, the stance topic), and annotates every document not yet in the
cache with :func:`storylens.analysis.run_chunks` on ``--jobs`` processes, or on a Dask
cluster with ``--scheduler`` (:mod:`storylens.cluster`), showing a progress bar with an
ETA on stderr. The notebooks then call the library as before; it finds every table in
the cache, so no notebook annotates a document again.
"""

from __future__ import annotations

import dataclasses
import time
from typing import TextIO

from storylens.analysis import DocumentInputs, Parameters, pending_chunks, run_chunks
from storylens.reports.config import plan_parameters

__all__ = ["PrepassResult", "pass_parameters", "run_prepass"]


@dataclasses.dataclass(frozen=True)
class PrepassResult:
    """What the prepass did: documents, those annotated now, seconds, where it ran."""

    documents: int
    annotated: int
    seconds: float
    where: str


def pass_parameters(request, corpus) -> list[Parameters]:
    """The distinct :class:`Parameters` the target notebooks will use: one per story file
    and stance topic among the notebooks that declare ``story`` (those that call the
    per-document pass; none if no notebook does)."""
    from storylens.actors import registry_for, stance_topic

    plan = plan_parameters(request.notebooks, request.config, targets=request.targets,
                           corpus=request.corpus, data_dirs=dict.fromkeys(request.targets),
                           story=request.story)  # fmt: skip
    by_name, found = request.by_name, {}
    for name, params in plan.items():
        if "story" not in by_name[name].declared:
            continue
        registry = registry_for(corpus, params.get("story") or None)
        topic = stance_topic(corpus, registry, params.get("topic_terms") or None).argument
        chosen = Parameters(registry, tuple(topic) if topic is not None else None)
        found.setdefault(chosen.fingerprint, chosen)
    return list(found.values())


def progress_bar(stream: TextIO, total: int, where: str):
    """A tqdm bar on ``stream`` (no monitor thread: the notebook pool forks after it)."""
    from tqdm import tqdm

    tqdm.monitor_interval = 0
    return tqdm(total=total, file=stream, unit="article", desc=f"annotating ({where})",
                mininterval=1.0, smoothing=0.1, dynamic_ncols=True)  # fmt: skip


def run_prepass(
    request, *, jobs: int, scheduler: str | None = None, store: str | None = None, stream: TextIO
) -> PrepassResult:
    """Annotate every document the notebooks will read into the cache (see the module
    docstring). ``jobs``: processes on this machine; ``scheduler``: a Dask scheduler
    address (else ``$STORYLENS_SCHEDULER``; neither: this machine); ``store``: where the
    per-document tables go, a folder or fsspec URL (else ``$STORYLENS_STORE``, else the
    corpus's cache folder; the notebooks read ``$STORYLENS_STORE``, which
    :func:`~storylens.reports.runner.run_reports` sets to its ``store``)."""
    from storylens import load_corpus
    from storylens.analysis import store_root
    from storylens.cluster import scheduler_address

    clock = time.monotonic()
    address = scheduler_address(scheduler)
    where = f"Dask scheduler {address}" if address else f"{jobs} process(es)"
    if not any("story" in request.by_name[name].declared for name in request.targets):
        return PrepassResult(0, 0, 0.0, where)  # no target notebook reads the pass
    corpus = load_corpus(request.corpus, progress=False, jobs=jobs)
    docs = DocumentInputs(corpus)  # built only for the documents to annotate
    cache = store or store_root(corpus.cache_root)
    plans = [(p, pending_chunks(docs, p, cache=cache, workers=jobs))
             for p in pass_parameters(request, corpus)]  # fmt: skip
    total = sum(len(chunk.items) for _, chunks in plans for chunk in chunks)
    print(f"per-document pass: {total:,} of {len(docs):,} articles to annotate, on {where}",
          file=stream, flush=True)  # fmt: skip
    if total:
        with progress_bar(stream, total, where) as bar:
            _annotate(plans, cache, jobs=jobs, address=address, progress=bar.update)
    return PrepassResult(len(docs), total, time.monotonic() - clock, where)


def _annotate(plans, cache, *, jobs: int, address: str | None, progress) -> None:
    if address is None:
        for params, chunks in plans:
            run_chunks(chunks, params, cache, jobs=jobs, progress=progress)
        return
    from storylens import cluster

    with cluster.connect(address) as client:
        cluster.check_workers(client)
        for params, chunks in plans:
            cluster.run_chunks(client, chunks, params, cache, progress=progress)
