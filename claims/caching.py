"""Keys for the per-worker cache: a readable prefix and a digest of what the cached value
depends on, so equal inputs give equal keys in every worker and process."""

import hashlib


def digest_key(prefix, *depends_on):
    """`prefix:<md5 of repr(depends_on)>` (md5 only spreads keys; nothing secret here)."""
    digest = hashlib.md5(repr(depends_on).encode(), usedforsecurity=False).hexdigest()
    return f"{prefix}:{digest}"
