from pathlib import Path

import pytest
from django.conf import settings

from claims.services import seed_load

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


# Set before any fixture (the session-scoped live server included) reads them: tests
# talk plain HTTP, and the hashed-name manifest exists only after collectstatic.
settings.SECURE_SSL_REDIRECT = False
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


@pytest.fixture
def seed(db):
    """The committed seed fixture, loaded the way `make run` loads it."""
    seed_load(path=SEED_FIXTURE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty per-process cache, as a fresh worker would."""
    from django.core.cache import cache

    cache.clear()
