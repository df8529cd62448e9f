"""Where a :class:`storylens.corpus.store.TableStore` lives: a local folder or any fsspec URL.

``/data/cache``, ``cache`` (relative to the working directory) and ``file:///data/cache``
are folders on this machine; ``memory://cache`` is one process's memory (for tests);
``s3://bucket/cache``, ``gs://...``, ``abfs://...`` are object stores, read and written
through fsspec (the package for the protocol must be installed: ``s3fs``, ``gcsfs``,
``adlfs``; credentials come from the usual places: the environment, ``~/.aws``, fsspec's
configuration).

>>> open_location("file:///tmp/cache").local, open_location("memory://cache").root
(True, PurePosixPath('/cache'))
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path, PurePath, PurePosixPath

__all__ = ["Location", "StoreLocationError", "open_location"]


class StoreLocationError(ValueError):
    """A store URL whose protocol is unknown, or whose package is not installed."""


@dataclasses.dataclass(frozen=True)
class Location:
    """A file system and a folder in it. ``local``: a folder on this machine (``root`` is a
    :class:`~pathlib.Path` and a batch is published by an atomic rename); else ``root``
    is a :class:`~pathlib.PurePosixPath` of the fsspec file system ``fs``."""

    url: str
    fs: object  # fsspec.AbstractFileSystem
    root: PurePath

    @property
    def local(self) -> bool:
        return isinstance(self.root, Path)

    def arrow_filesystem(self):
        """The file system for pyarrow's parquet reader and writer."""
        import pyarrow.fs as pafs

        if self.local:
            return pafs.LocalFileSystem()
        return pafs.PyFileSystem(pafs.FSSpecHandler(self.fs))

    def names(self, folder: PurePath) -> list[str]:
        """The names in ``folder`` (none when it does not exist), always listed afresh."""
        if self.local:
            return os.listdir(folder) if os.path.isdir(folder) else []
        self.fs.invalidate_cache(str(folder))
        try:
            entries = self.fs.ls(str(folder), detail=False)
        except FileNotFoundError:
            return []
        return [PurePosixPath(entry).name for entry in entries]

    def exists(self, path: PurePath) -> bool:
        return os.path.exists(path) if self.local else self.fs.exists(str(path))

    def read_text(self, path: PurePath) -> str:
        with self.fs.open(str(path), "rb") as file:
            return file.read().decode("utf-8")

    def write_text(self, path: PurePath, text: str) -> None:
        with self.fs.open(str(path), "wb") as file:
            file.write(text.encode("utf-8"))

    def makedirs(self, path: PurePath) -> None:
        self.fs.makedirs(str(path), exist_ok=True)

    def remove(self, path: PurePath) -> None:
        """Remove a file or a folder and all it holds; nothing when it is gone already."""
        try:
            self.fs.rm(str(path), recursive=True)
        except FileNotFoundError:
            pass


def open_location(where: str | os.PathLike) -> Location:
    """The :class:`Location` of a folder or URL (see the module docstring); raises
    :class:`StoreLocationError` naming the URL for an unknown protocol, or naming the
    package to install for a known one whose package is missing."""
    import fsspec

    text = os.fspath(where)
    protocol = text.split("://", 1)[0] if "://" in text else "file"
    try:
        fs, path = fsspec.core.url_to_fs(text)
    except ImportError as err:
        package = _package_of(protocol)
        raise StoreLocationError(
            f"the store {text} needs the {package} package for {protocol}:// URLs, and it "
            f"is not installed ({err}): install it (pip install {package}), or give a "
            "local folder"
        ) from err
    except ValueError as err:
        raise StoreLocationError(
            f"the store {text} has an unknown protocol {protocol}:// ({err}); give a "
            "folder, a file:// URL, or a protocol fsspec knows (s3://, gs://, abfs://, ...)"
        ) from err
    if protocol in ("file", "local"):
        return Location(text, fs, Path(path))
    return Location(text, fs, PurePosixPath(path))


def _package_of(protocol: str) -> str:
    """The package that implements an fsspec protocol (``s3`` -> ``s3fs``)."""
    from fsspec.registry import known_implementations

    spec = known_implementations.get(protocol, {})
    return spec.get("class", protocol).split(".")[0]
