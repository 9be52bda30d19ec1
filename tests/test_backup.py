"""Nothing lost: backup_db and restore_db round-trip every row; migrations reverse cleanly."""

import json
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from claims.management.commands.backup_db import backup_models, backup_records
from claims.models import Quote, Speaker
from tests.factories import make_quote, make_speaker


def snapshot():
    """Every row of every model, by model, with primary keys and natural foreign keys."""
    rows = {}
    for record in backup_records():
        rows.setdefault(record["model"], []).append(record)
    counts = {model._meta.label_lower: model._base_manager.count() for model in backup_models()}
    return json.loads(json.dumps(rows, default=str)), counts


def curated_history():
    """A little of everything: seed data, edits with history, users, groups, admin log."""
    curator = User.objects.create_user("curator", "c@example.org", "long enough secret")
    curator.groups.add(Group.objects.get_or_create(name="Curators")[0])
    speaker = make_speaker(name="Hadi al-Amiri", notes="Leads **Badr**.")
    speaker.description = "Badr Organization leader"
    speaker._history_user = curator
    speaker.save()
    quote = make_quote(speaker=speaker)
    quote.notes = "Checked against the Reuters wire, 12 Oct 2015 — “exact”."
    quote.save()
    LogEntry.objects.log_actions(
        user_id=curator.pk, queryset=[speaker], action_flag=CHANGE, change_message="Edited"
    )
    return speaker


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_every_row_with_its_primary_key(seed, tmp_path):
    speaker = curated_history()
    edited = Speaker.history.filter(id=speaker.pk).latest("history_date")
    assert edited.history_date.microsecond, "a timestamp with microseconds to keep"
    before, counts = snapshot()
    assert counts["claims.historicalspeaker"] > 0 and counts["admin.logentry"] == 1
    path = tmp_path / "backup.json"
    call_command("backup_db", output=str(path), stdout=StringIO())

    call_command("flush", interactive=False)
    assert Quote.objects.count() == 0
    call_command("restore_db", str(path), interactive=False, stdout=StringIO())

    after, restored_counts = snapshot()
    assert restored_counts == counts
    for model, rows in before.items():
        assert after[model] == rows, f"{model} changed in the round trip"
    # Restored history keeps its microseconds and its author.
    last = Speaker.history.filter(id=speaker.pk).latest("history_date")
    assert last.history_user.username == "curator"
    assert last.history_date == edited.history_date


@pytest.mark.django_db(transaction=True)
def test_a_restored_database_accepts_new_rows_after_the_restored_ones(seed, tmp_path):
    path = tmp_path / "backup.json"
    call_command("backup_db", output=str(path), stdout=StringIO())
    highest = Speaker.objects.order_by("-pk").first().pk
    call_command("restore_db", str(path), interactive=False, stdout=StringIO())
    assert make_speaker().pk > highest


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    with pytest.raises(CommandError, match="not a backup_db file"):
        call_command("restore_db", str(tmp_path / "dump.sql"), interactive=False)


def test_every_content_type_is_matched_by_natural_key_in_the_backup(db):
    records = [r for r in backup_records() if r["model"] == "contenttypes.contenttype"]
    assert len(records) == ContentType.objects.count()
    assert all("pk" not in record for record in records)


@pytest.mark.django_db(transaction=True)
def test_claims_migrations_reverse_to_zero_and_apply_again():
    call_command("migrate", "claims", "zero", verbosity=0)
    assert "claims_quote" not in connection.introspection.table_names()
    call_command("migrate", verbosity=0)
    assert "claims_quote" in connection.introspection.table_names()
    assert Group.objects.filter(name="Curators").exists()


def test_models_have_no_changes_missing_a_migration(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
