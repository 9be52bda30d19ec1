"""Atom feed of a speaker's quotes (django.contrib.syndication), valid RFC 4287: the feed
has an author, entry ids are tag: URIs, `updated` is never before `published`, and the
summaries are plain text naming the speaker."""

from datetime import UTC, datetime, time

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from claims.models import Quote
from claims.pages import reported
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


# The date in the entries' tag: URIs (RFC 4151): fixed, so an entry's id never changes.
TAG_DATE = "2026-01-01"


def _who(quote):
    return quote.speaker.name if quote.speaker else quote.attributed_as or "Unnamed source"


class PlainTextAtomFeed(CleanAtom1Feed):
    """Atom whose entry summaries are type="text": a reader shows them as they are and
    never decodes them again as HTML."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class SpeakerFeed(Feed):
    feed_type = PlainTextAtomFeed
    author_name = "iraqnews"

    def __call__(self, request, *args, speaker=None, **kwargs):
        self._speaker = speaker
        self._request = request
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
        """The speaker's name and the start of what they said; reported speech as the
        sentence that reports it, unquoted."""
        if quote.kind == "indirect":
            words = reported(quote).split()
            return " ".join(words[:16]) + ("…" if len(words) > 16 else "")
        words = quote.text.split()
        start = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
        return f"{_who(quote)}: “{start}”"

    def item_description(self, quote):
        """Plain text naming the speaker (never "he"); reported speech reads as reported,
        without quotation marks."""
        source = quote.article.outlet or quote.article.original_source
        source = source.name if source else quote.article.title
        if quote.kind == "indirect":
            return f"{reported(quote)} — {source}"
        return f"“{quote.text}” — {_who(quote)}, {source}"

    def item_link(self, quote):
        return quote.claim.get_absolute_url()

    def item_guid(self, quote):
        """A tag: URI (RFC 4151) under the host name: tag:example.org,2026-01-01:quote/7."""
        host = self._request.get_host().rsplit(":", 1)[0].strip("[]")
        return f"tag:{host},{TAG_DATE}:quote/{quote.pk}"

    def item_guid_is_permalink(self, quote):
        return False

    def item_pubdate(self, quote):
        if quote.article.published:
            return datetime.combine(quote.article.published, time.min, tzinfo=UTC)
        return None

    def item_updateddate(self, quote):
        """When the quote was last saved, and never before it was published."""
        published = self.item_pubdate(quote)
        return max(quote.updated, published) if published else quote.updated
