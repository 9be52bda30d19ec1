"""Plain factory functions: each makes one saved row with sensible defaults."""

import importlib
import itertools

from claims.models import (  # noqa: F401  (re-exported for tests)
    Article,
    AttributionReport,
    Claim,
    Membership,
    Organization,
    Quote,
    Speaker,
    claim_key_for,
)

_counter = itertools.count(1)


def make_organization(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Organization {n}")
    fields.setdefault("slug", f"organization-{n}")
    return Organization.objects.create(**fields)


def make_speaker(**fields):
    n = next(_counter)
    fields.setdefault("name", f"Speaker {n}")
    fields.setdefault("slug", f"speaker-{n}")
    return Speaker.objects.create(**fields)


def make_membership(**fields):
    if "speaker" not in fields:
        fields["speaker"] = make_speaker()
    if "organization" not in fields:
        fields["organization"] = make_organization()
    return Membership.objects.create(**fields)


def make_article(**fields):
    n = next(_counter)
    fields.setdefault("title", f"Article {n}")
    fields.setdefault("slug", f"article-{n}")
    fields.setdefault("body", "The minister said “we will win” on Monday.")
    return Article.objects.create(**fields)


def make_claim(**fields):
    n = next(_counter)
    fields.setdefault("key", claim_key_for("claim", n))
    fields.setdefault("statement", f"Statement {n}")
    return Claim.objects.create(**fields)


def make_quote(**fields):
    if "article" not in fields:
        fields["article"] = make_article()
    article = fields["article"]
    text = fields.pop("text", None)
    if text is None:
        start = article.body.index("“") + 1
        text = article.body[start : article.body.index("”")]
    start = fields.pop("start", article.body.index(text))
    if "claim" not in fields:
        fields["claim"] = make_claim(statement=text)
    return Quote.objects.create(text=text, start=start, end=start + len(text), **fields)


def make_report(**fields):
    """A reader's report on a claim, open."""
    if "claim" not in fields:
        fields["claim"] = make_claim()
    fields.setdefault("problem", "misquoted")
    return AttributionReport.objects.create(**fields)


def make_user(**fields):
    """A user, not staff unless `is_staff=True`; without `password` it cannot log in."""
    from django.contrib.auth import get_user_model

    n = next(_counter)
    fields.setdefault("username", f"user{n}")
    password = fields.pop("password", None)
    return get_user_model().objects.create_user(password=password, **fields)


def make_curator(**fields):
    """A staff user in the Curators group (the group is rebuilt from its migration's list
    when a transactional test has flushed it)."""
    from django.contrib.auth.models import Group, Permission

    curators = importlib.import_module("claims.migrations.0009_curators_add_article")
    group, created = Group.objects.get_or_create(name=curators.GROUP)
    if created:
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="claims", codename__in=curators.codenames()
            )
        )
    fields.setdefault("username", f"curator{next(_counter)}")
    fields.setdefault("is_staff", True)
    user = make_user(**fields)
    user.groups.add(group)
    return user
