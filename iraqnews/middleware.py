"""A database outage answers 503 and an oversized form 413, each with a plain page; behind
nginx on a unix socket, REMOTE_ADDR is the client's address."""

import ipaddress
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30

# SQLite result codes (primary, the low byte) meaning the database file cannot be used
# right now: busy, locked, out of memory, read-only, I/O error, corrupt, disk full, cannot
# open, lock protocol, not a database. A wrong query, a missing table or column is
# SQLITE_ERROR (1): a programming error, which must stay a logged 500.
SQLITE_UNAVAILABLE_CODES = {5, 6, 7, 8, 10, 11, 13, 14, 15, 26}


def database_unavailable(error):
    """True when `error` says the database cannot be reached or used, not that a query is wrong.

    On PostgreSQL an OperationalError is about the server or the connection (a schema
    error is a ProgrammingError); on SQLite every error is an OperationalError, so the
    driver's result code decides.
    """
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    code = getattr(error.__cause__, "sqlite_errorcode", None)
    return code is None or code & 0xFF in SQLITE_UNAVAILABLE_CODES


def unavailable_response():
    """The 503 page; rendered without a request so nothing in it touches the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turn connection-level database errors raised by a view into a 503 page.

    Only errors for which `database_unavailable` holds are caught (the server went away,
    refused the connection, the connection is closed, the SQLite file is missing or
    locked); every other error, schema errors included, still reaches Django's 500
    handling and the logs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_unavailable(exception):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        return unavailable_response()


def megabytes(size):
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


class RequestTooLargeMiddleware:
    """A form larger than DATA_UPLOAD_MAX_MEMORY_SIZE answers a 413 page that says so.

    Django would raise RequestDataTooBig wherever the form is first read (the CSRF check)
    and answer a bare "Bad Request (400)". Only a body longer than the limit is read here,
    and only a POST; file uploads do not count towards the limit, so such a body may still
    be fine.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        length = int(request.META.get("CONTENT_LENGTH") or 0)
        if request.method == "POST" and limit is not None and length > limit:
            try:
                request.POST  # noqa: B018 (parsing is the point: it raises RequestDataTooBig)
            except RequestDataTooBig:
                logger.warning("Form of %d bytes refused for %s", length, request.path)
                page = render_to_string(
                    "413.html", {"size": megabytes(length), "limit": megabytes(limit)}
                )
                return HttpResponse(page, status=413)
        return self.get_response(request)


class ProxiedClientAddressMiddleware:
    """Set REMOTE_ADDR to nginx's X-Real-IP for a request that came over gunicorn's unix socket.

    Over a unix socket REMOTE_ADDR is empty and only local processes (nginx) can connect, so
    the header can be trusted there and nowhere else: a client talking to gunicorn over TCP
    keeps its own address whatever it sends. Login throttling and the report form's address
    hashes need the real client's address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
        if forwarded and not request.META.get("REMOTE_ADDR"):
            try:
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(forwarded))
            except ValueError:
                pass  # not an address: REMOTE_ADDR stays empty
        return self.get_response(request)
