"""« Modifié le »: the date of the last commit that touched each source file.

One `git log` pass over the whole history gives every file's last commit at once;
running git once per page would cost a process per page (hundreds per build). Outside
a git checkout (an exported archive) there is simply no date. With SOURCE_DATE_EPOCH
set, dates are clamped to it, so a reproducible build never shows a later date than
the commit it was built from.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

try:
    from zoneinfo import ZoneInfo

    _TZ: dt.tzinfo = ZoneInfo("Europe/Paris")
except (ImportError, KeyError, ValueError):  # no tz database: UTC keeps the result deterministic
    _TZ = dt.UTC

_MARK = "\x1e"  # record separator before each commit's timestamp


def last_commit_times(root: Path) -> dict[str, int]:
    """{path relative to `root`: Unix time of the last commit touching it}."""
    try:
        proc = subprocess.run(
            [
                "git",
                "-C",
                str(root),
                "log",
                "--relative",
                "--no-renames",
                "--format=%x1e%ct",
                "--name-only",
                "--",
                ".",
            ],
            capture_output=True,
            text=True,
            check=False,
            encoding="utf-8",
        )
    except OSError:
        return {}
    if proc.returncode != 0:
        return {}
    return parse_log(proc.stdout)


def parse_log(output: str) -> dict[str, int]:
    """Newest commit first: the first time a path appears is its last modification."""
    times: dict[str, int] = {}
    current = 0
    for line in output.split("\n"):  # not splitlines(): it splits on \x1e too
        if line.startswith(_MARK):
            current = int(line[1:])
        elif line.strip() and current:
            times.setdefault(line.strip(), current)
    return times


class GitDates:
    """Dates for the pages of one build, looked up by source path (file or folder)."""

    def __init__(self, times: dict[str, int], epoch: int | None = None) -> None:
        self.times = times
        self.epoch = epoch

    @classmethod
    def from_checkout(cls, root: Path) -> GitDates:
        raw = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        return cls(last_commit_times(root), int(raw) if raw.isdigit() else None)

    def timestamp(self, source: str) -> int | None:
        """A file's last commit; for a folder (`fiches/`), the last commit under it."""
        if source.endswith("/"):
            found = [t for p, t in self.times.items() if p.startswith(source)]
            stamp = max(found) if found else None
        else:
            stamp = self.times.get(source)
        if stamp is not None and self.epoch is not None:
            stamp = min(stamp, self.epoch)
        return stamp

    def date(self, source: str) -> dt.date | None:
        stamp = self.timestamp(source)
        return dt.datetime.fromtimestamp(stamp, _TZ).date() if stamp is not None else None
