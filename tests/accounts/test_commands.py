import pytest
from django.core.management import CommandError, call_command

from samverkan.accounts.services import api_token_authenticate

pytestmark = pytest.mark.django_db


def test_api_token_command_prints_a_working_token(user, capsys):
    call_command("api_token", user=user.email.upper())
    secret = capsys.readouterr().out.strip()
    assert api_token_authenticate(secret=secret) == user


def test_api_token_command_refuses_unknown_user():
    with pytest.raises(CommandError, match="No user"):
        call_command("api_token", user="ghost@example.org")
