"""WSGI entry point, used by gunicorn and the benchmarks."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iraqnews.settings")

application = get_wsgi_application()
