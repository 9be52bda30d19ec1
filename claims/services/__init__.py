"""Writes that touch several models, each atomic: all of it happens or none.

`imports` turns a pasted article or a web page into an article with its quotes, `curation` holds
the curators' locked and bulk edits, `merges` merges records and undoes merges, and
`seeding` loads the seed fixture.
"""

from claims.services.curation import (
    StaleEdit,
    quote_add,
    quote_bulk_update,
    quote_detach,
    quote_reassign,
    quote_speaker_fields,
    record_save_checked,
    stale_message,
)
from claims.services.imports import (
    MAX_ARTICLE_CHARS,
    ImportRejected,
    ImportResult,
    article_import,
    article_import_page,
)
from claims.services.merges import MergeRefused, merge_undo, organization_merge, speaker_merge
from claims.services.seeding import seed_load
from claims.services.suggestions import claim_suggestions

__all__ = [
    "MAX_ARTICLE_CHARS",
    "ImportRejected",
    "ImportResult",
    "MergeRefused",
    "StaleEdit",
    "article_import",
    "article_import_page",
    "claim_suggestions",
    "merge_undo",
    "organization_merge",
    "quote_add",
    "quote_bulk_update",
    "quote_detach",
    "quote_reassign",
    "quote_speaker_fields",
    "record_save_checked",
    "seed_load",
    "speaker_merge",
    "stale_message",
]
