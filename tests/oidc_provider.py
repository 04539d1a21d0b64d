"""A small OpenID Connect provider for the tests, on 127.0.0.1 in a thread, with its own RSA keys.

It serves discovery, the key set and the token endpoint (client secret by HTTP Basic, PKCE S256,
single-use codes bound to a redirect URI). The browser step is simulated: ``authorize(url)``
reads the authorization URL Deskless built, as the IdP's login page would, and returns the code
and state the IdP would send back; keyword arguments change the ID token it will issue (wrong
audience, expiry, another nonce...).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey


@dataclass
class Grant:
    client_id: str
    redirect_uri: str
    challenge: str
    nonce: str
    claims: dict[str, Any]
    used: bool = False


@dataclass
class OidcProvider:
    client_id: str = "deskless-test"
    client_secret: str = "provider-secret-" + secrets.token_hex(8)
    keys: list[RSAKey] = field(default_factory=list)
    grants: dict[str, Grant] = field(default_factory=dict)
    token_requests: list[dict[str, Any]] = field(default_factory=list)
    jwks_fetches: int = 0
    forged_signer: RSAKey | None = None  # signs ID tokens instead of the published key (an impostor)

    def __post_init__(self) -> None:
        self.keys.append(self._new_key())
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @staticmethod
    def _new_key() -> RSAKey:
        return RSAKey.generate_key(2048, parameters={"kid": secrets.token_hex(4), "alg": "RS256", "use": "sig"})

    def start(self) -> OidcProvider:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def rotate(self) -> None:
        """A new signing key with a new key id; the old one is withdrawn from the key set."""
        self.keys = [self._new_key()]

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, authorization_url: str, email: str = "new.person@example.com", **claims: Any) -> dict[str, str]:
        """What the IdP's login page does: read the request, "sign the user in", return code and state.

        ``claims`` override or add ID token claims (``aud``, ``exp``, ``nonce``, ``email_verified``...);
        a value of None removes the claim."""
        query = {name: values[0] for name, values in parse_qs(urlsplit(authorization_url).query).items()}
        assert query["response_type"] == "code"
        assert query["code_challenge_method"] == "S256"
        assert query["client_id"] == self.client_id
        code = secrets.token_urlsafe(24)
        self.grants[code] = Grant(
            client_id=query["client_id"],
            redirect_uri=query["redirect_uri"],
            challenge=query["code_challenge"],
            nonce=query["nonce"],
            claims={"email": email, **claims},
        )
        return {"code": code, "state": query["state"], "nonce": query["nonce"]}

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": hashlib.sha256(str(grant.claims.get("email")).encode()).hexdigest()[:16],
            "aud": grant.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": grant.nonce,
            "email_verified": True,
            "given_name": "New",
            "family_name": "Person",
        }
        claims.update(grant.claims)
        claims = {name: value for name, value in claims.items() if value is not None}
        key = self.forged_signer or self.keys[0]
        return jwt.encode({"alg": "RS256", "kid": key.kid}, claims, key)

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, Any]]:
        self.token_requests.append(form)
        expected = base64.b64encode(f"{self.client_id}:{self.client_secret}".encode()).decode()
        if authorization != f"Basic {expected}":
            return 401, {"error": "invalid_client"}
        grant = self.grants.get(form.get("code", ""))
        if grant is None or grant.used or form.get("grant_type") != "authorization_code":
            return 400, {"error": "invalid_grant"}
        grant.used = True
        if form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri"}
        verifier = form.get("code_verifier", "")
        digest = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if digest != grant.challenge:
            return 400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
        return 200, {"access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": self.id_token(grant)}


def _handler(provider: OidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            return

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/.well-known/openid-configuration":
                self._send(200, provider.discovery())
            elif self.path == "/jwks":
                provider.jwks_fetches += 1
                self._send(200, {"keys": [key.as_dict(private=False) for key in provider.keys]})
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            form = {name: values[0] for name, values in parse_qs(self.rfile.read(length).decode()).items()}
            if self.path != "/token":
                self._send(404, {"error": "not_found"})
                return
            status, body = provider.token(form, self.headers.get("Authorization"))
            self._send(status, body)

    return Handler
