"""Who sent a report, as a salted hash, and whether they have sent too many lately."""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from claims.models import AttributionReport

REPORTS_PER_HOUR = 5


def address_hash(request):
    """The sender's IP address, keyed with SECRET_KEY so it cannot be read back."""
    address = request.META.get("REMOTE_ADDR", "")
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()


def over_limit(sender_hash):
    """True when this sender has filed REPORTS_PER_HOUR reports in the past hour."""
    since = timezone.now() - timedelta(hours=1)
    recent = AttributionReport.objects.filter(address_hash=sender_hash, created__gte=since)
    return recent.count() >= REPORTS_PER_HOUR
