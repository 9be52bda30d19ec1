from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from claims.services import seed_load


class Command(BaseCommand):
    help = "Load fixtures/seed.json, adding what is missing and keeping existing rows as they are."

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "seed.json"
        )

    def handle(self, *args, path, **options):
        added, kept = seed_load(path=path)
        self.stdout.write(f"Seed data: {added} rows added, {kept} already present and kept.")
