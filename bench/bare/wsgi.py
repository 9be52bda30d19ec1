"""The app's WSGI stack (settings, middleware) serving only bench/bare/urls.py."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iraqnews.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (settings are readable only after set-up)

settings.ROOT_URLCONF = "bench.bare.urls"
