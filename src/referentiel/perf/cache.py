"""Per-file cache of what `load` and the text checks learn from each source file alone.

WHY (bench/RAPPORT.md): `referentiel check` re-read, re-validated and re-scanned every
file on each run; at 10× the real size a cold check is several times a warm one, and
almost all of it is spent on files the editor did not touch. Like mypy's or ruff's
caches, this one keeps, for each file, what depends on that file alone, so a run only
redoes the files whose bytes changed. Everything that depends on several files
(references, ids, the glossary lookup) is recomputed on every run.

Safety: a cache is an input nobody reviews, so nothing in it may run code or change a
verdict.
- Entries are JSON, never pickles: reading one can only produce data.
- Each entry carries an HMAC-SHA256 made with a key kept outside the checkout, in the
  user's own cache folder (`~/.cache/referentiel/cle`): an entry written anywhere else
  (committed to the repository, restored from another machine, edited by hand) does
  not verify and is a miss. A cache folder holding files tracked by git is not used.
- The key of an entry is a hash of the file's path and bytes, inside a folder named
  after a hash of this package's own source and of the library versions: a new rule
  or a new pydantic can never serve a stale result.
- A missing, unreadable or corrupt entry is a miss, never an error; writes go through
  a temporary file and an atomic rename; a cache that cannot be written is skipped;
  it only writes under its own folder (`.cache/referentiel/` at the root of the
  checkout, or `REFERENTIEL_CACHE=<dossier>`); `REFERENTIEL_CACHE=0` or `referentiel
  check --sans-cache` turns it off. Entries no longer used are removed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import platform
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

T = TypeVar("T")

ENV = "REFERENTIEL_CACHE"
KEY_ENV = "REFERENTIEL_CLE_CACHE"  # tests point it at a temporary key
SUFFIX = ".json"
_code_key: str | None = None


def code_key() -> str:
    """Hash of everything that decides what a file's result is: this package's source,
    the Python and library versions."""
    global _code_key
    if _code_key is None:
        import pydantic
        import yaml

        digest = hashlib.blake2b(digest_size=10)
        digest.update(
            f"{sys.version}|{platform.machine()}|{pydantic.VERSION}|{yaml.__version__}".encode()
        )
        package = Path(__file__).resolve().parent.parent
        for path in sorted(package.rglob("*.py")):
            digest.update(
                path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
            )
        _code_key = digest.hexdigest()
    return _code_key


def _secret() -> bytes | None:
    """This user's signing key, created on first use; None when it cannot be kept."""
    setting = os.environ.get(KEY_ENV)
    home_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    path = Path(setting) if setting else home_cache / "referentiel" / "cle"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = b""
    except OSError:
        return None
    if len(data) >= 32:
        return data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(os.urandom(32))
        os.replace(tmp, path)
        return path.read_bytes()
    except OSError:
        return None


def _tracked_by_git(folder: Path) -> bool:
    """Whether git tracks anything under `folder` (a cache committed to the repository)."""
    try:
        proc = subprocess.run(
            ["git", "-C", str(folder.parent), "ls-files", "--", folder.name],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return proc.returncode == 0 and bool(proc.stdout.strip())


def for_checkout(root: Path, kind: str) -> FileCache[Any]:
    """The cache of the checkout at `root` for one `kind` of result: in its own
    `.cache/referentiel/`, pruned of what the checkout no longer holds; or in the
    folder named by REFERENTIEL_CACHE, shared (by content) between checkouts and never
    pruned entry by entry; or none."""
    setting = os.environ.get(ENV, "")
    if setting in ("0", "non", "off"):
        return FileCache(None)
    if setting:
        return FileCache(Path(setting) / code_key() / kind, shared=True)
    top = Path(root) / ".cache"
    if top.is_dir() and _tracked_by_git(top):
        return FileCache(None)  # never trust a cache that came with the sources
    return FileCache(top / "referentiel" / code_key() / kind)


class FileCache(Generic[T]):
    """Results of a per-file computation, addressed by the file's path and bytes, kept
    as signed JSON (`encode` turns a result into JSON data, `decode` back)."""

    def __init__(self, folder: Path | None, *, shared: bool = False) -> None:
        self.folder = folder
        self.shared = shared
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0
        self._key = _secret() if folder is not None else None
        if self._key is None:
            self.folder = None

    @staticmethod
    def name(rel: str, raw: bytes) -> str:
        """The entry's name: a hash of the file's path and bytes."""
        return hashlib.blake2b(rel.encode() + b"\0" + raw, digest_size=16).hexdigest() + SUFFIX

    def _mac(self, payload: bytes) -> str:
        assert self._key is not None
        return hmac.new(self._key, payload, hashlib.sha256).hexdigest()

    def get(
        self,
        name: str,
        compute: Callable[[], T],
        encode: Callable[[T], Any],
        decode: Callable[[Any], T],
    ) -> T:
        """The cached result under `name`, or `compute()` (then stored)."""
        if self.folder is None:
            self.misses += 1
            return compute()
        self.used.add(name)
        entry = self.folder / name
        found = self._read(entry, decode)
        if found is not None:
            self.hits += 1
            return found[0]
        self.misses += 1
        result = compute()
        self._write(entry, encode(result))
        return result

    def _read(self, entry: Path, decode: Callable[[Any], T]) -> tuple[T] | None:
        try:
            with entry.open("rb") as f:
                mac, _, payload = f.read().partition(b"\n")
        except OSError:
            return None
        if not hmac.compare_digest(mac.decode("ascii", "replace"), self._mac(payload)):
            return None  # not written by this user's tool: ignored
        try:
            return (decode(json.loads(payload)),)
        except Exception:  # noqa: BLE001 - an entry of an older shape: recompute it
            return None

    def _write(self, entry: Path, data: Any) -> None:
        try:
            payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
            entry.parent.mkdir(parents=True, exist_ok=True)
            tmp = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
            tmp.write_bytes(self._mac(payload).encode() + b"\n" + payload)
            os.replace(tmp, entry)
        except (OSError, TypeError, ValueError):  # read-only checkout, full disk: no cache
            self.folder = None

    def prune(self) -> None:
        """Remove entries this run did not use (own cache only), and caches of other
        code versions, after a run that had to compute something (a new version always
        does)."""
        if self.folder is None or not self.folder.is_dir():
            return
        for item in os.scandir(self.folder) if not self.shared else ():
            if item.name not in self.used and item.name.endswith(SUFFIX):
                Path(item.path).unlink(missing_ok=True)
        if not self.misses:
            return
        version = self.folder.parent
        for other in version.parent.iterdir():
            if other == version or not _is_cache_folder(other):
                continue
            for kind in other.iterdir():
                for old in kind.iterdir():
                    old.unlink(missing_ok=True)
                kind.rmdir()
            other.rmdir()


def _is_cache_folder(path: Path) -> bool:
    """A folder this module wrote (a code key holding folders of entries), nothing
    else: the cache may sit in a folder the user chose, next to their own files."""
    return (
        path.is_dir()
        and len(path.name) == 20
        and all(c in "0123456789abcdef" for c in path.name)
        and all(
            kind.is_dir()
            and all(p.is_file() and p.name.endswith((SUFFIX, ".tmp")) for p in kind.iterdir())
            for kind in path.iterdir()
        )
    )


class BlobStore:
    """Signed binary results (printed PDFs) kept under the cache's folder of a checkout,
    addressed by a hash of their inputs: the same safety rules as `FileCache` (an entry
    this user's tool did not write is ignored; a cache tracked by git is not used)."""

    def __init__(self, folder: Path | None) -> None:
        self._key = _secret() if folder is not None else None
        self.folder = folder if self._key is not None else None
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_checkout(cls, root: Path, kind: str) -> BlobStore:
        """The store of one `kind` (e.g. « pdf »), beside the per-file caches but not under
        the code's version: what it keeps depends on its own inputs, not on our code."""
        setting = os.environ.get(ENV, "")
        if setting in ("0", "non", "off"):
            return cls(None)
        if setting:
            return cls(Path(setting) / kind)
        top = Path(root) / ".cache"
        if top.is_dir() and _tracked_by_git(top):
            return cls(None)
        return cls(top / "referentiel" / kind)

    def _mac(self, data: bytes) -> bytes:
        assert self._key is not None
        return hmac.new(self._key, data, hashlib.sha256).hexdigest().encode()

    def get(self, name: str) -> bytes | None:
        if self.folder is None:
            self.misses += 1
            return None
        self.used.add(name)
        try:
            data = (self.folder / name).read_bytes()
            mac = (self.folder / f"{name}.mac").read_bytes()
        except OSError:
            self.misses += 1
            return None
        if not hmac.compare_digest(mac, self._mac(data)):
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, name: str, data: bytes) -> None:
        if self.folder is None:
            return
        self.used.add(name)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for target, content in ((f"{name}.mac", self._mac(data)), (name, data)):
                tmp = self.folder / f".{target}.{os.getpid()}.tmp"
                tmp.write_bytes(content)
                os.replace(tmp, self.folder / target)
        except OSError:
            self.folder = None

    def prune(self) -> None:
        """Remove the entries this run did not use."""
        if self.folder is None or not self.folder.is_dir():
            return
        for item in os.scandir(self.folder):
            base = item.name.removesuffix(".mac")
            if base not in self.used and not item.name.startswith("."):
                Path(item.path).unlink(missing_ok=True)
