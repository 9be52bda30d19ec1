"""Atom feed of a speaker's quotes (django.contrib.syndication)."""

from datetime import UTC

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from claims.models import Quote
from claims.sanitize import strip_control_characters


def _xml_text(value):
    return strip_control_characters(value) if isinstance(value, str) else value


class CleanAtom1Feed(Atom1Feed):
    """Atom whose every text value is stripped of control characters, which XML 1.0 cannot
    carry: a stored `\\x0b` would otherwise make the whole feed a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_xml_text, args), **{k: _xml_text(v) for k, v in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_xml_text, args), **{k: _xml_text(v) for k, v in kwargs.items()})


class SpeakerFeed(Feed):
    feed_type = CleanAtom1Feed

    def __call__(self, request, *args, speaker=None, **kwargs):
        self._speaker = speaker
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        return self._speaker

    def title(self, speaker):
        return f"{speaker.name} — quotes on iraqnews"

    def link(self, speaker):
        return speaker.get_absolute_url()

    def subtitle(self, speaker):
        return speaker.description or f"What {speaker.name} said, as reported."

    def items(self, speaker):
        return Quote.objects.for_listing().filter(speaker=speaker).newest_first()[:50]

    def item_title(self, quote):
        words = quote.text.split()
        return " ".join(words[:14]) + ("…" if len(words) > 14 else "")

    def item_description(self, quote):
        source = quote.article.outlet.name if quote.article.outlet else quote.article.title
        return f"“{quote.text}” — {quote.attributed_as or quote.speaker}, {source}"

    def item_link(self, quote):
        return quote.claim.get_absolute_url()

    def item_guid(self, quote):
        return f"iraqnews-quote-{quote.pk}"

    def item_pubdate(self, quote):
        from datetime import datetime, time

        if quote.article.published:
            return datetime.combine(quote.article.published, time.min, tzinfo=UTC)
        return None

    def item_updateddate(self, quote):
        return quote.updated
