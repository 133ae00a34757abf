"""`samverkan api-token --user EMAIL`: print a new personal API token."""

from django.core.management.base import BaseCommand, CommandError

from samverkan.accounts.models import User
from samverkan.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for a user and print it (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The user's e-mail address.")
        parser.add_argument("--name", default="command line", help="What the token is for.")

    def handle(self, *args, user: str, name: str, **options):
        account = User.objects.filter(email__iexact=user.strip()).first()
        if account is None:
            raise CommandError(f"No user with the e-mail address {user!r}.")
        if not account.is_active:
            raise CommandError(f"The user {user!r} is deactivated.")
        _token, secret = api_token_create(user=account, name=name)
        self.stdout.write(secret)
