"""The search index: records, fields, incremental build (store.py: SQLite with compact
postings per term), BM25F ranking, search."""

from .build import (IndexBusy, IndexUnwritable, SearchIndex, Source, Update, default_index_path,
                    folder_sources, segment_cache_path)
from .query import UserQuery, parse_query
from .records import Record, records
from .search import IN_FORCE, Hit, Searcher

__all__ = ["SearchIndex", "Source", "Update", "default_index_path", "segment_cache_path",
           "folder_sources", "IndexBusy", "IndexUnwritable",
           "Searcher", "Hit", "IN_FORCE", "parse_query", "UserQuery", "Record", "records"]
