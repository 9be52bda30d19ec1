"""Article import: an article and its extracted quotes, speakers and claims in one step."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from claims.extraction import EXTRACTOR_VERSION
from claims.extraction.article import (
    AGENCIES,
    UnreadableText,
    check_text,
    outlet_line,
    parse_article,
)
from claims.extraction.names import name_key
from claims.extraction.quotes import extract
from claims.extraction.roles import role_after
from claims.extraction.web import UnreadablePage, read_page
from claims.extraction.wording import organization_key, similar_wording
from claims.matching import same_statement
from claims.models import (
    Article,
    AttributionMethod,
    Claim,
    Membership,
    Organization,
    OrganizationKind,
    Quote,
    QuoteKind,
    QuoteStatus,
    Speaker,
    claim_key_for,
)
from claims.models.checks import REASON_MAX_LENGTH
from claims.sanitize import strip_control_characters

MAX_ARTICLE_CHARS = 1_000_000


class ImportRejected(ValueError):
    """The text cannot be imported as an article; the message says why, for the curator."""


@dataclass
class ImportResult:
    article: Article
    created: bool
    quotes: int = 0
    new_speakers: int = 0
    joined_claims: int = 0
    proposed_memberships: int = 0


@dataclass(frozen=True)
class _Baseline:
    """Who imported the rows and why, written as each new row's first history record:
    later changes are compared with it."""

    user: object
    reason: str

    def create(self, model, **fields):
        row = model(**fields)
        row._history_user, row._change_reason = self.user, self.reason
        row.save()
        return row

    def bulk_create(self, model, rows):
        bulk_create_with_history(
            rows, model, default_user=self.user, default_change_reason=self.reason
        )


@transaction.atomic
def article_import(*, text, source_name="", user=None):
    """Create an Article from a news page's text with its extracted quotes, all unverified.

    Speakers are matched by any spelling of their name or aliases, else created;
    a quote joins an existing claim of the same speaker worded the same way. Every new
    row's history starts with a record naming `user` and the file. An article whose
    body is already stored is returned unchanged. Raises ImportRejected for text that
    is not an article; nothing is written then.
    """
    text = _check_importable(text)
    importer = _Importer(source_name, user)
    parsed = parse_article(text, known_outlets=importer.orgs.spellings())
    # A header line naming an outlet not yet known becomes that outlet, not dropped.
    parsed.outlet = parsed.outlet or outlet_line(parsed)
    return importer.run(parsed)


@transaction.atomic
def article_import_page(*, html, url="", source_name="", user=None):
    """Create an Article from a web page's HTML, as `article_import` does from text: the
    main text, title, author, date and site name (else the domain) the page states, the
    outlet found or created from the site name, and `url` kept on the article. A page
    whose URL or body is already stored is returned unchanged. Raises ImportRejected for
    a page with no article text; nothing is written then.
    """
    try:
        parsed = read_page(html, url=url)
    except UnreadablePage as error:
        raise ImportRejected(str(error)) from error
    parsed.body = _check_importable(parsed.body)
    if parsed.url:
        same_url = Article.objects.filter(url=parsed.url).order_by("pk").first()
        if same_url:
            return ImportResult(article=same_url, created=False)
    return _Importer(source_name or parsed.url, user).run(parsed, seed_file=source_name)


class _Importer:
    """One article's import: its history baseline and the organizations it may name."""

    def __init__(self, source_name, user):
        self.source_name = source_name[: Article._meta.get_field("seed_file").max_length]
        reason = f"Imported from {source_name}" if source_name else "Imported"
        self.baseline = _Baseline(user, reason[:REASON_MAX_LENGTH])
        self.orgs = _OrganizationIndex(self.baseline)

    def run(self, parsed, seed_file=None):
        """The ImportResult of storing `parsed` with its quotes; `seed_file` defaults to
        the source name."""
        seed_file = self.source_name if seed_file is None else seed_file[:200]
        orgs, baseline = self.orgs, self.baseline
        if not parsed.body.strip():
            raise ImportRejected("no article body found: the text has a title but no paragraphs")
        existing = _already_imported(seed_file, parsed.body)
        if existing:
            return ImportResult(article=existing, created=False)
        article = _article_create(parsed, seed_file, orgs, baseline)
        found = _unique_spans(extract(parsed.body, indirect=True, known_orgs=orgs.spellings()))
        speakers = _SpeakerIndex(found, baseline)
        speaker_of = [
            speakers.get_or_create(f.speaker) if f.source_type == "person" else None for f in found
        ]
        claims = _ClaimIndex(list(zip(found, speaker_of, strict=True)), article)
        roles = _RoleIndex(parsed.body, orgs)
        quotes = [
            _quote_for(item, article, speaker, claims, orgs, roles)
            for item, speaker in zip(found, speaker_of, strict=True)
        ]
        baseline.bulk_create(Claim, claims.new)
        baseline.bulk_create(Quote, quotes)
        return ImportResult(
            article=article,
            created=True,
            quotes=len(quotes),
            new_speakers=speakers.created,
            joined_claims=claims.joined,
            proposed_memberships=roles.propose(baseline),
        )


def _check_importable(text):
    """`text` without control characters (tab and newlines kept); raises ImportRejected
    for binary or NUL-holding text and for text longer than one article can be."""
    try:
        check_text(text)
    except UnreadableText as error:
        raise ImportRejected(str(error)) from error
    if len(text) > MAX_ARTICLE_CHARS:
        raise ImportRejected(
            f"the text has {len(text):,} characters and an article has at most "
            f"{MAX_ARTICLE_CHARS:,}: paste one article at a time"
        )
    return strip_control_characters(text)


def _article_create(parsed, source_name, orgs, baseline):
    return baseline.create(
        Article,
        title=_fit(parsed.title or parsed.body, Article, "title"),
        slug=_unique_slug(Article, parsed.title or parsed.body[:80], "article", limit=80),
        outlet=orgs.get_or_create(parsed.outlet, OrganizationKind.OUTLET),
        original_source=orgs.get_or_create(
            parsed.original_source,
            OrganizationKind.AGENCY
            if parsed.original_source.lower() in AGENCIES
            else OrganizationKind.OUTLET,
        ),
        author=_fit(parsed.author, Article, "author"),
        published=parsed.published,
        url=parsed.url if len(parsed.url) <= 500 else "",
        seed_file=source_name,
        body=parsed.body,
    )


def _quote_for(item, article, speaker, claims, orgs, roles):
    """The unsaved, unverified Quote of an extractor find, in its claim; a person's quote
    has the organization the article names them a role in."""
    if item.source_type == "organization":
        organization = orgs.get(item.speaker)
    else:
        organization = roles.organization_of(item, speaker)
    return Quote(
        article=article,
        claim=claims.get_or_create(item, speaker),
        text=item.text,
        start=item.start,
        end=item.end,
        kind=item.kind,
        speaker=speaker,
        organization=organization,
        attributed_as=_fit(item.attributed_as, Quote, "attributed_as"),
        cue=_fit(item.cue, Quote, "cue"),
        status=QuoteStatus.UNVERIFIED,
        method=AttributionMethod.EXTRACTED,
        extractor_version=EXTRACTOR_VERSION,
        attribution_confidence=item.confidence,
    )


def _unique_spans(found):
    """One find per (start, end, kind), the database's identity of a quote."""
    unique = {}
    for item in found:
        unique.setdefault((item.start, item.end, item.kind), item)
    return list(unique.values())


def _fit(value, model, field):
    return value[: model._meta.get_field(field).max_length].strip()


def _unique_slug(model, text, fallback, limit=200):
    base = slugify(text)[:limit].strip("-") or fallback
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _already_imported(source_name, body):
    """The article imported before with this body, whatever its file was called; None if new."""
    same_body = Article.objects.filter(body=body).order_by("pk").first()
    if same_body:
        return same_body
    if source_name and Article.objects.filter(seed_file=source_name).exists():
        raise ImportRejected(
            f"an article from a file named {source_name!r} is already imported with "
            "different text; rename the file to import it as a new article"
        )
    return None


class _OrganizationIndex:
    """Organizations by any of their spellings, loaded once."""

    def __init__(self, baseline):
        self.baseline = baseline
        self.by_key = {}
        for org in Organization.objects.all():
            for spelling in org.all_names():
                self.by_key.setdefault(organization_key(spelling), org)

    def spellings(self):
        orgs = {org.pk: org for org in self.by_key.values()}
        return [name for org in orgs.values() for name in org.all_names()]

    def get(self, name):
        return self.by_key.get(organization_key(name)) if name else None

    def get_or_create(self, name, kind):
        if not name:
            return None
        org = self.get(name)
        if org is None:
            name = _fit(name, Organization, "name")
            org = self.baseline.create(
                Organization,
                name=name,
                slug=_unique_slug(Organization, name, "organization"),
                kind=kind,
            )
            self.by_key[organization_key(name)] = org
        return org


class _RoleIndex:
    """The roles in known organizations the article states beside its speakers' names
    ("Moeen al-Kadhimi, a spokesman for the Badr Corps"), and the memberships they propose."""

    def __init__(self, body, orgs):
        self.body, self.orgs = body, orgs
        self.spellings = orgs.spellings()
        self.proposals = {}  # (speaker pk, organization pk) -> (speaker, organization, role)

    def organization_of(self, item, speaker):
        """The Organization of the role the article gives the quote's speaker, or None."""
        if speaker is None:
            return None
        role = None
        for name in dict.fromkeys((item.attributed_as, item.speaker, speaker.name)):
            role = role or role_after(self.body, name, self.spellings)
        if role is None:
            return None
        organization = self.orgs.get(role.organization)
        key = (speaker.pk, organization.pk)
        self.proposals.setdefault(key, (speaker, organization, _fit(role.role, Membership, "role")))
        return organization

    def propose(self, baseline):
        """Create the proposed memberships, unverified, that no membership of the same
        speaker and organization covers yet; how many were created."""
        if not self.proposals:
            return 0
        speaker_ids = {speaker_pk for speaker_pk, _ in self.proposals}
        held = set(
            Membership.objects.filter(speaker_id__in=speaker_ids).values_list(
                "speaker_id", "organization_id"
            )
        )
        new = [
            Membership(speaker=speaker, organization=organization, role=role, verified=False)
            for key, (speaker, organization, role) in self.proposals.items()
            if key not in held
        ]
        baseline.bulk_create(Membership, new)
        return len(new)


class _SpeakerIndex:
    """Speakers by the normalised key of every spelling; a surname alone matches the one
    speaker of this article (or, failing that, of the database) whose name ends with it."""

    def __init__(self, found, baseline):
        self.baseline = baseline
        self.by_key = {}
        self.created = 0
        for speaker in Speaker.objects.all():
            for key in speaker.search_names.split(" | "):
                if key:
                    self.by_key.setdefault(key, speaker)
        self.article_names = [f.speaker for f in found if f.source_type == "person" and f.speaker]
        self.matched_speakers = {}

    def _find(self, name):
        key = name_key(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        if len(key.split()) == 1:
            fuller = {name_key(n) for n in self.article_names}
            fuller = {k for k in fuller if k.split()[-1:] == [key]} - {key}
            if len(fuller) == 1:
                return self.by_key.get(fuller.pop())
            surnames = {s.pk: s for k, s in self.by_key.items() if k.split()[-1:] == [key]}
            if len(surnames) == 1:
                return next(iter(surnames.values()))
        return None

    def matched(self):
        """Existing speakers this article quotes (for claim matching in one query)."""
        return {s.pk for s in (self._find(n) for n in self.article_names) if s}

    def get_or_create(self, name):
        if not name:
            return None
        speaker = self._find(name)
        if speaker is None:
            key = name_key(name)
            if len(key.split()) == 1:
                fuller = [n for n in self.article_names if name_key(n).split()[-1:] == [key]]
                name = max(fuller, key=len, default=name)
            name = _fit(name, Speaker, "name")
            speaker = self.baseline.create(
                Speaker, name=name, slug=_unique_slug(Speaker, name, "speaker")
            )
            self.created += 1
            self.by_key[name_key(name)] = speaker
        return speaker


class _ClaimIndex:
    """Claims of the speakers an article quotes, so a quote can join one worded the same."""

    def __init__(self, pairs, article):
        self.article = article
        speaker_ids = {s.pk for _, s in pairs if s is not None}
        self.claims = list(Claim.objects.filter(speaker__in=speaker_ids).prefetch_related("quotes"))
        self.texts = {id(c): [c.statement, *(q.text for q in c.quotes.all())] for c in self.claims}
        self.new = []
        self.joined = 0
        candidates = [claim_key_for(*_key_parts(item, speaker)) for item, speaker in pairs]
        self.keys = set(Claim.objects.filter(key__in=candidates).values_list("key", flat=True))

    def get_or_create(self, item, speaker):
        """An existing or new claim of `speaker` worded like `item`, or a new claim."""
        if speaker is not None:
            for claim in self.claims:
                if claim.speaker == speaker and any(_joins(t, item) for t in self.texts[id(claim)]):
                    self.texts[id(claim)].append(item.text)
                    self.joined += claim.pk is not None
                    return claim
        parts = _key_parts(item, speaker)
        key, salt = claim_key_for(*parts), 0
        while key in self.keys:  # the same words from the same source, not joined: salt it
            salt += 1
            key = claim_key_for(*parts, self.article.slug, item.start, salt)
        self.keys.add(key)
        claim = Claim(key=key, statement=item.text, speaker=speaker)
        self.new.append(claim)
        if speaker is not None:
            self.claims.append(claim)
            self.texts[id(claim)] = [item.text]
        return claim


def _joins(text, item):
    """An extracted quote joins a claim worded like it: identical or nearly so
    (claims.matching), or, for a quotation, sharing most of its words."""
    if same_statement(text, item.text):
        return True
    return item.kind != QuoteKind.INDIRECT and similar_wording(text, item.text)


def _key_parts(item, speaker):
    """What a claim key is made of, as the seed fixture makes it: source and first words."""
    source = speaker.slug if speaker else item.attributed_as
    return source, " ".join(re.findall(r"[a-z0-9]+", item.text.lower())[:12])
