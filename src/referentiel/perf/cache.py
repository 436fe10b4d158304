"""Per-file cache of what `load` learns from each source file alone.

WHY: `referentiel check` re-read, re-validated and re-scanned every file on each run;
at 10× the real size that is 4 s, most of it on files the editor did not touch
(issue 6). Like mypy's or ruff's caches, this one keeps, for each file, the parsed
document, the validated model, the file's own diagnostics and the text checks'
findings, so a run only redoes the files whose bytes changed. Everything that depends
on several files (references, ids, the glossary lookup) is recomputed on every run.

Safety of the cache:
- the key is a hash of the file's path and bytes (never a date), inside a folder named
  after a hash of this package's own source and of the library versions: a new rule
  or a new pydantic can never serve a stale result;
- a missing, unreadable or corrupt entry is a miss, never an error; writes go through a
  temporary file and an atomic rename; a cache that cannot be written is skipped;
- it only ever writes under its own folder (`.cache/referentiel/` at the root of the
  checkout, or `REFERENTIEL_CACHE=<dossier>`); `REFERENTIEL_CACHE=0` or
  `referentiel check --sans-cache` turns it off. Entries no longer used are removed.

Entries are pickles: the folder belongs to the user who runs the tool, as with any
build cache; it is never published (build/ and site/ are elsewhere).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import platform
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

ENV = "REFERENTIEL_CACHE"
_code_key: str | None = None


def code_key() -> str:
    """Hash of everything that decides what a file's result is: this package's source,
    the Python and library versions."""
    global _code_key
    if _code_key is None:
        import pydantic
        import yaml

        digest = hashlib.blake2b(digest_size=10)
        digest.update(f"{sys.version}|{platform.machine()}|{pydantic.VERSION}|{yaml.__version__}".encode())
        package = Path(__file__).resolve().parent
        for path in sorted(package.rglob("*.py")):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        _code_key = digest.hexdigest()
    return _code_key


def for_checkout(root: Path, kind: str = "fichiers") -> FileCache[Any]:
    """The cache of the checkout at `root` for one `kind` of result: in its own
    `.cache/referentiel/`, pruned of what the checkout no longer holds; or in the
    folder named by REFERENTIEL_CACHE, shared (by content) between checkouts and never
    pruned entry by entry; or none."""
    setting = os.environ.get(ENV, "")
    if setting in ("0", "non", "off"):
        return FileCache(None)
    if setting:
        return FileCache(Path(setting) / code_key() / kind, shared=True)
    return FileCache(Path(root) / ".cache" / "referentiel" / code_key() / kind)


def key_of(*parts: str | bytes) -> bytes:
    """Bytes that identify a computation's inputs, for `FileCache.get`."""
    return b"\0".join(p if isinstance(p, bytes) else p.encode() for p in parts)


class FileCache(Generic[T]):
    """Results of a per-file computation, addressed by the file's path and bytes."""

    def __init__(self, folder: Path | None, *, shared: bool = False) -> None:
        self.folder = folder
        self.shared = shared
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def name(rel: str, raw: bytes) -> str:
        """The entry's name: a hash of the file's path and bytes."""
        return hashlib.blake2b(rel.encode() + b"\0" + raw, digest_size=16).hexdigest() + ".pickle"

    def get(self, rel: str, raw: bytes, compute: Callable[[], T], name: str | None = None) -> T:
        """The cached result for `rel` with these bytes, or `compute()` (then stored).
        `name`: the entry's name when the caller already has it (see `name`)."""
        if self.folder is None:
            self.misses += 1
            return compute()
        name = name or self.name(rel, raw)
        self.used.add(name)
        entry = self.folder / name
        try:
            with entry.open("rb") as f:
                result: T = pickle.load(f)
        except Exception:  # noqa: BLE001 - missing, truncated, from another version: recompute
            pass
        else:
            self.hits += 1
            return result
        self.misses += 1
        result = compute()
        self._write(entry, result)
        return result

    def _write(self, entry: Path, result: T) -> None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
            tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, entry)
        except Exception:  # noqa: BLE001 - read-only checkout, full disk, unpicklable: no cache
            self.folder = None

    def prune(self) -> None:
        """Remove entries this run did not use (own cache only), and caches of other
        code versions.

        Listing the folder costs a few milliseconds at 10×; the other versions are only
        looked for after a run that had to compute something (a new version always does)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for entry in os.scandir(self.folder) if not self.shared else ():
            if entry.name not in self.used and entry.name.endswith(".pickle"):
                Path(entry.path).unlink(missing_ok=True)
        if not self.misses:
            return
        version = self.folder.parent
        for other in version.parent.iterdir():
            if other == version or not _is_cache_folder(other):
                continue
            for kind in other.iterdir():
                for entry in kind.iterdir():
                    entry.unlink(missing_ok=True)
                kind.rmdir()
            other.rmdir()


def _is_cache_folder(path: Path) -> bool:
    """A folder this module wrote (a code key holding folders of entries), nothing
    else: the cache may sit in a folder the user chose, next to their own files."""
    return (path.is_dir() and len(path.name) == 20 and all(c in "0123456789abcdef" for c in path.name)
            and all(kind.is_dir() and all(p.is_file() and p.name.endswith((".pickle", ".tmp"))
                                          for p in kind.iterdir())
                    for kind in path.iterdir()))
