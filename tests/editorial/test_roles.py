"""Who may do what: the two groups, createeditor, staff-only review pages."""

import io

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from django.test import Client

from archive.models import ReviewStatus
from tests.editorial.conftest import PASSWORD, login, make_editor
from tests.factories import make_statement

pytestmark = pytest.mark.django_db


def test_groups_exist_with_their_permissions():
    editors = Group.objects.get(name="Editors")
    administrators = Group.objects.get(name="Administrators")
    editor_perms = set(editors.permissions.values_list("codename", flat=True))
    assert {
        "change_statement",
        "change_speaker",
        "delete_speaker",
        "view_statementhistory",
    } <= editor_perms
    assert "change_user" not in editor_perms and "delete_statement" not in editor_perms
    admin_perms = set(administrators.permissions.values_list("codename", flat=True))
    assert {"change_user", "delete_statement", "change_ingestrun"} <= admin_perms


def test_createeditor_reads_the_password_file_and_makes_a_staff_editor(tmp_path):
    make_editor(tmp_path, "maria")
    user = User.objects.get(username="maria")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Editors"]
    assert user.check_password(PASSWORD)


def test_createeditor_prompts_for_the_password(monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    out = io.StringIO()
    call_command("createeditor", "prompted", stdout=out)
    assert "Created prompted in Editors" in out.getvalue()


def test_createeditor_refuses_a_weak_password(tmp_path):
    secret = tmp_path / "pw"
    secret.write_text("1234\n")
    with pytest.raises(CommandError, match="too short"):
        call_command("createeditor", "weak", "--password-file", str(secret))


def test_review_queue_sends_visitors_to_the_admin_login(client):
    response = client.get("/review/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_staff_without_review_permission_are_refused(tmp_path):
    User.objects.create_user("clerk", password=PASSWORD, is_staff=True)
    client = Client()
    login(client, "clerk")
    assert client.get("/review/").status_code == 403


def test_editor_opens_the_queue_linked_from_the_admin_index(editor):
    index = editor.get("/admin/").content.decode()
    assert 'href="/review/"' in index
    assert editor.get("/review/").status_code == 200


def test_a_post_without_the_csrf_token_is_refused(db, tmp_path):
    make_editor(tmp_path, "csrf")
    client = Client(enforce_csrf_checks=True)
    login(client, "csrf")
    statement = make_statement()
    response = Client.post(client, f"/review/{statement.pk}/act/", {"action": "verify"})
    assert response.status_code == 403
    statement.refresh_from_db()
    assert statement.review_status == ReviewStatus.UNREVIEWED


def test_public_pages_show_the_status_and_never_the_editorial_tools(client):
    statement = make_statement(text="A plain checked line.", review_status=ReviewStatus.VERIFIED)
    make_statement(text="An unchecked line here.")
    page = client.get("/statements/").content.decode()
    assert "Verified" in page and "Unreviewed" in page
    assert "/review/" not in page
    detail = client.get(statement.get_absolute_url()).content.decode()
    assert "Verified" in detail and "/review/" not in detail
