"""The Editors and Administrators groups (their permissions are listed in archive.roles)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from archive.roles import ADMINISTRATORS, EDITORS, ensure_groups


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, ADMINISTRATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0010_editorial_history"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
