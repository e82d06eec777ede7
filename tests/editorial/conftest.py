"""An editor logged in through the real admin login, with CSRF checks on."""

import pytest
from django.core.management import call_command
from django.test import Client

PASSWORD = "a long editor passphrase 42"


def login(client: Client, username: str, password: str = PASSWORD) -> None:
    client.get("/admin/login/")
    response = client.post(
        "/admin/login/?next=/admin/",
        {
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": client.cookies["csrftoken"].value,
        },
    )
    assert response.status_code == 302, "login failed"


class EditorClient(Client):
    """A test client that adds the CSRF token (from its cookie) to every POST, like a form."""

    def post(self, path, data=None, **kw):
        if "csrftoken" not in self.cookies:
            self.get("/admin/login/")
        data = {**(data or {}), "csrfmiddlewaretoken": self.cookies["csrftoken"].value}
        return super().post(path, data, **kw)


def make_editor(tmp_path, username: str = "editor", *extra: str):
    secret = tmp_path / f"{username}-password"
    secret.write_text(PASSWORD + "\n")
    call_command("createeditor", username, "--password-file", str(secret), *extra, stdout=None)


@pytest.fixture
def editor(db, tmp_path) -> EditorClient:
    make_editor(tmp_path)
    client = EditorClient(enforce_csrf_checks=True)
    login(client, "editor")
    return client
