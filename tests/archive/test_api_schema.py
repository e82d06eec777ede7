"""Schema-driven test of the API: schemathesis generates requests from /api/schema/.

Every operation, a few examples each (kept fast); the check is that no request, however odd
its parameters, gets a server error, and that answers match the documented schemas.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from config.wsgi import application
from tests.factories import make_event, make_speaker, make_statement

# Reading the schema touches no table, so it can be loaded when the module is collected.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def archive(db, settings):
    settings.API_RATE_LIMIT = "100000/m"  # this test is one very busy client
    cache.clear()
    # As Django's test client does: a finished request must not close the connection that
    # holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    ana = make_speaker(name="Ana Ruiz")
    make_statement(speaker=ana, event=make_event(name="Harbour Forum"), text="Water for all.")
    make_statement(speaker=ana, kind="indirect", text="the harbour would stay public")
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_gives_a_server_error(case, archive):
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance]
    )
