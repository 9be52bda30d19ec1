"""The per-worker cache: every key is a readable name and a digest of what the value
depends on, and every lifetime is a setting (CACHE_LIFETIMES)."""

import hashlib

from django.conf import settings
from django.core.cache import cache


def digest_key(name, *depends_on):
    """`name:<md5 of repr(depends_on)>` (md5 only spreads keys; nothing secret here)."""
    digest = hashlib.md5(repr(depends_on).encode(), usedforsecurity=False).hexdigest()
    return f"{name}:{digest}"


def remember(name, depends_on, compute, keep=None):
    """The value `compute()` gave for `depends_on`, kept for CACHE_LIFETIMES[name] seconds
    when `keep(value)` (default: always)."""
    key = digest_key(name, depends_on)
    value = cache.get(key)
    if value is None:
        value = compute()
        if keep is None or keep(value):
            cache.set(key, value, settings.CACHE_LIFETIMES[name])
    return value


def remember_many(name, depends_on, compute_missing, keep=None):
    """{id: value} for `depends_on` ({id: what its value depends on}): cached values, and
    `compute_missing(ids)` ({id: value}) for the rest, kept when `keep(id, value)`
    (default: always). An id `compute_missing` leaves out is left out."""
    keys = {id_: digest_key(name, parts) for id_, parts in depends_on.items()}
    found = cache.get_many(keys.values())
    missing = [id_ for id_, key in keys.items() if key not in found]
    if missing:
        fresh = compute_missing(missing)
        kept = {
            keys[id_]: value
            for id_, value in fresh.items()
            if value is not None and (keep is None or keep(id_, value))
        }
        cache.set_many(kept, settings.CACHE_LIFETIMES[name])
        found.update({keys[id_]: value for id_, value in fresh.items()})
    return {id_: found[key] for id_, key in keys.items() if key in found}


def aggregate(name, count, compute):
    """`compute()` itself while `count` (a BoundedCount) is exact, so small data is always
    fresh; else cached under `name` for CACHE_LIFETIMES["aggregate"] seconds."""
    if count.exact:
        return compute()
    return remember("aggregate", name, compute)
