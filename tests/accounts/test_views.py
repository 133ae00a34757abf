"""Sign-in, language, preferences, members and invitations through the web (issue 3)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from samverkan.accounts.models import LoginAttempt, Membership, User
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password(client, user, password):
    response = client.post(
        reverse("accounts:login"), {"username": user.email.upper(), "password": password}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("web:dashboard")
    assert LoginAttempt.objects.get().succeeded is True


def test_unknown_email_gets_a_clear_error(client):
    response = client.post(
        reverse("accounts:login"), {"username": "nobody@example.org", "password": "whatever"}
    )
    assert response.status_code == 200
    assert "The e-mail address or password is not correct." in response.content.decode()


def test_login_is_rate_limited_after_failures(client, user, password, settings):
    settings.LOGIN_RATE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong"})
    response = client.post(
        reverse("accounts:login"), {"username": user.email, "password": password}
    )
    assert response.status_code == 200
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_sets_the_users_language(client, password):
    swede = UserFactory(language="sv", password=password)
    response = client.post(
        reverse("accounts:login"), {"username": swede.email, "password": password}
    )
    assert response.cookies["samverkan_language"].value == "sv"
    dashboard = client.get(reverse("web:dashboard"))
    assert "Välkommen" in dashboard.content.decode()


def test_language_switch_saves_profile_and_refuses_unknown_language(client, user):
    client.force_login(user)
    client.post(reverse("accounts:set-language"), {"language": "fi", "next": "/dashboard/"})
    user.refresh_from_db()
    assert user.language == "fi"
    response = client.post(
        reverse("accounts:set-language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    user.refresh_from_db()
    assert user.language == "en"


def test_preferences_form_validates_time_zone(client, user):
    client.force_login(user)
    response = client.post(
        reverse("accounts:preferences"),
        {"full_name": "A", "language": "sv", "time_zone": "Nowhere/City"},
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.time_zone == "Europe/Stockholm"
    response = client.post(
        reverse("accounts:preferences"),
        {"full_name": "Anna", "language": "sv", "time_zone": "Europe/Tallinn"},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.full_name, user.time_zone) == ("Anna", "Europe/Tallinn")


def test_members_page_permissions(client, organisation, owner):
    outsider = UserFactory()
    url = reverse("accounts:organisation-members", kwargs={"slug": organisation.slug})
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    member = MembershipFactory(organisation=organisation).user
    client.force_login(member)
    assert client.get(url).status_code == 200
    assert client.post(url, {"email": "x@example.org", "role": "member"}).status_code == 403
    assert mail.outbox == []


def test_invite_new_person_who_signs_up_through_the_link(client, organisation, owner):
    client.force_login(owner)
    url = reverse("accounts:organisation-members", kwargs={"slug": organisation.slug})
    response = client.post(url, {"email": "new.person@example.org", "role": "member"})
    assert response.status_code == 302
    link = re.search(r"http://\S+/accounts/invitations/\S+/", mail.outbox[0].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(
        path,
        {
            "full_name": "New Person",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )
    assert response.status_code == 302
    new_user = User.objects.get(email="new.person@example.org")
    assert Membership.objects.get(user=new_user).organisation == organisation
    assert client.get(path).status_code == 410


def test_invalid_invitation_link_is_410(client):
    response = client.get(reverse("accounts:invitation-accept", kwargs={"token": "nope"}))
    assert response.status_code == 410
    assert "not valid" in response.content.decode()


def test_api_token_page_shows_secret_once(client, user):
    client.force_login(user)
    response = client.post(reverse("accounts:api-tokens"), {"name": "CRM"})
    secret = re.search(r"svk_[\w-]+", response.content.decode()).group(0)
    again = client.get(reverse("accounts:api-tokens"))
    assert secret not in again.content.decode()
    assert user.api_tokens.get().name == "CRM"


def test_password_reset_sends_a_working_link(client, user):
    response = client.post(reverse("accounts:password-reset"), {"email": user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    path = re.search(r"/accounts/password-reset/\S+/\S+/", mail.outbox[0].body).group(0)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "brand-new-pass-99", "new_password2": "brand-new-pass-99"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("brand-new-pass-99")


def test_password_reset_for_unknown_email_reveals_nothing(client):
    response = client.post(reverse("accounts:password-reset"), {"email": "ghost@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
