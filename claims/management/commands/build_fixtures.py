from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.seed import CurationError, build_fixture, dump_fixture


class Command(BaseCommand):
    help = "Build fixtures/seed.json from fixtures/seeds/*.txt and fixtures/curation.toml."

    def add_arguments(self, parser):
        fixtures = Path(settings.BASE_DIR) / "fixtures"
        parser.add_argument("--seeds", default=fixtures / "seeds", type=Path)
        parser.add_argument("--curation", default=fixtures / "curation.toml", type=Path)
        parser.add_argument("--output", default=fixtures / "seed.json", type=Path)
        parser.add_argument(
            "--check", action="store_true", help="Exit 1 if the output file is out of date."
        )

    def handle(self, *args, seeds, curation, output, check, **options):
        try:
            content = dump_fixture(build_fixture(seeds, curation))
        except CurationError as error:
            raise CommandError(str(error)) from error
        if check:
            current = output.read_text(encoding="utf-8") if output.exists() else ""
            if current != content:
                raise CommandError(f"{output} is out of date: run `make fixtures`.")
            self.stdout.write(f"{output} is up to date.")
            return
        output.write_text(content, encoding="utf-8")
        self.stdout.write(f"Wrote {output}.")
