"""Property-based API tests generated from the OpenAPI schema (schemathesis).

Every operation is called with generated input, anonymously and with a valid token; none may
answer with a server error, and every error must be a problem-details document.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from samverkan.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@schemathesis.check
def problem_details_on_errors(ctx, response, case):
    if 400 <= response.status_code < 500 and response.status_code != 405:
        content_type = response.headers.get("content-type") or response.headers.get("Content-Type")
        value = content_type[0] if isinstance(content_type, list) else content_type
        assert (value or "").startswith("application/problem+json"), (
            f"{case.method} {case.path} answered {response.status_code} without problem details"
        )


@pytest.fixture
def token(db):
    from samverkan.accounts.services import api_token_create
    from tests.factories import MembershipFactory

    membership = MembershipFactory(role="owner")
    return api_token_create(user=membership.user, name="fuzz")[1]


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_never_fails_with_server_errors(case, token):
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        checks=[not_a_server_error, problem_details_on_errors],
    )


@pytest.mark.django_db(transaction=True)
@schema.include(method="GET").parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_anonymous_get_never_fails_with_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error, problem_details_on_errors])
