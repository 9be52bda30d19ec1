"""Options for the list pages' selects: every row while a table is short, else the chosen
rows (and, for an organization select, the top ones)."""

import json

from django.conf import settings
from django.core.validators import slug_unicode_re
from django.db.models import Q, Subquery, TextField, Value
from django.db.models.functions import Cast
from django.utils.text import slugify

from claims import scale
from claims.models import Article, Organization, OrganizationKind, SlugRedirect, Speaker

# The selects' tables: (model, label column). Each row read is (tag, slug, label, aliases
# as JSON text, pk, kind) ("" for a table without kinds).
CHOICE_TABLES = {
    "speaker": (Speaker, "name"),
    "organization": (Organization, "name"),
    "article": (Article, "title"),
}


# An outlet select offers the organizations that publish: news outlets and agencies.
OUTLET_KINDS = (OrganizationKind.OUTLET, OrganizationKind.AGENCY)


def is_slug(value):
    return bool(value) and len(value) <= 300 and slug_unicode_re.match(value) is not None


def _read(chosen, every_of, limit):
    """{"all <table>" | "chosen <table>": {pk: row}} in one UNION: the first limit + 1 rows
    of the tables `every_of`, and the rows chosen in `chosen` (table → slugs; a speaker also
    by a former slug or alias)."""
    parts = []
    for name in chosen:
        model, label = CHOICE_TABLES[name]
        aliases = Cast("aliases", TextField()) if hasattr(model, "aliases") else Value("[]")
        kind = "kind" if hasattr(model, "kind") else Value("")
        columns = ["slug", label, aliases, "pk", kind]
        if name in every_of:
            first = model.objects.order_by().values("pk")[: limit + 1]
            rows = model.objects.filter(pk__in=Subquery(first)).order_by()
            parts.append(rows.values_list(Value(f"all {name}"), *columns))
        if chosen[name]:
            # By slug, and a speaker also by a former slug or alias: two parts of the
            # UNION, as an OR of the two made PostgreSQL scan the table.
            conditions = [Q(slug__in=chosen[name])]
            if name == "speaker":
                redirects = SlugRedirect.objects.filter(kind="speaker", slug__in=chosen[name])
                conditions.append(Q(pk__in=redirects.values("target_id")))
            for condition in conditions:
                rows = model.objects.filter(condition).order_by()
                parts.append(rows.values_list(Value(f"chosen {name}"), *columns))
    found = {f"{part} {name}": {} for part in ("all", "chosen") for name in chosen}
    rows = parts[0].union(*parts[1:], all=True) if parts else ()
    for tag, slug, label, aliases, pk, kind in rows:
        found[tag][pk] = (slug, label, json.loads(aliases or "[]"), pk, kind)
    return found


def choice_rows(chosen, limit):
    """{table: (rows, complete)} for the tables of `chosen` in one query: every row of a
    table with at most `limit` rows (complete), else only the rows chosen. That a table is
    past `limit` is cached; a short table is read on every request, so a new speaker is an
    option at once."""
    found = {}

    def is_long(names):
        found.update(_read(chosen, names, limit))
        return {name: len(found[f"all {name}"]) > limit for name in names}

    long = scale.remember_many(
        "choices", {name: ("long", name, limit) for name in chosen}, is_long, lambda _, v: v
    )
    if not found:  # every table known to be long
        found = _read(chosen, (), limit)
    result = {}
    for name in chosen:
        complete = not long[name]
        rows = found[f"all {name}"] if complete else found[f"chosen {name}"]
        result[name] = (sorted(rows.values(), key=lambda row: (row[1], row[0])), complete)
    return result


def quote_choices(data):
    """Options for the quote list's selects, given its query string: all of them while each
    list is short, else the chosen."""
    getlist = getattr(data, "getlist", lambda name: [data.get(name)] if data else [])
    data = data or {}
    # Only slug-shaped values can name a row; the form rejects the rest with a 400.
    chosen = {
        "speaker": [v for v in getlist("speaker") if is_slug(v)],
        "organization": [v for v in (*getlist("organization"), data.get("outlet")) if is_slug(v)],
        "article": [v for v in (data.get("article"),) if is_slug(v)],
    }
    tables = choice_rows(chosen, settings.FILTER_CHOICES_LIMIT)
    speakers, all_speakers = tables["speaker"]
    organizations, all_organizations = tables["organization"]
    articles, all_articles = tables["article"]
    speaker_choices = [(slug, name) for slug, name, *_ in speakers]
    known = {slug for slug, _ in speaker_choices}
    alias_slugs = {}
    for slug, _name, aliases, *_ in speakers:
        for alias in aliases:
            # An alias that slugifies to a speaker's own slug (“Haider Al Abadi”) names
            # that speaker already: it is no alias option.
            if slugify(alias) not in known:
                alias_slugs.setdefault(slugify(alias), slug)
    speaker_choices += [(a, a) for a in alias_slugs]
    return {
        "speaker": speaker_choices,
        "alias_slugs": alias_slugs,
        "speaker_ids": {slug: pk for slug, _, _, pk, _ in speakers},
        "organization": [(slug, name) for slug, name, *_ in organizations],
        "outlet": [
            (slug, name)
            for slug, name, _, _, kind in organizations
            if kind in OUTLET_KINDS or slug == data.get("outlet")
        ],
        "organization_ids": {slug: pk for slug, _, _, pk, _ in organizations},
        "article": [(slug, title) for slug, title, *_ in articles],
        "complete": {
            "speaker": all_speakers,
            "organization": all_organizations,
            "outlet": all_organizations,
            "article": all_articles,
        },
    }


def organization_choices(chosen, rank, kinds=None):
    """(slug, name) options for an organization select: every organization (of `kinds`, if
    given, and the chosen one) while there are at most FILTER_CHOICES_LIMIT; past that the
    chosen one and the FILTER_CHOICES_LIMIT ranked first by `rank` (an aggregate, e.g.
    members), so a page does not render thousands of options."""
    limit = settings.FILTER_CHOICES_LIMIT
    chosen = [chosen] if is_slug(chosen) else []
    rows, complete = choice_rows({"organization": chosen}, limit)["organization"]
    options = {
        slug: name
        for slug, name, _, _, kind in rows
        if kinds is None or kind in kinds or slug in chosen
    }
    if not complete:

        def top():
            ranked = Organization.objects.annotate(rank=rank).order_by("-rank", "name")
            if kinds is not None:
                ranked = ranked.filter(kind__in=kinds)
            return list(ranked.values_list("slug", "name")[:limit])

        key = ("top", str(rank), limit, *(sorted(kinds) if kinds else ()))
        options.update(scale.remember("choices", key, top))
    return sorted(options.items(), key=lambda option: (option[1], option[0]))
