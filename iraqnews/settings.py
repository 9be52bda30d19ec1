"""Settings for iraqnews, configured from the environment.

Safe for development by default. For production set DEBUG=0, a strong
SECRET_KEY (or SECRET_KEY_FILE) and ALLOWED_HOSTS; with DEBUG off and no key the app
refuses to start. HTTPS settings follow DEBUG unless SECURE_HTTPS=0 turns them off for a
plain-HTTP local run.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# Development unless told otherwise (Django's own default): a fresh checkout's manage.py
# works as it is. Production says DEBUG=0 (`make serve`, deploy/, the benchmarks), and then
# needs a key; `check --deploy` warns while DEBUG is on.
DEBUG = env_bool("DEBUG", True)

# The key comes from SECRET_KEY, else from SECRET_KEY_FILE (`make serve` creates
# .secret_key once, readable by its owner only). Without either, only DEBUG, the test suite
# (pytest sets PYTEST_VERSION for its run and the processes it starts) or an explicit
# ALLOW_INSECURE_KEY=1 runs on the public development key: its report-address hashes and
# signed cookies would protect no one.
SECRET_KEY_FILE = Path(os.environ.get("SECRET_KEY_FILE") or BASE_DIR / ".secret_key")


def read_secret_key_file(path):
    """The key stored in `path`, or "" when there is no such file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return ""
    if mode & 0o077:
        raise ImproperlyConfigured(
            f"SECRET_KEY_FILE {path} is readable by other users; run `chmod 600 {path}`."
        )
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY", "") or read_secret_key_file(SECRET_KEY_FILE)
if not SECRET_KEY:
    if not (DEBUG or "PYTEST_VERSION" in os.environ or env_bool("ALLOW_INSECURE_KEY", False)):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set and DEBUG is off: set SECRET_KEY to a long random value "
            f"(or put one in {SECRET_KEY_FILE}, as `make serve` does), or set DEBUG=1 "
            "for development."
        )
    SECRET_KEY = "django-insecure-local-development-key-change-me"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "axes",
    "claims",
]

MIDDLEWARE = [
    "iraqnews.middleware.ProxiedClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "iraqnews.middleware.DatabaseUnavailableMiddleware",
    "iraqnews.middleware.RequestTooLargeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "iraqnews.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "iraqnews.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Django's backend, except that a missing file is an error rather than a new empty
    # database (only `migrate` creates one) and a moved or replaced file is noticed.
    DATABASES["default"]["ENGINE"] = "iraqnews.sqlite_backend"
    # WAL and a busy timeout let concurrent curator writes wait instead of failing; a
    # connection kept for CONN_MAX_AGE keeps its page cache between requests.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # Tests run on an in-memory database, one per test process (Django's default, said
    # out loud: pytest-xdist would otherwise derive a file name for this engine).
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

# Per worker process. Quote cards, facet counts and summaries are cached by the versions
# they show (claims/scale); the default of 300 entries is under a page.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
    },
    # Whole pages (claims/scale/page_cache.py), apart so that they cannot crowd out the
    # small values: PAGE_CACHE_ENTRIES pages per worker, each compressed (a 90 KB list page
    # keeps about 12 KB).
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_ENTRIES", "1000"))},
    },
}

# ---- Speed (claims/scale): cache lifetimes and bounds -------------------------------------
# How long, in seconds, a worker keeps each kind of cached value. A value keyed by the
# versions of the rows it shows changes at once on an edit through the admin or a service;
# its lifetime bounds how long a change made otherwise (an outlet renamed in the shell, a
# deleted quote) takes to show.
CACHE_LIFETIMES = {
    # A quote card or JSON record, keyed by the versions of its quote, speaker,
    # organization and claim.
    "card": 60,
    # A rendered quote page, keyed by what it shows.
    "quote-page": 60,
    # Search page results, keyed by the latest quote change.
    "search": 60,
    # A full-text list's first page (count and keys), keyed by the latest quote change.
    "read-ahead": 60,
    # Facet counts: sampled ones under the query string, a one-page list's under its cards'
    # versions.
    "facets": 60,
    # That a select's table is past FILTER_CHOICES_LIMIT, and a long select's top options.
    "choices": 600,
    # That a count passed COUNT_BOUND (small counts are always fresh).
    "large-count": 600,
    # Summaries (charts, most quoted) over more rows than COUNT_BOUND.
    "aggregate": 600,
    # A whole list or detail page, keyed by its URL and the database's data version, which
    # every write moves. A page is drawn from cards, facets and search results that may be
    # up to a minute old after a write made outside the admin and services, so it is kept
    # no longer than they are: such a write shows within two minutes.
    "page": 60,
}
# Counting stops here: past it pages say "more than 10,000" instead of scanning every row.
COUNT_BOUND = 10_000
# A select lists every option up to this many; past it, the chosen ones and the most frequent.
FILTER_CHOICES_LIMIT = 200
# Facet counts read at most this many matching rows, so they never scan a large table.
FACET_SAMPLE = 1_000
# A long option list shows the chosen options and this many of the most frequent.
FACET_TOP = 20
# At most this many facet queries run per page: each set filter's own facet needs one (it
# counts under the other filters), the unset ones share one; past it, facets go uncounted.
FACET_QUERIES = 3
# Search pages rank at most this many full-text matches before ordering them for display.
SEARCH_CANDIDATES = 200
# PostgreSQL ranks the first this-many index matches, not every match of a common word.
RANKED_POOL = 500
# Streamed exports (CSV, JSON lines) read this many rows per query, each query starting
# after the last row's sort key (claims/scale/keyset.py).
EXPORT_CHUNK = 2_000
# A whole page larger than this many bytes (before compression) is not kept (a 500-row
# JSON page), so PAGE_CACHE_ENTRIES compressed pages stay within about 30 MB per worker.
PAGE_CACHE_MAX_BYTES = 200_000
# ---- end of speed settings ---------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# The full-dataset download (`manage.py export_dataset`): files nginx serves in production
# (deploy/README.md), the download_file view otherwise.
DOWNLOADS_ROOT = Path(os.environ.get("DOWNLOADS_ROOT") or BASE_DIR / "downloads")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Public base URL for absolute links in JSON and feeds when behind a proxy; empty
# means the request's own host.
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")

# HTTPS hardening follows DEBUG; SECURE_HTTPS=0 turns it off for plain-HTTP runs.
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = SECURE_HTTPS
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
# Load balancers probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# No inline scripts or styles anywhere; JSON-LD blocks are data and are not executed.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Admin login throttling (django-axes): 5 failures for one username from one address
# lock that pair out for 15 minutes. Behind a proxy, REMOTE_ADDR must be the client's: behind
# nginx on a unix socket it is (iraqnews.middleware.ProxiedClientAddressMiddleware).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_VERBOSE = False

# A form's fields (file uploads aside) are held in memory up to this size. 5 MB fits the
# longest article the admin import accepts (1,000,000 characters of up to 4 UTF-8 bytes), so
# the import's own message explains a long paste; a larger form gets a 413 page saying so
# (iraqnews.middleware.RequestTooLargeMiddleware). nginx accepts bodies up to 10 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Errors and warnings (a 500 with its traceback, a database outage) go to stderr, each
# record headed by its time, level and logger; the one line per request comes from
# gunicorn's and nginx's access logs (deploy/gunicorn.conf.py, deploy/nginx/).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]
