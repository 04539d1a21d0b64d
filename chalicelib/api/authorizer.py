"""Authentication in the handler's own process: bearer token -> principal, one Lambda per request.

``request_middleware`` (chalicelib/api/http.py) calls ``authenticate`` for every route that is not
public, before the rate limit and before any handler runs: one BatchGetItem (session or API token,
user, organization), never cached, so a session ended or a token revoked is refused on the very
next request. There is no separate authorizer function (and no authorizer invocation) any more.

A token we cannot accept (missing, malformed, unknown, expired, revoked) leaves the request without
a principal and the route answers 401 with the project's JSON error body and the reason's code
(``unauthenticated``, ``invalid_session``, ``session_expired``, ``invalid_token``...); no handler
runs without a principal. The deployed gateway still refuses a request with no ``Authorization``
header before any function runs (a required header and a request validator in the API definition,
infra/build_merge_template.py), with the same 401 body.
"""

from __future__ import annotations

from chalicelib.api.http import set_authenticator
from chalicelib.domain.errors import Unauthenticated
from chalicelib.domain.identity import Principal
from chalicelib.observability import count, logger
from chalicelib.services import identity


def authenticate(authorization: str | None, reads: frozenset[str] = frozenset()) -> Principal:
    """The principal behind an ``Authorization`` header value, or ``Unauthenticated`` (its code says
    why). ``reads``: the route's extra items for the same BatchGetItem (``"ticket_counter"``)."""
    try:
        principal = identity.authenticate(authorization, counter="ticket_counter" in reads)
    except Unauthenticated:
        count("AuthRejected", 1)
        raise
    count("AuthAccepted", 1)
    logger.append_keys(org_id=principal.org_id, user_id=principal.user_id)
    return principal


set_authenticator(authenticate)
