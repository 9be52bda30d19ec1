"""What the curators' admin index shows beyond Django's list of models."""

from django import template

from claims.models import AttributionReport, ReportStatus

register = template.Library()


@register.simple_tag
def open_report_count():
    """How many visitors' problem reports no curator has resolved or rejected yet."""
    return AttributionReport.objects.filter(status=ReportStatus.OPEN).count()
