from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction


class Command(BaseCommand):
    help = (
        "Replace the whole database with a backup written by backup_db: migrate, empty "
        "every table, then load every row with its primary key, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help="Do not ask first."
        )

    def handle(self, *args, path, database, interactive, **options):
        if not path.endswith(".json"):
            raise CommandError(f"{path} is not a backup_db file (expected a .json file).")
        if interactive:
            answer = input(f"This deletes every row in database '{database}'. Type 'yes': ")
            if answer != "yes":
                raise CommandError("Restore cancelled.")
        call_command("migrate", database=database, interactive=False, verbosity=0)
        with transaction.atomic(using=database):
            # flush re-creates content types and permissions; the backup matches them
            # by natural key and brings every other row back with its primary key.
            call_command("flush", database=database, interactive=False, verbosity=0)
            call_command("loaddata", path, database=database, verbosity=0)
        self.stdout.write(f"Restored {path} into database '{database}'.")
