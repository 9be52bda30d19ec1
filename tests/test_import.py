"""Importing articles: the commands' contract, the service and the admin page."""

import json
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from claims.extraction.web import fetch_page
from claims.models import Article, Claim, Membership, Quote, Speaker
from claims.services import ImportRejected, article_import, article_import_page
from tests.factories import make_claim, make_curator, make_organization, make_speaker
from tests.pageserver import PAGES, page_server

ARTICLE = (
    "Iraqi lawmakers split over Russian strikes\n\n"
    "By Jane Doe\n\n"
    "October 12, 2015\n\n"
    "BAGHDAD — Iraqi lawmakers were sharply divided on Monday over whether Baghdad should ask "
    "Russia to bomb Islamic State militants, a day after a bloc submitted the request.\n\n"
    "“We cannot wait for the Americans any longer,” said Muen al-Kadhimi, a Badr spokesman. "
    "“Every week we wait, we lose another town.”\n\n"
    'Sunni lawmaker Dhafer al-Ani disagreed. "Bringing Russia in will turn Iraq into a '
    'playground," he said.\n\n'
    "A senior official said the prime minister was “under enormous pressure” from his bloc.\n\n"
    "The government agreed to form an “operations room” in Baghdad.\n"
)


def run_extract(*args):
    from io import StringIO

    out = StringIO()
    call_command("extract_quotes", *args, stdout=out)
    return json.loads(out.getvalue())


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def test_extract_quotes_json_has_the_contract_shape_and_offsets_into_the_file(tmp_path):
    path = write(tmp_path, "a.txt", "\ufeff" + ARTICLE.replace("\n", "\r\n"))
    [result] = run_extract(str(path), "--json")
    content = path.read_bytes().decode("utf-8-sig")
    assert result["file"] == str(path)
    assert [q["text"] for q in result["quotes"]] == [
        "We cannot wait for the Americans any longer,",
        "Every week we wait, we lose another town.",
        "Bringing Russia in will turn Iraq into a playground,",
        "under enormous pressure",
    ]
    for quote in result["quotes"]:
        assert set(quote) == {
            *("text", "start", "end", "kind", "speaker", "attributed_as", "cue", "confidence")
        }
        assert quote["confidence"] in {"high", "medium", "low"}
        assert content[quote["start"] : quote["end"]] == quote["text"]
    assert [q["speaker"] for q in result["quotes"]] == [
        "Muen al-Kadhimi",
        "Muen al-Kadhimi",
        "Dhafer al-Ani",
        None,
    ]
    assert result["quotes"][3]["attributed_as"] == "A senior official"
    assert {q["kind"] for q in result["quotes"]} == {"direct", "partial"}


def test_extract_quotes_outputs_reported_speech_only_with_indirect(tmp_path):
    path = write(tmp_path, "a.txt", ARTICLE)
    plain = run_extract(str(path), "--json")[0]["quotes"]
    with_indirect = run_extract(str(path), "--json", "--indirect")[0]["quotes"]
    indirect = [q for q in with_indirect if q["kind"] == "indirect"]
    assert not [q for q in plain if q["kind"] == "indirect"]
    assert [q["text"] for q in indirect] == [
        "the prime minister was “under enormous pressure” from his bloc"
    ]


def test_extract_quotes_reports_bad_files_and_still_reads_the_good_ones(tmp_path, capsys):
    good = write(tmp_path, "good.txt", ARTICLE)
    bad = [
        write(tmp_path, "empty.txt", b""),
        write(tmp_path, "binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00"),
        write(tmp_path, "latin1.txt", 'Café "déjà vu," he said.'.encode("latin-1")),
    ]
    with pytest.raises(CommandError, match="3 of 4 files could not be read"):
        call_command("extract_quotes", str(good), *map(str, bad), "--json")
    captured = capsys.readouterr()
    results = json.loads(captured.out)
    assert len(results[0]["quotes"]) == 4
    assert [r["quotes"] for r in results[1:]] == [[], [], []]
    assert "empty" in captured.err and "binary" in captured.err and "not UTF-8" in captured.err
    assert "Traceback" not in captured.err


def test_extraction_of_a_megabyte_file_with_unbalanced_quotes_finishes(tmp_path):
    paragraph = "“He said it would end,” said Hakim al-Zamili. “Never closes, he added.\n\n"
    path = write(tmp_path, "big.txt", "Title\n\n" + paragraph * (1_000_000 // len(paragraph)))
    [result] = run_extract(str(path), "--json")
    content = path.read_text(encoding="utf-8")
    assert len(result["quotes"]) > 1000
    assert all(content[q["start"] : q["end"]] == q["text"] for q in result["quotes"][:50])


@pytest.mark.django_db
def test_import_creates_article_quotes_and_speakers_all_unverified():
    known = make_speaker(name="Moeen al-Kadhimi", slug="moeen-al-kadhimi")
    result = article_import(text=ARTICLE, source_name="a.txt")
    article = result.article
    assert (article.title, article.author, str(article.published)) == (
        "Iraqi lawmakers split over Russian strikes",
        "Jane Doe",
        "2015-10-12",
    )
    quotes = list(article.quotes.order_by("start"))
    assert len(quotes) == result.quotes >= 4
    assert {q.status for q in quotes} == {"unverified"}
    assert {q.method for q in quotes} == {"extracted"}
    assert all(article.body[q.start : q.end] == q.text for q in quotes)
    assert quotes[0].speaker == known  # Muen al-Kadhimi is Moeen al-Kadhimi
    assert Speaker.objects.filter(name="Dhafer al-Ani").exists()
    assert result.new_speakers == 1


@pytest.mark.django_db
def test_imported_quotes_keep_the_extractors_confidence_in_their_attribution():
    article = article_import(text=ARTICLE).article
    confidence = dict(article.quotes.values_list("text", "attribution_confidence"))
    said = "We cannot wait for the Americans any longer,"
    assert confidence[said] == "high"  # “…,” said Muen al-Kadhimi
    assert set(confidence.values()) <= {"high", "medium", "low"}


@pytest.mark.django_db
def test_import_strips_control_characters_from_what_it_stores():
    dirty = ARTICLE.replace("BAGHDAD —", "BAGHDAD\x01 —").replace("divided", "div\x02ided")
    article = article_import(text=dirty.replace("Jane Doe", "Jane\x1f Doe")).article
    stored = f"{article.title}{article.author}{article.body}"
    assert not {"\x01", "\x02", "\x1f"} & set(stored)
    assert "BAGHDAD — Iraqi lawmakers were sharply divided" in article.body
    assert article.author == "Jane Doe"
    assert all(article.body[q.start : q.end] == q.text for q in article.quotes.all())


@pytest.mark.django_db
def test_imported_quotes_and_claims_start_their_history_with_a_baseline():
    curator = User.objects.create_user("cora", first_name="Cora")
    article = article_import(text=ARTICLE, source_name="a.txt", user=curator).article
    for model in (Quote, Claim):
        records = model.history.values_list("history_type", "history_user", "history_change_reason")
        assert set(records) == {("+", curator.pk, "Imported from a.txt")}
    assert Quote.history.count() == article.quotes.count()
    assert article.history.get().history_user == curator


@pytest.mark.django_db
def test_importing_the_same_text_again_changes_nothing():
    article_import(text=ARTICLE, source_name="a.txt")
    counts = [m.objects.count() for m in (Article, Quote, Speaker, Claim)]
    again = article_import(text=ARTICLE, source_name="a.txt")
    pasted = article_import(text=ARTICLE)
    assert not again.created and not pasted.created
    assert [m.objects.count() for m in (Article, Quote, Speaker, Claim)] == counts


@pytest.mark.django_db
def test_a_quote_joins_the_existing_claim_of_the_same_speaker():
    speaker = make_speaker(name="Moeen al-Kadhimi", slug="moeen-al-kadhimi")
    claim = make_claim(statement="We cannot wait for the Americans any longer.", speaker=speaker)
    article_import(text=ARTICLE, source_name="a.txt")
    quote = Quote.objects.get(text__startswith="We cannot wait")
    assert quote.claim == claim
    other = Quote.objects.get(text__startswith="Every week")
    assert other.claim != claim and other.claim.speaker == speaker


@pytest.mark.django_db
def test_a_surname_alone_matches_the_one_known_speaker_with_that_name():
    make_speaker(name="Hakim al-Zamili", slug="hakim-al-zamili", aliases=["Hakim Zamili"])
    text = (
        "Title\n\nBAGHDAD — Iraq may ask Russia for air strikes soon, lawmakers said on "
        "Wednesday in the capital.\n\n“We are ready,” Zamili told Reuters.\n"
    )
    article_import(text=text, source_name="z.txt")
    assert Quote.objects.get(text="We are ready,").speaker.slug == "hakim-al-zamili"
    assert Speaker.objects.count() == 1


@pytest.mark.django_db
def test_a_failed_import_leaves_nothing_written(monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Quote.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        article_import(text=ARTICLE, source_name="a.txt")
    assert not Article.objects.exists() and not Speaker.objects.exists()
    assert not Claim.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, message",
    [("", "empty"), ("   \n\n", "empty"), ("ab\x00cd", "binary"), ("x" * 1_000_001, "at most")],
)
def test_text_that_is_not_an_article_is_rejected_with_a_reason(text, message):
    with pytest.raises(ImportRejected, match=message):
        article_import(text=text)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_import_command_imports_good_files_and_reports_bad_ones(tmp_path, capsys):
    good = write(tmp_path, "good.txt", ARTICLE)
    latin = write(tmp_path, "latin.txt", ARTICLE.replace("—", "-").encode("cp1252", "replace"))
    with pytest.raises(CommandError, match="1 of 2 files were not imported"):
        call_command("import_articles", str(good), str(latin))
    assert Article.objects.get().seed_file == "good.txt"
    assert "latin.txt: not imported" in capsys.readouterr().err
    call_command("import_articles", str(good))
    assert "nothing changed" in capsys.readouterr().out
    assert Article.objects.count() == 1


@pytest.fixture
def curator(db, client):
    user = User.objects.create_user("curator", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["add_article", "view_article"])
    )
    client.force_login(user)
    return client


def test_admin_import_page_imports_pasted_text_and_opens_the_article(curator):
    response = curator.post(reverse("admin:claims_article_import"), {"text": ARTICLE})
    article = Article.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("admin:claims_article_change", args=[article.pk])
    page = curator.get(response.url)
    assert f"{article.quotes.count()} quotes found" in page.content.decode()


def test_admin_import_page_imports_an_uploaded_file(curator):
    upload = SimpleUploadedFile("story.txt", ARTICLE.encode("utf-8"), "text/plain")
    response = curator.post(reverse("admin:claims_article_import"), {"file": upload})
    assert response.status_code == 302
    assert Article.objects.get().seed_file == "story.txt"


def test_admin_import_page_shows_why_a_file_is_refused(curator):
    upload = SimpleUploadedFile("x.txt", "Café".encode("latin-1"), "text/plain")
    response = curator.post(reverse("admin:claims_article_import"), {"file": upload})
    assert response.status_code == 200
    assert "not UTF-8" in response.content.decode()
    assert not Article.objects.exists()


def test_admin_import_page_is_refused_to_staff_without_add_permission(db, client):
    user = User.objects.create_user("viewer", password="pw", is_staff=True)
    client.force_login(user)
    assert client.get(reverse("admin:claims_article_import")).status_code == 403
    assert client.post(reverse("admin:claims_article_import"), {"text": ARTICLE}).status_code == 403
    assert not Article.objects.exists()


def test_admin_import_page_keeps_its_path_under_the_article_admin():
    assert reverse("admin:claims_article_import") == "/admin/claims/article/import/"


def test_article_list_links_to_the_import_page_for_curators_who_may_add(curator):
    page = curator.get(reverse("admin:claims_article_changelist")).content.decode()
    assert f'href="{reverse("admin:claims_article_import")}"' in page


def test_a_decision_on_an_imported_quote_shows_in_the_claims_public_history(db, client):
    curator = Client()
    curator.force_login(make_curator(first_name="Cora", last_name="Reed"))
    curator.post(reverse("admin:claims_article_import"), {"text": ARTICLE})
    quote = Quote.objects.order_by("start").first()
    curator.post(
        reverse("admin:claims_quote_review"),
        {"quote": quote.pk, "version": quote.version, "decision": "dispute", "reason": "misread"},
    )
    page = client.get(quote.claim.get_absolute_url()).content.decode()
    assert "was disputed" in page
    assert "misread" in page and "Cora Reed" in page


# Web pages, served by a local server (tests/pageserver.py); no test reaches the internet.


@pytest.fixture(scope="module")
def site():
    with page_server() as base:
        yield base


@pytest.mark.django_db
def test_importing_a_page_by_url_keeps_its_title_outlet_date_author_url_and_quotes(site):
    url = f"{site}/ledger-strikes.html"
    page = fetch_page(url)
    result = article_import_page(html=page.html, url=page.url)
    article = result.article
    assert (article.title, article.outlet.name, str(article.published), article.author) == (
        "Lawmakers split over air strikes",
        "Baghdad Ledger",
        "2015-10-12",
        "Layla Hassan",
    )
    assert (article.url, article.seed_file, article.outlet.kind) == (url, "", "outlet")
    speakers = set(article.quotes.values_list("speaker__name", flat=True))
    assert {"Moeen al-Kadhimi", "Dhafer al-Ani"} <= speakers
    assert all(article.body[q.start : q.end] == q.text for q in article.quotes.all())
    again = article_import_page(html=page.html, url=page.url)
    assert (again.created, again.article, Article.objects.count()) == (False, article, 1)


@pytest.mark.django_db
def test_a_page_that_states_no_date_or_author_is_imported_without_them():
    html = (PAGES / "undated-note.html").read_bytes()
    article = article_import_page(html=html, source_name="undated-note.html").article
    assert (article.published, article.author, article.outlet, article.url) == (None, "", None, "")
    assert article.seed_file == "undated-note.html"


@pytest.mark.django_db
def test_a_page_with_no_article_text_is_rejected_and_nothing_is_written():
    with pytest.raises(ImportRejected, match="no article text"):
        article_import_page(html=b"<html><body></body></html>", url="http://127.0.0.1/x")
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_import_command_takes_html_files_and_urls_and_prints_a_summary(site, tmp_path, capsys):
    text_file = write(tmp_path, "good.txt", ARTICLE)
    call_command(
        "import_articles",
        str(text_file),
        str(PAGES / "undated-note.html"),
        f"{site}/ledger-strikes.html",
    )
    out = capsys.readouterr()
    assert Article.objects.count() == 3
    assert Article.objects.get(url=f"{site}/ledger-strikes.html").outlet.name == "Baghdad Ledger"
    quotes = Quote.objects.count()
    assert f"Summary: 3 articles imported with {quotes} quotes, " in out.out
    assert "0 already imported, 0 not imported." in out.out
    assert "[" not in out.err  # no progress bar when the output is not a terminal


@pytest.mark.django_db
def test_import_command_reports_a_url_it_cannot_fetch_without_a_traceback(site, capsys):
    with pytest.raises(CommandError, match="2 of 2 files were not imported"):
        call_command("import_articles", f"{site}/missing.html", "ftp://example.org/a.html")
    err = capsys.readouterr().err
    assert f"{site}/missing.html: not imported: the site answered 404" in err
    assert "only http:// and https://" in err


def test_admin_import_page_imports_a_page_by_url_and_opens_the_article(curator, site):
    url = f"{site}/ledger-strikes.html"
    response = curator.post(reverse("admin:claims_article_import"), {"url": url})
    article = Article.objects.get()
    assert response.url == reverse("admin:claims_article_change", args=[article.pk])
    assert (article.url, article.outlet.name, article.author) == (
        url,
        "Baghdad Ledger",
        "Layla Hassan",
    )


def test_admin_import_page_imports_an_uploaded_html_page(curator):
    html = (PAGES / "ledger-strikes.html").read_bytes()
    upload = SimpleUploadedFile("strikes.html", html, "text/html")
    response = curator.post(reverse("admin:claims_article_import"), {"file": upload})
    assert response.status_code == 302
    article = Article.objects.get()
    assert (article.seed_file, article.title) == (
        "strikes.html",
        "Lawmakers split over air strikes",
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/missing.html", "This page cannot be imported: the site answered 404 Not Found."),
        ("/image.png", "This page cannot be imported: the address gives image/png"),
        ("file:///etc/passwd", "This address cannot be imported: only http:// and https://"),
        ("not a url", "This address cannot be imported: only http:// and https://"),
    ],
)
def test_admin_import_page_says_why_an_address_cannot_be_imported(curator, site, url, message):
    address = f"{site}{url}" if url.startswith("/") else url
    response = curator.post(reverse("admin:claims_article_import"), {"url": address})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html, re.findall(r'errornote">(.*?)</div>|errorlist.*?</ul>', html)
    assert not Article.objects.exists()


def test_admin_import_page_takes_one_source_at_a_time(curator, site):
    response = curator.post(
        reverse("admin:claims_article_import"), {"text": ARTICLE, "url": f"{site}/a.html"}
    )
    assert "one of them, not several" in response.content.decode()


# Organizations from role descriptions and outlet lines.

ROLE_ARTICLE = (
    "Militia leaders reject the deadline\n\n"
    "Baghdad Ledger\n\n"
    "By Layla Hassan\n\n"
    "March 3, 2016\n\n"
    "BAGHDAD — Militia leaders on Thursday rejected a government deadline to hand over "
    "their heavy weapons before the spring offensive.\n\n"
    "“Nobody disarms in the middle of a war,” said Moeen al-Kadhimi, a spokesman for the "
    "Badr Corps. “The deadline will pass.”\n\n"
    '"We have heard this before," said Omar Saleh, a spokesman for the River Council.\n'
)


@pytest.mark.django_db
def test_a_role_beside_a_name_gives_the_quote_its_organization_and_proposes_a_membership():
    badr = make_organization(name="Badr Organization", aliases=["Badr Corps"])
    result = article_import(text=ROLE_ARTICLE)
    kadhimi = Speaker.objects.get(name="Moeen al-Kadhimi")
    quotes = result.article.quotes.filter(speaker=kadhimi)
    assert quotes.count() == 2 and {q.organization for q in quotes} == {badr}
    membership = Membership.objects.get(speaker=kadhimi)
    assert (membership.organization, membership.role, membership.verified) == (
        badr,
        "spokesman",
        False,
    )
    assert result.proposed_memberships == 1
    saleh = result.article.quotes.get(speaker__name="Omar Saleh")
    assert saleh.organization is None  # the River Council is not known: nothing is made up
    assert not kadhimi.role_on(None, badr.pk)  # a proposal gives no role until verified


@pytest.mark.django_db
def test_an_existing_membership_is_not_proposed_again():
    badr = make_organization(name="Badr Corps")
    kadhimi = make_speaker(name="Moeen al-Kadhimi", slug="moeen-al-kadhimi")
    Membership.objects.create(speaker=kadhimi, organization=badr, role="spokesperson")
    assert article_import(text=ROLE_ARTICLE).proposed_memberships == 0
    assert Membership.objects.get().verified


@pytest.mark.django_db
def test_an_unknown_outlet_line_becomes_an_outlet_organization():
    article = article_import(text=ROLE_ARTICLE).article
    assert (article.outlet.name, article.outlet.kind) == ("Baghdad Ledger", "outlet")
    again = article_import(text=ROLE_ARTICLE.replace("Thursday", "Friday")).article
    assert again.outlet == article.outlet
