import os
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

from claims.services import seed_load
from tests.snapshots import Snapshot

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


# Set before any fixture (the session-scoped live server included) reads them: tests
# talk plain HTTP, and the hashed-name manifest exists only after collectstatic.
settings.SECURE_SSL_REDIRECT = False
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# PBKDF2's work factor is there to slow attackers; every test login would pay it too.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Examples per property in a normal run; HYPOTHESIS_PROFILE=thorough (ten times as
# many) for a long hunt.
hypothesis_settings.register_profile("suite", max_examples=30)
hypothesis_settings.register_profile("thorough", max_examples=300)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


@pytest.fixture(scope="session")
def seed_snapshot(django_db_setup, django_db_blocker):
    """The rows the real `seed_load` adds, captured once per session."""
    with django_db_blocker.unblock():
        return Snapshot.capture(lambda: seed_load(path=SEED_FIXTURE))


@pytest.fixture
def seed(db, seed_snapshot):
    """The committed seed fixture, as `make run` loads it (`seed_load`), in this test's
    database; copied from one real load per session, primary keys included."""
    seed_snapshot.load()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty per-process caches, as a fresh worker would (a rolled
    back test leaves the data version where an earlier test's pages were kept)."""
    from django.core.cache import caches

    for cache in caches.all(initialized_only=True):
        cache.clear()


@pytest.fixture
def no_page_cache(settings):
    """Whole pages not kept, for tests of the caches inside a page."""
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "pages": dummy}
