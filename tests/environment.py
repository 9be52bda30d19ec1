"""Loaded by pytest (`-p tests.environment` in pytest.ini) before Django reads its settings.

The suite runs with DEBUG off, as production does, and settings refuse to start with DEBUG
off and no SECRET_KEY; the tests, and the manage.py subprocesses they start, get a key of
their own here.
"""

import os

os.environ.setdefault("SECRET_KEY", "insecure-key-for-the-test-suite-only-0123456789abcdef")
