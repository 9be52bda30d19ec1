"""`migrate`, the one command allowed to create a missing SQLite database file."""

from django.core.management.commands import migrate

from iraqnews.sqlite_backend.base import creation_allowed


class Command(migrate.Command):
    def execute(self, *args, **options):
        # execute(), not handle(): the system checks run first and already connect.
        with creation_allowed():
            return super().execute(*args, **options)
