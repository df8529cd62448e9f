"""The per-document pass on a ``dask.distributed`` cluster.

The same function that annotates a chunk of documents on this machine
(:func:`storylens.analysis.store_chunk`) is sent to the cluster's workers with
``client.map``, one task per chunk. Where every worker can see the cache folder (the
same machine, or a shared file system mounted at the same path: each worker is asked),
the workers write their chunks into it themselves; otherwise the tables come back to
this process, which writes them. The cache entries, and so every table read from them,
are the same whichever way and on however many workers they were made.

``--scheduler ADDRESS`` (or ``$STORYLENS_SCHEDULER``) names the scheduler, e.g.
``tcp://10.0.0.5:8786``; the workers need the same storylens (code and data) as this
process, which is checked before any task is sent.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from storylens.analysis import Chunk, Parameters, code_fingerprint, store_chunk, write_tables

SCHEDULER_VARIABLE = "STORYLENS_SCHEDULER"

__all__ = ["SCHEDULER_VARIABLE", "ClusterError", "connect", "run_chunks", "scheduler_address"]


class ClusterError(RuntimeError):
    """The cluster cannot run the pass (unreachable, or workers with other code)."""


def scheduler_address(given: str | None = None) -> str | None:
    """The scheduler to use: ``given``, else ``$STORYLENS_SCHEDULER``; None: run locally."""
    return given or os.environ.get(SCHEDULER_VARIABLE) or None


@contextlib.contextmanager
def connect(address: str, *, timeout: float = 30) -> Iterator[object]:
    """A ``distributed.Client`` of the scheduler at ``address``, closed on exit."""
    from distributed import Client

    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except OSError as err:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({err}); check --scheduler or "
            f"${SCHEDULER_VARIABLE}, or leave both unset to run on this machine"
        ) from err
    try:
        yield client
    finally:
        client.close()


def check_workers(client) -> int:
    """The number of workers, after checking each runs this storylens (code and data)."""
    mine = code_fingerprint()
    theirs = client.run(code_fingerprint)
    if not theirs:
        raise ClusterError("the Dask cluster has no workers; start some (dask worker ADDRESS)")
    other = sorted(w for w, fp in theirs.items() if fp != mine)
    if other:
        raise ClusterError(
            f"worker(s) {', '.join(other)} run a storylens different from this one (code "
            "or data files differ); install the same checkout on every worker"
        )
    return len(theirs)


def workers_see(client, folder: str) -> bool:
    """Whether every worker sees ``folder`` (so they can write the cache themselves)."""
    return all(client.run(os.path.isdir, folder).values())


def run_chunks(client, chunks: list[Chunk], params: Parameters, cache, *, progress=None) -> None:
    """Annotate ``chunks`` on the cluster of ``client``, into the cache under ``cache``;
    ``progress(n)`` is called as each chunk of n documents is done."""
    from distributed import as_completed

    if not chunks:
        return
    root = str(cache)
    os.makedirs(root, exist_ok=True)
    remote_root = root if workers_see(client, root) else None
    shared = client.scatter(params, broadcast=True, hash=False)
    futures = client.map(store_chunk, chunks, params=shared, root=remote_root, pure=False)
    sizes = {future.key: len(chunk.items) for future, chunk in zip(futures, chunks, strict=True)}
    for future in as_completed(futures, loop=client.loop):
        done = future.result()
        if remote_root is None:  # the tables came back: this process writes them
            write_tables(root, done)
        if progress is not None:
            progress(sizes[future.key])
        future.release()
