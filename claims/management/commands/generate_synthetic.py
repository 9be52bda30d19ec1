"""Fill an empty database with synthetic but realistically shaped data for benchmarks.

The same --seed and --quotes always give the same rows. Shape per million quotes: about
100k articles over 2015–2025, 20k speakers whose quote counts follow a Zipf-like long tail
(the heaviest over 100k quotes), 2k organizations, and claims carried by several sources.
"""

import datetime
import random
import time
from itertools import accumulate

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils.text import slugify

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

FIRST = (
    "Ahmed Ali Hassan Hussein Haider Hakim Moeen Hadi Nouri Ammar Muqtada Qais Falih Adel "
    "Mohammed Omar Khalid Saad Jabbar Karim Mustafa Ibrahim Yusuf Salim Abbas Jawad Sergei "
    "Vladimir Dmitry Maria Alexander Nikolai Igor Yuri Olga Anna John Michael Sarah David "
    "James Robert Emily Laura Peter Steven Brett Ashton Barbara Zainab Fatima Layla"
).split()
FAMILY = (
    "al-Zamili al-Kadhimi al-Amiri al-Maliki al-Abadi al-Sadr al-Khazali al-Fayyadh "
    "al-Muhandis al-Hakim al-Nujaifi al-Jubouri al-Dulaimi al-Obeidi al-Rubaie al-Asadi "
    "al-Shammari al-Tamimi al-Zubaidi al-Saadi Lavrov Peskov Zakharova Shoigu Ivanov Petrov "
    "Smirnov Volkov Kuznetsov Sokolov Popov Warren Carter Dunford Smith Jones Brown Miller "
    "Davis Wilson Taylor Anderson Thomas Moore Martin Jackson Harris Clark Lewis"
).split()
ORG_WORDS = (
    "Badr Asaib Kataib Hezbollah Sadr Dawa Fatah Sairoon Nasr Wataniya Karama Salam Ahrar "
    "Rafidain Tigris Euphrates Baghdad Basra Najaf Karbala Mosul Anbar Kirkuk Erbil Sumer "
    "Babylon Ashur Nineveh Diyala Samarra Kufa Falcon Eagle Crescent Cedar Oasis Delta"
).split()
ORG_KINDS = (
    ("News", OrganizationKind.OUTLET, "{w} News"),
    ("Agency", OrganizationKind.AGENCY, "{w} Press Agency"),
    ("Brigade", OrganizationKind.MILITIA, "{w} Brigades"),
    ("Party", OrganizationKind.PARTY, "{w} Coalition"),
    ("Ministry", OrganizationKind.GOVERNMENT, "Ministry of {w} Affairs"),
    ("Council", OrganizationKind.INTERNATIONAL, "{w} Council"),
)
SUBJECTS = (
    "we",
    "the government",
    "our forces",
    "the coalition",
    "Russia",
    "the United States",
    "the militias",
    "the parliament",
    "Baghdad",
    "the Popular Mobilization Forces",
    "Iran",
    "the Kurdish leadership",
    "the army",
    "the prime minister",
    "our allies",
    "nobody",
)
VERBS = (
    "will not accept",
    "welcomes",
    "rejects",
    "is ready to discuss",
    "has asked for",
    "will support",
    "cannot ignore",
    "must stop",
    "has never requested",
    "is considering",
    "strongly condemns",
    "will coordinate",
    "demands",
    "fully backs",
    "will investigate",
)
OBJECTS = (
    "Russian airstrikes",
    "foreign intervention",
    "the new security agreement",
    "intelligence sharing",
    "the offensive on Mosul",
    "the liberation of Ramadi",
    "elections",
    "the budget",
    "reconstruction of Anbar",
    "oil exports",
    "the border crossing",
    "weapons deliveries",
    "a ceasefire",
    "talks with Damascus",
    "the return of refugees",
    "reforms against corruption",
    "the Islamic State group",
    "American advisers",
    "sanctions",
    "the water crisis",
    "the electricity shortage",
    "the constitution",
    "the census",
)
WHEN = (
    "in the coming days",
    "this week",
    "as soon as possible",
    "before the end of the year",
    "under any circumstances",
    "without delay",
    "for now",
    "at the right time",
    "",
    "",
    "",
)
CUES = (
    "told reporters",
    "said in a statement",
    "told Reuters",
    "said on state television",
    "told a news conference",
    "wrote on Twitter",
    "said in an interview",
    "added",
)
UNNAMED = (
    "a senior official",
    "a government spokesman",
    "a security source",
    "a diplomat",
    "a source close to the prime minister",
    "a militia commander",
    "an army officer",
)
START = datetime.date(2015, 1, 1)
DAYS = (datetime.date(2025, 12, 31) - START).days + 1
BATCH = 2000  # articles per transaction


class Command(BaseCommand):
    help = "Generate synthetic organizations, speakers, articles, claims and quotes."

    def add_arguments(self, parser):
        parser.add_argument("--quotes", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, quotes, seed, **options):
        if quotes < 10:
            raise CommandError("--quotes must be at least 10.")
        if Quote.objects.exists():
            raise CommandError("The database already holds quotes; use an empty database.")
        began = time.monotonic()
        rng = random.Random(seed)
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-200000")
        organizations = self._organizations(rng, max(3, quotes // 500))
        speakers = self._speakers(rng, max(5, quotes // 50), organizations)
        made = self._articles_and_quotes(rng, quotes, organizations, speakers, seed)
        with connection.cursor() as cursor:
            # PostgreSQL: VACUUM also marks the pages all-visible, so index-only scans
            # (a deep page's keys) need not visit the table.
            # (VACUUM cannot run in a transaction, as in the test suite.)
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        self.stdout.write(
            f"Generated {made} quotes, {len(speakers)} speakers, {len(organizations)} "
            f"organizations in {time.monotonic() - began:.0f} s."
        )

    def _organizations(self, rng, count):
        rows, seen = [], set()
        for i in range(count):
            label, kind, pattern = ORG_KINDS[i % len(ORG_KINDS)] if i else ORG_KINDS[0]
            name = pattern.format(w=rng.choice(ORG_WORDS))
            if name in seen:
                name = f"{name} {i}"
            seen.add(name)
            rows.append(
                Organization(
                    name=name,
                    slug=slugify(name),
                    kind=kind,
                    aliases=[],
                    description=f"Synthetic {label.lower()}.",
                )
            )
        with transaction.atomic():
            return Organization.objects.bulk_create(rows, batch_size=1000)

    def _speakers(self, rng, count, organizations):
        rows, slugs = [], set()
        for i in range(count):
            name = f"{rng.choice(FIRST)} {rng.choice(FIRST)} {rng.choice(FAMILY)}"
            slug = slugify(name)
            if slug in slugs:
                name, slug = f"{name} {i}", f"{slug}-{i}"
            slugs.add(slug)
            aliases = []
            if name.split()[-1].startswith("al-") and rng.random() < 0.3:
                aliases = [name.replace(" al-", " ")]
            speaker = Speaker(name=name, slug=slug, aliases=aliases, description="")
            speaker.search_names = speaker.search_key()
            rows.append(speaker)
        with transaction.atomic():
            speakers = Speaker.objects.bulk_create(rows, batch_size=1000)
            memberships = []
            for speaker in speakers:
                for organization in rng.sample(
                    organizations, k=min(rng.randint(0, 2), len(organizations))
                ):
                    memberships.append(
                        Membership(
                            speaker=speaker,
                            organization=organization,
                            role=rng.choice(("spokesman", "member", "leader", "")),
                        )
                    )
            Membership.objects.bulk_create(memberships, batch_size=2000)
        return speakers

    def _articles_and_quotes(self, rng, total, organizations, speakers, seed):
        # Zipf-like: the speaker of rank r gets a share proportional to 1 / r**1.1.
        cumulative = list(accumulate(1 / (rank**1.1) for rank in range(1, len(speakers) + 1)))
        outlets = [o for o in organizations if o.kind == OrganizationKind.OUTLET] or organizations
        recent_claims = {}  # speaker id -> recent claims, reused by later sources
        keys, made, article_no = set(), 0, 0
        while made < total:
            with transaction.atomic():
                plans, articles, new_claims, planned = [], [], [], 0
                while len(articles) < BATCH and made + planned < total:
                    n = min(total - made - planned, max(1, round(rng.gauss(10, 3))))
                    planned += n
                    article_no += 1
                    published = START + datetime.timedelta(days=rng.randrange(DAYS))
                    plan = [
                        self._quote_plan(rng, speakers, cumulative, recent_claims) for _ in range(n)
                    ]
                    for item in plan:
                        if item["claim"] is None:
                            key = claim_key_for("synthetic", seed, len(keys))
                            while key in keys:
                                key = claim_key_for("synthetic", seed, len(keys), key)
                            keys.add(key)
                            item["claim"] = Claim(
                                key=key, statement=item["text"], speaker=item["speaker"]
                            )
                            new_claims.append(item["claim"])
                            if item["speaker"] is not None:
                                recent = recent_claims.setdefault(item["speaker"].pk, [])
                                recent.append(item["claim"])
                                del recent[:-8]
                    body, spans = self._body(plan)
                    outlet = rng.choice(outlets)
                    topic = rng.choice(OBJECTS)
                    title = f"{plan[0]['who']} on {topic}, {published:%d %B %Y}"
                    articles.append(
                        Article(
                            title=title[:500],
                            slug=f"{slugify(title)[:150]}-{article_no}",
                            outlet=outlet,
                            original_source=rng.choice(organizations)
                            if rng.random() < 0.2
                            else None,
                            published=published,
                            author="",
                            body=body,
                        )
                    )
                    plans.append(list(zip(plan, spans, strict=True)))
                Article.objects.bulk_create(articles, batch_size=500)
                Claim.objects.bulk_create(new_claims, batch_size=1000)
                quotes = []
                for article, plan in zip(articles, plans, strict=True):
                    for item, (start, end) in plan:
                        quotes.append(
                            Quote(
                                article=article,
                                claim=item["claim"],
                                text=item["text"],
                                start=start,
                                end=end,
                                kind=item["kind"],
                                speaker=item["speaker"],
                                organization=item["organization"],
                                attributed_as=item["attributed_as"],
                                cue=item["cue"],
                                status=item["status"],
                                method=AttributionMethod.EXTRACTED,
                                published=article.published,
                            )
                        )
                Quote.objects.bulk_create(quotes, batch_size=1000)
                made += len(quotes)
            if made and made % 100_000 < len(quotes):
                self.stdout.write(f"  {made} quotes")
        return made

    @staticmethod
    def _quote_plan(rng, speakers, cumulative, recent_claims):
        """Who says what in one quote; reuses a recent claim of the speaker half the time."""
        if rng.random() < 0.05:
            speaker, who = None, rng.choice(UNNAMED)
        else:
            index = min(len(speakers) - 1, _bisect(cumulative, rng.random() * cumulative[-1]))
            speaker = speakers[index]
            who = speaker.name
        claim, text = None, None
        recent = recent_claims.get(speaker.pk) if speaker else None
        if recent and rng.random() < 0.5:
            claim = rng.choice(recent)
            text = claim.statement
        if text is None:
            subject = rng.choice(SUBJECTS)
            text = f"{subject} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(WHEN)}"
            text = text.strip()
            text = text[0].upper() + text[1:]
        kind = rng.choices(
            (QuoteKind.DIRECT, QuoteKind.PARTIAL, QuoteKind.INDIRECT), weights=(60, 15, 25)
        )[0]
        return {
            "speaker": speaker,
            "who": who,
            "text": text,
            "claim": claim,
            "kind": kind,
            "organization": None,
            "attributed_as": "" if speaker else who,
            "cue": rng.choice(CUES),
            "status": rng.choices(
                (QuoteStatus.UNVERIFIED, QuoteStatus.VERIFIED, QuoteStatus.DISPUTED),
                weights=(80, 15, 5),
            )[0],
        }

    @staticmethod
    def _body(plan):
        """The article body holding every quote, and each quote's (start, end) in it."""
        parts, spans, offset = [], [], 0
        for item in plan:
            if item["kind"] == QuoteKind.INDIRECT:
                before, after = f"{item['who']} {item['cue']} that ", "."
            else:
                before, after = "“", f",” {item['who']} {item['cue']}."
            start = offset + len(before)
            spans.append((start, start + len(item["text"])))
            paragraph = f"{before}{item['text']}{after}"
            parts.append(paragraph)
            offset += len(paragraph) + 2
        return "\n\n".join(parts), spans


def _bisect(cumulative, value):
    low, high = 0, len(cumulative)
    while low < high:
        middle = (low + high) // 2
        if cumulative[middle] < value:
            low = middle + 1
        else:
            high = middle
    return low
