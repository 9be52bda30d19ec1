"""The curators' workspace. Every change to quotes, claims, speakers, organizations and
articles is recorded with its author, reason and before/after values and can be reverted
from its history page; edits to a record someone else saved meanwhile are refused.

Importing the package registers every model admin with the default admin site.
"""

from django.contrib import admin

from claims.admin import curation, people, sources

# The index also counts the open problem reports.
admin.site.index_template = "admin/claims/index.html"

__all__ = ["curation", "people", "sources"]
