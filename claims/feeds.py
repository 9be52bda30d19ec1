"""Atom feed of a speaker's quotes (django.contrib.syndication)."""

from datetime import UTC

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from claims.models import Quote
from claims.pages import reported


class SpeakerFeed(Feed):
    feed_type = Atom1Feed

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
        words = (reported(quote) if quote.kind == "indirect" else quote.text).split()
        return " ".join(words[:14]) + ("…" if len(words) > 14 else "")

    def item_description(self, quote):
        """Plain text naming the speaker; reported speech reads as reported, unquoted."""
        source = quote.article.outlet.name if quote.article.outlet else quote.article.title
        if quote.kind == "indirect":
            return f"{reported(quote)} — {source}"
        return f"“{quote.text}” — {quote.speaker or quote.attributed_as}, {source}"

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
