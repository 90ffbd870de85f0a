"""Options of the `regindex` MkDocs plugin (the `plugins:` entry of mkdocs.yml)."""

from __future__ import annotations

from mkdocs.config.base import Config
from mkdocs.config.config_options import Optional, Type

__all__ = ["RegindexConfig"]


class RegindexConfig(Config):
    enabled = Type(bool, default=True)
    # The regulations folder; when unset, MkDocs' docs_dir (mkdocs.yml sets it to regulations/).
    folder = Optional(Type(str))
    # Processes that render document pages; when unset, one per core.
    jobs = Optional(Type(int))
