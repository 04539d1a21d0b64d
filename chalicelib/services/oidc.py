"""The OpenID Connect relying party: discovery, the authorization URL, the code exchange and ID
token verification (``joserfc``, imported only when a sign-in needs it: not at cold start).

Every fetch goes through ``channels.outbound.fetch`` (https, public addresses, bounded time and
size, no redirects). The discovery document and the key set are cached per container for
``CACHE_SECONDS``; an ID token signed with a key id the cached set lacks triggers one refetch of
the key set (the provider rotated its keys), never more per verification.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from chalicelib import config
from chalicelib.channels import outbound
from chalicelib.domain.errors import InvalidInput, Unauthenticated, Unavailable
from chalicelib.domain.sso import CLOCK_SKEW, issuer_problem, sha256

CACHE_SECONDS = 300.0
# Asymmetric algorithms only: never "none", never HS* (a shared secret is no proof of the issuer).
SAFE_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")


@dataclass(frozen=True)
class Provider:
    """What an issuer's discovery document says that a sign-in needs."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    algorithms: tuple[str, ...]
    basic_auth: bool  # client_secret_basic (the default), else client_secret_post


_lock = threading.Lock()
_providers: dict[str, tuple[float, Provider]] = {}
_key_sets: dict[str, tuple[float, Any]] = {}


def reset_caches() -> None:
    """Forget cached discovery documents and key sets (tests: each starts as a new container)."""
    with _lock:
        _providers.clear()
        _key_sets.clear()


def sso_failed(message: str) -> Unauthenticated:
    return Unauthenticated(message, code="sso_failed")


def unavailable(what: str, reason: str) -> Unavailable:
    return Unavailable(f"The identity provider's {what} could not be fetched ({reason}).", code="sso_unavailable")


def _get_json(url: str, what: str) -> dict[str, Any]:
    try:
        fetched = outbound.fetch(url, allow_loopback=config.sso_allow_loopback_issuer())
    except outbound.FetchFailed as exc:
        raise unavailable(what, exc.message) from None
    if fetched.status != 200:
        raise unavailable(what, f"answered {fetched.status}")
    try:
        document = json.loads(fetched.body)
    except ValueError:
        raise unavailable(what, "not JSON") from None
    if not isinstance(document, dict):
        raise unavailable(what, "not a JSON object")
    return document


def check_issuer(issuer: str) -> None:
    """422 ``invalid_issuer`` unless ``issuer`` may be used (https; http only on loopback when allowed)."""
    problem = issuer_problem(issuer, config.sso_allow_loopback_issuer())
    host = (urlsplit(issuer).hostname or "") if problem is None else ""
    if _is_address(host) and not outbound.is_public_address(host):
        loopback_allowed = config.sso_allow_loopback_issuer() and host in outbound.LOOPBACK_HOSTS
        problem = None if loopback_allowed else "must not name a private, loopback or link-local address"
    if problem is not None:
        raise InvalidInput(
            f"The issuer {problem}.",
            code="invalid_issuer",
            details=[{"field": "issuer", "message": problem, "type": "issuer"}],
        )


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def discover(issuer: str) -> Provider:
    """The issuer's provider metadata (``/.well-known/openid-configuration``), cached per container.
    Its ``issuer`` must be exactly the configured one, and its endpoints obey the issuer's URL rules."""
    now = time.monotonic()
    with _lock:
        cached = _providers.get(issuer)
    if cached is not None and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    if issuer_problem(issuer, config.sso_allow_loopback_issuer()) is not None:
        raise unavailable("discovery document", "the issuer is not allowed here")
    document = _get_json(issuer.rstrip("/") + "/.well-known/openid-configuration", "discovery document")
    if document.get("issuer") != issuer:
        raise unavailable("discovery document", "it names another issuer")
    endpoints = {}
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        value = document.get(name)
        if not isinstance(value, str) or issuer_problem(value, config.sso_allow_loopback_issuer()) is not None:
            raise unavailable("discovery document", f"{name} is missing or not allowed")
        endpoints[name] = value
    offered = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    algorithms = tuple(alg for alg in SAFE_ALGORITHMS if isinstance(offered, list) and alg in offered)
    if not algorithms:
        raise unavailable("discovery document", "no supported ID token signing algorithm")
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    basic = not isinstance(methods, list) or "client_secret_basic" in methods or "client_secret_post" not in methods
    provider = Provider(issuer, algorithms=algorithms, basic_auth=basic, **endpoints)
    with _lock:
        _providers[issuer] = (now, provider)
    return provider


def authorization_url(
    provider: Provider, client_id: str, redirect_uri: str, state: str, nonce: str, challenge: str
) -> str:
    """Where the browser goes to sign in: the authorization code flow with PKCE (S256)."""
    query = urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": "openid email profile",
            "state": state,
            "nonce": nonce,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    separator = "&" if "?" in provider.authorization_endpoint else "?"
    return f"{provider.authorization_endpoint}{separator}{query}"


def exchange_code(
    provider: Provider, client_id: str, client_secret: str, code: str, redirect_uri: str, verifier: str
) -> str:
    """The ID token the token endpoint gives for ``code`` (with the client secret and the PKCE
    verifier); 401 ``sso_failed`` when it refuses."""
    form: dict[str, str] = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": verifier,
    }
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if provider.basic_auth:
        pair = f"{_form_quote(client_id)}:{_form_quote(client_secret)}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
    else:
        form |= {"client_id": client_id, "client_secret": client_secret}
    try:
        fetched = outbound.fetch(
            provider.token_endpoint,
            method="POST",
            body=urlencode(form).encode(),
            headers=headers,
            allow_loopback=config.sso_allow_loopback_issuer(),
        )
    except outbound.FetchFailed as exc:
        raise unavailable("token endpoint", exc.message) from None
    if 400 <= fetched.status < 500:
        raise sso_failed("The identity provider refused the code (wrong, expired, already used, or PKCE mismatch).")
    if fetched.status != 200:
        raise unavailable("token endpoint", f"answered {fetched.status}")
    try:
        answer = json.loads(fetched.body)
    except ValueError:
        raise unavailable("token endpoint", "not JSON") from None
    id_token = answer.get("id_token") if isinstance(answer, dict) else None
    if not isinstance(id_token, str) or not id_token:
        raise sso_failed("The identity provider returned no ID token.")
    return id_token


def _form_quote(value: str) -> str:
    """RFC 6749 section 2.3.1: client id and secret are form-encoded before Basic authentication."""
    from urllib.parse import quote_plus

    return quote_plus(value)


def _key_set(provider: Provider, refresh: bool) -> Any:
    from joserfc.jwk import KeySet

    now = time.monotonic()
    with _lock:
        cached = _key_sets.get(provider.jwks_uri)
    if cached is not None and not refresh and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    document = _get_json(provider.jwks_uri, "key set")
    try:
        keys = KeySet.import_key_set(document)  # type: ignore[arg-type]
    except Exception:  # a malformed key set: the provider's fault, not the caller's
        raise unavailable("key set", "not a valid JWK set") from None
    with _lock:
        _key_sets[provider.jwks_uri] = (now, keys)
    return keys


def verify_id_token(
    provider: Provider, id_token: str, client_id: str, nonce_hash: str, started_at: datetime, now: datetime
) -> dict[str, Any]:
    """The ID token's claims once its signature (the provider's key set, an algorithm it announced,
    never ``none`` or HS*), issuer, audience (and authorized party), expiry, issue time (not before
    the sign-in started, not in the future) and nonce (the SHA-256 stored with the state) are
    checked; 401 ``sso_failed`` otherwise."""
    from joserfc import jwt
    from joserfc.errors import InvalidKeyIdError, JoseError

    try:
        try:
            token = jwt.decode(id_token, _key_set(provider, refresh=False), algorithms=list(provider.algorithms))
        except InvalidKeyIdError:
            # A key id the cached set does not hold: the provider may have rotated its keys.
            token = jwt.decode(id_token, _key_set(provider, refresh=True), algorithms=list(provider.algorithms))
    except JoseError:
        raise sso_failed("The ID token's signature is not valid.") from None
    except ValueError:
        raise sso_failed("The ID token is malformed.") from None
    claims: dict[str, Any] = dict(token.claims)
    skew = CLOCK_SKEW.total_seconds()
    registry = jwt.JWTClaimsRegistry(
        now=int(now.timestamp()),
        leeway=int(skew),
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": client_id},
        sub={"essential": True},
        exp={"essential": True},
        iat={"essential": True},
        nonce={"essential": True},
    )
    try:
        registry.validate(claims)
    except JoseError as exc:
        raise sso_failed(f"The ID token was refused: {exc.description or exc.error}.") from None
    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise sso_failed("The ID token was issued to another party (azp).")
    issued = claims["iat"]
    if not isinstance(issued, int | float) or issued < started_at.timestamp() - skew:
        raise sso_failed("The ID token was issued before this sign-in started.")
    if issued > now.timestamp() + skew:
        raise sso_failed("The ID token's issue time is in the future.")
    if not isinstance(claims["nonce"], str) or sha256(claims["nonce"]) != nonce_hash:
        raise sso_failed("The ID token's nonce does not belong to this sign-in.")
    return claims
