"""The two helper functions every history trigger calls, without exception blocks.

django-pgtrigger's ``_pgtrigger_should_ignore`` and django-pghistory's ``_pgh_attach_context``
read a custom setting inside ``BEGIN ... EXCEPTION WHEN OTHERS``, and the setting is unset
unless a ``pgtrigger.ignore()`` or ``pghistory.context()`` block is open. Each call then
aborts a subtransaction, and PostgreSQL's abort walks every AFTER trigger event still
pending in the transaction (the deferred foreign-key checks included): one statement that
writes N rows costs O(N^2). Loading the 1,000,000-statement bench corpus ran for over 100
minutes inside the statements' COPY. Any other single statement over many tracked rows (a
speaker merge, a bulk review) takes the same path; those were not measured.

These replacements read the settings with ``current_setting(name, true)`` (NULL when never
set, '' after a ``SET LOCAL`` has ended) and return what the libraries' own functions
return. The libraries install theirs from their migrations (and pgtrigger again with every
trigger it installs), so ``install`` runs after every ``migrate`` (``ArchiveConfig``), the
archive app coming after both in INSTALLED_APPS.
"""

from django.db import connections
from pghistory.models import Context
from pgtrigger import features

# Where the libraries put them: pgtrigger's schema setting, pghistory's context table.
SHOULD_IGNORE = r"""
CREATE OR REPLACE FUNCTION "{schema}"._pgtrigger_should_ignore(trigger_name NAME)
RETURNS BOOLEAN AS $$
    SELECT COALESCE(
        trigger_name = ANY(NULLIF(current_setting('pgtrigger.ignore', true), '')::text[]),
        false
    )
$$ LANGUAGE sql STABLE;
"""

ATTACH_CONTEXT = r"""
CREATE OR REPLACE FUNCTION _pgh_attach_context() RETURNS {context}.id%TYPE AS $$
    DECLARE
        _pgh_context_id UUID := NULLIF(current_setting('pghistory.context_id', true), '');
        _pgh_context_metadata JSONB :=
            NULLIF(current_setting('pghistory.context_metadata', true), '');
    BEGIN
        IF _pgh_context_id IS NOT NULL AND _pgh_context_metadata IS NOT NULL THEN
            INSERT INTO {context} (id, metadata, created_at, updated_at)
                VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
                ON CONFLICT (id) DO UPDATE
                    SET metadata = EXCLUDED.metadata,
                        updated_at = EXCLUDED.updated_at
                    WHERE {context}.metadata != EXCLUDED.metadata;
            RETURN _pgh_context_id;
        ELSE
            RETURN NULL;
        END IF;
    END;
$$ LANGUAGE plpgsql;
"""


def install(using: str = "default", **kwargs) -> None:
    """Replace both helpers on database ``using`` (a ``post_migrate`` receiver)."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            SHOULD_IGNORE.format(schema=features.schema())
            + ATTACH_CONTEXT.format(context=Context._meta.db_table)
        )
