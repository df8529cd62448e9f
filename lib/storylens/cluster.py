"""The per-document pass on a ``dask.distributed`` cluster.

The same function that annotates a chunk of documents on this machine
(:func:`storylens.analysis.store_chunk`) is sent to the cluster's workers with
``client.map``, one task per chunk. Where every worker can see the cache folder (the
same machine, a shared file system mounted at the same path, or an object store such as
``s3://bucket/storylens`` given with ``--store``: each worker is asked whether it sees a
file this process wrote there), the workers write their chunks into it themselves;
otherwise the tables come back to this process, which writes them. The cache entries,
and so every table read from them, are the same whichever way and on however many
workers they were made.

``--scheduler ADDRESS`` (or ``$STORYLENS_SCHEDULER``) names the scheduler, e.g.
``tcp://10.0.0.5:8786``; the workers need the same storylens (code and data) as this
process, which is checked before any task is sent.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator

from storylens.analysis import (
    Chunk,
    Parameters,
    code_fingerprint,
    store_chunk,
    tidy_cache,
    write_tables,
)

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


def _reaches(root: str, probe: str) -> bool:
    """Whether this process sees the file ``probe`` in the store at ``root``."""
    from storylens.corpus.location import open_location

    try:
        location = open_location(root)
        return location.exists(location.root / probe)
    except (OSError, ValueError):  # no such folder, or no package for the protocol here
        return False


def workers_see(client, root: str) -> bool:
    """Whether every worker sees the store at ``root`` (a folder or fsspec URL), so they
    can write into it themselves: a file this process writes there is asked for (a folder
    of the same name on another machine, or ``memory://`` in another process, is not it)."""
    from storylens.corpus.location import open_location

    location = open_location(root)
    probe = f".probe-{uuid.uuid4().hex}"
    location.makedirs(location.root)
    location.write_text(location.root / probe, "storylens: can the workers see this?\n")
    try:
        return all(client.run(_reaches, root, probe).values())
    finally:
        location.remove(location.root / probe)


def run_chunks(client, chunks: list[Chunk], params: Parameters, cache, *, progress=None) -> None:
    """Annotate ``chunks`` on the cluster of ``client``, into the cache under ``cache`` (a
    folder or fsspec URL), then compact the tables that now hold too many batches;
    ``progress(n)`` is called as each chunk of n documents is done."""
    from distributed import as_completed

    if not chunks:
        return
    root = str(cache)
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
    tidy_cache(root)
