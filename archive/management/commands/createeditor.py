"""python manage.py createeditor USERNAME [--password-file PATH] [--admin]: an editor account."""

import getpass
from pathlib import Path

from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from archive.roles import ADMINISTRATORS, EDITORS, ensure_groups


class Command(BaseCommand):
    help = "Create (or update) a staff account in the Editors group."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--password-file", type=Path, help="Read the password from this file's first line."
        )
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--admin", action="store_true", help="Put the account in Administrators instead."
        )

    def handle(self, *args, username, password_file, email, admin, **options):
        password = self._password(password_file)
        User = get_user_model()
        user = User.objects.filter(username=username).first() or User(username=username)
        user.email = email or user.email
        try:
            password_validation.validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        with transaction.atomic():
            ensure_groups(Group, Permission)
            created = user.pk is None
            user.is_staff = True
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=ADMINISTRATORS if admin else EDITORS))
        group = ADMINISTRATORS if admin else EDITORS
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {username} in {group}: log in at /admin/ and open /review/.")

    def _password(self, path: Path | None) -> str:
        if path is not None:
            try:
                lines = path.read_text().splitlines()
            except OSError as error:
                raise CommandError(f"Cannot read {path}: {error.strerror}") from None
            if not lines or not lines[0]:
                raise CommandError(f"{path} is empty: put the password on its first line.")
            return lines[0]
        try:
            first = getpass.getpass("Password: ")
            second = getpass.getpass("Password (again): ")
        except (EOFError, KeyboardInterrupt):
            raise CommandError("No password given: use --password-file.") from None
        if first != second:
            raise CommandError("The two passwords differ.")
        if not first:
            raise CommandError("The password is empty.")
        return first
