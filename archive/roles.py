"""Who may do what: the permissions of the two editorial groups, as data.

Read by the data migration that creates the groups and by ``manage.py createeditor``, so the
two never disagree. Codenames are Django's ``<action>_<model>`` for the ``archive`` app.
"""

EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

# Editors review and correct the archive: statements, speakers (with aliases), events and
# passages; merging deletes the merged-away records, hence delete on speakers and events.
EDITOR_PERMISSIONS = {
    "archive": [
        *(
            f"{action}_{model}"
            for action in ("view", "add", "change")
            for model in ("statement", "speaker", "speakeralias", "event", "occurrence")
        ),
        "delete_speakeralias",
        "delete_speaker",
        "delete_event",
        "view_source",
        "view_article",
        "view_ingestrun",
        "view_slugredirect",
        *(
            f"view_{model}history"
            for model in ("statement", "speaker", "speakeralias", "event", "occurrence")
        ),
    ],
}

# Administrators may do everything in the archive, plus users, groups and imports.
ADMINISTRATOR_APPS = ("archive", "auth", "admin")


def ensure_groups(Group, Permission) -> None:
    """Create or refresh both groups (idempotent; takes the models so migrations can call it)."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    wanted = [
        (app, codename) for app, codenames in EDITOR_PERMISSIONS.items() for codename in codenames
    ]
    editors.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=[app for app, _ in wanted],
            codename__in=[codename for _, codename in wanted],
        )
    )
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATORS)
    administrators.permissions.set(
        Permission.objects.filter(content_type__app_label__in=ADMINISTRATOR_APPS)
    )
