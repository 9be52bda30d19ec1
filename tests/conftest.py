from pathlib import Path

import pytest
from django.conf import settings

from claims.services import seed_load

SEED_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


@pytest.fixture(autouse=True)
def _plain_http(settings):
    """Tests talk plain HTTP to the test client; HTTPS redirects are tested on their own."""
    settings.SECURE_SSL_REDIRECT = False
    # The hashed-name manifest exists only after collectstatic; tests use plain names.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def seed(db):
    """The committed seed fixture, loaded the way `make run` loads it."""
    seed_load(path=SEED_FIXTURE)
