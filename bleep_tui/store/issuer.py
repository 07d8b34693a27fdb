"""The installation's issuer of Open Badges: who it is, and its Ed25519 signing key.

    DATA/issuer/issuer.json   {"name": ..., "url": ..., "did": ...}
    DATA/issuer/key.pem       the private key (PKCS#8), 0600: whoever has it can sign as this issuer
    DATA/issuer/did.json      did:web only: the DID document to publish at https://DOMAIN/.well-known/did.json

The issuer is `did:web:DOMAIN` when the education provider publishes the DID document on its own
web site (a verifier then knows the credential comes from that domain), else `did:key`, which
carries the public key itself (it proves the credential is unchanged and was signed by this key,
not whose key it is). docs/badges.md says more.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bleep_tui.core.badges import Issuer
from bleep_tui.i18n import _
from bleep_tui.store.files import StoreError, atomic_write, ensure_private_dir, plain_reason, read_text

ISSUER_FOLDER = "issuer"
ED25519_MULTICODEC = b"\xed\x01"
BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


@dataclass(frozen=True)
class SigningIssuer:
    issuer: Issuer
    key_id: str  # the verification method: the DID and a fragment
    private_pem: bytes


def base58btc(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = BASE58_ALPHABET[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def did_key(public_raw: bytes) -> str:
    """did:key of an Ed25519 public key: multibase base58btc ("z") of the multicodec prefix and the key."""
    return "did:key:z" + base58btc(ED25519_MULTICODEC + public_raw)


def _public_jwk(public_raw: bytes) -> dict[str, str]:
    import base64

    return {"kty": "OKP", "crv": "Ed25519", "x": base64.urlsafe_b64encode(public_raw).rstrip(b"=").decode("ascii")}


def init_issuer(data_dir: Path, name: str, url: str, did_web: str = "") -> SigningIssuer:
    """Make the issuer's key and profile; StoreError if there is one already (its credentials would stop verifying)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    folder = Path(data_dir) / ISSUER_FOLDER
    if (folder / "key.pem").exists():
        raise StoreError(_("{path} exists already: the badges it signed are checked with it, so it is kept").format(path=folder / "key.pem"))
    if not name.strip() or not url.startswith(("https://", "http://")):
        raise StoreError(_("give the issuer's name and its web address (https://...)"))
    ensure_private_dir(Path(data_dir))
    ensure_private_dir(folder)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    public_raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    if did_web:
        did, key_id = f"did:web:{did_web}", f"did:web:{did_web}#key-1"
        document = {
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
            "id": did,
            "verificationMethod": [{"id": key_id, "type": "JsonWebKey2020", "controller": did, "publicKeyJwk": _public_jwk(public_raw)}],
            "assertionMethod": [key_id],
        }
        atomic_write(folder / "did.json", json.dumps(document, indent=2) + "\n")
    else:
        did = did_key(public_raw)
        key_id = f"{did}#{did.removeprefix('did:key:')}"
    atomic_write(folder / "key.pem", pem.decode("ascii"))
    atomic_write(folder / "issuer.json", json.dumps({"name": name.strip(), "url": url, "did": did, "key_id": key_id}, indent=2) + "\n")
    return SigningIssuer(Issuer(did, name.strip(), url), key_id, pem)


def issued_by(data_dir: Path) -> tuple[str, str]:
    """Who a passport says issued it, and the issuer's DID ("" when there is no issuer: then the installation's address)."""
    from bleep_tui.store.settings import load_settings

    try:
        profile = json.loads(read_text(Path(data_dir) / ISSUER_FOLDER / "issuer.json") or "null")
        return f"{profile['name']} ({profile['url']})", profile["did"]
    except (OSError, ValueError, TypeError, KeyError):
        return load_settings(data_dir).installation_url or "BLEEP", ""


def load_issuer(data_dir: Path) -> SigningIssuer:
    folder = Path(data_dir) / ISSUER_FOLDER
    try:
        profile: Any = json.loads(read_text(folder / "issuer.json") or "null")
        pem = (folder / "key.pem").read_bytes()
    except FileNotFoundError:
        raise StoreError(_("this installation has no issuer yet: run `bleep issuer init --name NAME --url URL` (docs/badges.md)")) from None
    except (OSError, ValueError) as error:
        reason = plain_reason(error) if isinstance(error, OSError) else str(error)
        raise StoreError(_("cannot read the issuer in {path}: {reason}").format(path=folder, reason=reason)) from None
    if not isinstance(profile, dict) or not all(isinstance(profile.get(key), str) for key in ("name", "url", "did", "key_id")):
        raise StoreError(_("{path} is damaged").format(path=folder / "issuer.json"))
    return SigningIssuer(Issuer(profile["did"], profile["name"], profile["url"]), profile["key_id"], pem)
