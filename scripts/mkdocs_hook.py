"""Thin MkDocs hook: every piece of logic lives in the `referentiel` package.

MkDocs 1.x is frozen and Material's end of life is announced; keeping this file a
handful of delegating functions means a move to ProperDocs or Zensical only has to
replace it (the generated docs folder is plain Markdown any of them can build).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from referentiel.site.hooks import SiteHooks

_hooks = SiteHooks()


def on_startup(command: str, dirty: bool) -> None:
    SiteHooks.on_startup(command)


def on_config(config: Any) -> Any:
    return _hooks.on_config(config, Path(config.config_file_path).parent)


def on_pre_build(config: Any) -> None:
    _hooks.on_pre_build(config)


def on_post_build(config: Any) -> None:
    _hooks.on_post_build(config)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    return _hooks.on_serve(server, config, builder)
