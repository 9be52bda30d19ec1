"""Create a staff account in the Curators group: `manage.py create_curator NAME --email E`."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

GROUP = "Curators"


class Command(BaseCommand):
    help = "Create a curator: a staff user in the Curators group. Prints a generated password."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="", help="Shown with the curator's changes.")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--password", help="Use this password instead of generating one.")

    @transaction.atomic
    def handle(self, *args, username, email, first_name, last_name, password, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        group = Group.objects.filter(name=GROUP).first()
        if group is None:
            raise CommandError(f"The {GROUP} group is missing; run `manage.py migrate` first.")
        generated = password is None
        password = password or secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username,
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
            is_staff=True,
        )
        user.groups.add(group)
        self.stdout.write(f"Created curator {username}.")
        if generated:
            self.stdout.write(f"Password: {password}")
