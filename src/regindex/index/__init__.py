"""The Whoosh search index: records, schema, incremental build, search."""

from .build import SearchIndex, Source, Update, default_index_path, folder_sources
from .query import UserQuery, parse_query
from .records import Record, records
from .search import IN_FORCE, Hit, Searcher

__all__ = ["SearchIndex", "Source", "Update", "default_index_path", "folder_sources",
           "Searcher", "Hit", "IN_FORCE", "parse_query", "UserQuery", "Record", "records"]
