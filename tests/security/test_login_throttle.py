"""Password guessing at the admin login is stopped by django-axes, and an administrator can unlock."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password="right-horse-battery", is_staff=True)


def _guess(client, password: str):
    return client.post(
        reverse("admin:login"), {"username": "editor", "password": password}, REMOTE_ADDR="10.0.0.9"
    )


def test_too_many_wrong_passwords_lock_the_login_with_a_clear_page(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _guess(client, f"wrong-{n}").status_code == 200  # the login form again
    locked = _guess(client, "wrong-last")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Too many failed logins" in page
    assert "ask an administrator" in page
    # Even the right password is refused while locked out.
    assert _guess(client, "right-horse-battery").status_code == 429


def test_an_administrator_unlocks_with_axes_reset(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _guess(client, f"wrong-{n}")
    assert AccessAttempt.objects.exists()
    call_command("axes_reset", verbosity=0)
    response = _guess(client, "right-horse-battery")
    assert response.status_code == 302  # logged in, on to the admin


def test_the_admin_lists_lockouts_for_an_administrator(admin_client, editor, client):
    for n in range(settings.AXES_FAILURE_LIMIT):
        _guess(client, f"wrong-{n}")
    response = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 200
    assert "editor" in response.content.decode()
