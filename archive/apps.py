from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "Statement archive"

    def ready(self):
        from archive import trigger_helpers

        # After pgtrigger's and pghistory's own installs: see archive/trigger_helpers.py.
        post_migrate.connect(trigger_helpers.install, sender=self)
