"""Signed Open Badges 3.0 credentials, and badge images with the credential baked in.

A credential is secured as a VC-JWT (W3C VC-JOSE-COSE): a JWS in compact form whose payload is the
credential itself, signed with the issuer's Ed25519 key (alg EdDSA, typ vc+jwt, kid the issuer's
verification method). The SVG image carries that JWS in an `openbadges:credential` element, as
Open Badges 3.0 bakes a JWT-secured credential.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
import warnings
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from bleep_tui.core.badges import Award, credential
from bleep_tui.store.issuer import SigningIssuer

OB_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
CREDENTIAL_NAMESPACE = uuid.UUID("0b3c2a8e-6f1d-5b7e-8c4a-2d9e1f3a5b6c")


@dataclass(frozen=True)
class SignedBadge:
    key: str  # file name without extension
    credential: dict[str, Any]
    jwt: str
    svg: str


def sign(document: dict[str, Any], signer: SigningIssuer) -> str:
    """The credential as a compact JWS signed with the issuer's key."""
    from joserfc import jws
    from joserfc.jwk import OKPKey

    key = OKPKey.import_key(signer.private_pem)
    header = {"alg": "EdDSA", "typ": "vc+jwt", "cty": "vc", "kid": signer.key_id}
    payload = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with warnings.catch_warnings():
        # joserfc prefers the newer name "Ed25519" (RFC 9864) for the same signature; verifiers of
        # Open Badges know "EdDSA".
        warnings.simplefilter("ignore")
        return jws.serialize_compact(header, payload, key, algorithms=["EdDSA"])


def _salt(signer: SigningIssuer, code: str, award: Award) -> str:
    """The same for a learner's credential each time it is written, and unguessable without the issuer's key."""
    return hmac.new(signer.private_pem, f"salt\n{code}\n{award.key}".encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def credential_id(issuer_id: str, code: str, award_key: str) -> str:
    """The same credential of the same learner from the same issuer always has the same id."""
    return "urn:uuid:" + str(uuid.uuid5(CREDENTIAL_NAMESPACE, f"{issuer_id}\n{code}\n{award_key}"))


def signed_badge(award: Award, signer: SigningIssuer, activity_base: str, name: str, code: str) -> SignedBadge:
    document = credential(award, signer.issuer, activity_base, credential_id(signer.issuer.id, code, award.key), name, code, _salt(signer, code, award))
    token = sign(document, signer)
    return SignedBadge(award.key, document, token, baked_svg(award.name, signer.issuer.name, award.valid_from[:10], token))


def baked_svg(title: str, issuer: str, day: str, token: str) -> str:
    """A plain badge picture with the signed credential inside (a JWS holds no `]]>`, so CDATA is safe)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="{OB_NAMESPACE}" width="300" height="300" viewBox="0 0 300 300">\n'
        f"<openbadges:credential><![CDATA[{token}]]></openbadges:credential>\n"
        f"<title>{escape(title)}</title>\n"
        '<circle cx="150" cy="150" r="140" fill="#ffffff" stroke="#1d4f91" stroke-width="12"/>\n'
        '<circle cx="150" cy="150" r="118" fill="none" stroke="#1d4f91" stroke-width="2"/>\n'
        f'<text x="150" y="120" text-anchor="middle" font-family="sans-serif" font-size="18" font-weight="bold" fill="#1d4f91">{escape(title[:28])}</text>\n'
        f'<text x="150" y="150" text-anchor="middle" font-family="sans-serif" font-size="14" fill="#1d4f91">{escape(title[28:56])}</text>\n'
        f'<text x="150" y="190" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#333333">{escape(issuer[:40])}</text>\n'
        f'<text x="150" y="212" text-anchor="middle" font-family="sans-serif" font-size="12" fill="#333333">{escape(day)}</text>\n'
        "</svg>\n"
    )
