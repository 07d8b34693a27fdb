"""Signed Open Badges 3.0 credentials: `bleep issuer init` and `bleep learners badges`, checked by another library (PyJWT)."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from hashlib import sha256
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from bleep_tui.content.catalog import load_catalog
from bleep_tui.core.events import Event
from bleep_tui.store.learner import LearnerStore

COMPETENCE = "4.2"
BASE = "https://learn.example.org/xapi"


def bleep(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bleep_tui.cli", "--data-dir", str(data), *args], capture_output=True, text=True)


def competence_lessons() -> list[str]:
    return [lesson.id for lesson in load_catalog().lessons.values() if COMPETENCE in lesson.competences]


@pytest.fixture
def learner(tmp_path: Path) -> Path:
    """A learner named Sam Fairweather who finished every lesson of DigComp 4.2 at 95 % and earned a badge."""
    data = tmp_path / "data"
    store = LearnerStore(data)
    store.create("Sam Fairweather")
    for day, lesson in enumerate(competence_lessons(), start=1):
        at = f"2026-10-{day:02d}T10:00:00+00:00"
        store.record(Event("lesson_started", at, lesson=lesson, run=f"r{day}"))
        store.record(Event("lesson_finished", at.replace("10:00", "10:20"), lesson=lesson, run=f"r{day}", points=30, percent=95, stars=3))
    store.record(Event("achievement_earned", "2026-10-01T10:20:00+00:00", achievement="first-lesson", points=10))
    (data / "settings.toml").write_text('installation_url = "https://learn.example.org"\n')
    return data


def did_key_public_key(did: str) -> Ed25519PublicKey:
    """Resolve a did:key by hand (base58btc, the 0xed01 prefix), independently of BLEEP's encoder."""
    alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
    encoded = did.removeprefix("did:key:z")
    number = 0
    for char in encoded:
        number = number * 58 + alphabet.index(char)
    raw = number.to_bytes(34, "big")
    assert raw[:2] == b"\xed\x01"
    return Ed25519PublicKey.from_public_bytes(raw[2:])


def written(folder: Path) -> dict[str, dict[str, str]]:
    files: dict[str, dict[str, str]] = {}
    for path in folder.iterdir():
        files.setdefault(path.stem, {})[path.suffix] = path.read_text()
    return files


def test_each_badge_and_competence_is_a_credential_that_an_independent_verifier_accepts(learner: Path, tmp_path: Path) -> None:
    made = bleep(learner, "issuer", "init", "--name", "Northfield Learning Centre", "--url", "https://learn.example.org")
    assert made.returncode == 0, made.stderr
    assert oct((learner / "issuer" / "key.pem").stat().st_mode & 0o777) == "0o600"
    result = bleep(learner, "learners", "badges", "me", "--out", str(tmp_path / "badges"))
    assert result.returncode == 0, result.stderr
    files = written(tmp_path / "badges")
    # Those lessons train other competences too: each reached Proficient or Mastered has its own credential.
    assert {"achievement-first-lesson", f"digcomp-{COMPETENCE}-mastered", f"digcomp-{COMPETENCE}-proficient"} <= files.keys()
    assert all(key.endswith(("-proficient", "-mastered")) for key in files if key.startswith("digcomp-"))
    for key, kinds in files.items():
        assert sorted(kinds) == [".json", ".jwt", ".svg"]
        token = kinds[".jwt"].strip()
        header = jwt.get_unverified_header(token)
        assert header["alg"] == "EdDSA" and header["typ"] == "vc+jwt"
        credential = json.loads(kinds[".json"])
        issuer = credential["issuer"]["id"]
        assert issuer.startswith("did:key:z6Mk") and header["kid"].startswith(issuer + "#")
        payload = jwt.PyJWS().decode(token, did_key_public_key(issuer), algorithms=["EdDSA"])
        assert json.loads(payload) == credential
        assert credential["@context"] == ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
        assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
        assert credential["id"].startswith("urn:uuid:")
        # The name is never in the clear: a verifier who is told it can check it with the salt.
        assert "Sam" not in kinds[".json"] + kinds[".svg"]
        name_identity = credential["credentialSubject"]["identifier"][0]
        assert name_identity["identityType"] == "name" and name_identity["hashed"] is True
        assert name_identity["identityHash"] == "sha256$" + sha256(("Sam Fairweather" + name_identity["salt"]).encode()).hexdigest()
        baked = ET.fromstring(kinds[".svg"]).find("{https://purl.imsglobal.org/ob/v3p0}credential")
        assert baked is not None and baked.text == token


def test_the_credentials_say_what_was_earned_when_against_which_digcomp_competence_and_why(learner: Path, tmp_path: Path) -> None:
    bleep(learner, "issuer", "init", "--name", "Northfield Learning Centre", "--url", "https://learn.example.org")
    bleep(learner, "learners", "badges", "me", "--out", str(tmp_path / "badges"))
    files = written(tmp_path / "badges")
    lessons = competence_lessons()
    mastered = json.loads(files[f"digcomp-{COMPETENCE}-mastered"][".json"])
    proficient = json.loads(files[f"digcomp-{COMPETENCE}-proficient"][".json"])
    # Proficient when half the lessons were finished, Mastered with the last one.
    assert proficient["validFrom"] == f"2026-10-{(len(lessons) + 1) // 2:02d}T10:20:00+00:00"
    assert mastered["validFrom"] == f"2026-10-{len(lessons):02d}T10:20:00+00:00"
    achievement = mastered["credentialSubject"]["achievement"]
    assert achievement["id"] == f"{BASE}/digcomp/{COMPETENCE}/mastered" and achievement["achievementType"] == "Competency"
    assert achievement["alignment"][0]["targetCode"] == COMPETENCE and "DigComp" in achievement["alignment"][0]["targetFramework"]
    assert "90%" in achievement["criteria"]["narrative"]
    first_title = load_catalog().lessons[lessons[0]].title
    assert first_title in mastered["evidence"][0]["narrative"] and "95%" in mastered["evidence"][0]["narrative"]
    badge = json.loads(files["achievement-first-lesson"][".json"])
    assert badge["validFrom"] == "2026-10-01T10:20:00+00:00" and badge["credentialSubject"]["achievement"]["achievementType"] == "Badge"
    assert badge["issuer"]["name"] == "Northfield Learning Centre"


def test_a_changed_credential_fails_verification(learner: Path, tmp_path: Path) -> None:
    bleep(learner, "issuer", "init", "--name", "Northfield Learning Centre", "--url", "https://learn.example.org")
    bleep(learner, "learners", "badges", "me", "--out", str(tmp_path / "badges"))
    token = (tmp_path / "badges" / f"digcomp-{COMPETENCE}-proficient.jwt").read_text().strip()
    header, payload, signature = token.split(".")
    credential = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    credential["name"] = credential["name"].replace("Proficient", "Mastered")
    forged = base64.urlsafe_b64encode(json.dumps(credential).encode()).rstrip(b"=").decode()
    key = did_key_public_key(credential["issuer"]["id"])
    jwt.PyJWS().decode(token, key, algorithms=["EdDSA"])
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.PyJWS().decode(f"{header}.{forged}.{signature}", key, algorithms=["EdDSA"])


def test_an_issuer_on_its_own_domain_signs_as_did_web_and_its_published_key_verifies(learner: Path, tmp_path: Path) -> None:
    made = bleep(learner, "issuer", "init", "--name", "Northfield", "--url", "https://learn.example.org", "--did-web", "learn.example.org")
    assert made.returncode == 0 and "https://learn.example.org/.well-known/did.json" in made.stdout
    bleep(learner, "learners", "badges", "me", "--out", str(tmp_path / "badges"))
    document = json.loads((learner / "issuer" / "did.json").read_text())
    token = (tmp_path / "badges" / "achievement-first-lesson.jwt").read_text().strip()
    assert jwt.get_unverified_header(token)["kid"] == document["verificationMethod"][0]["id"] == "did:web:learn.example.org#key-1"
    key = jwt.PyJWK(document["verificationMethod"][0]["publicKeyJwk"], algorithm="EdDSA").key
    assert json.loads(jwt.PyJWS().decode(token, key, algorithms=["EdDSA"]))["issuer"]["id"] == "did:web:learn.example.org"


def test_the_issuer_key_is_made_once_and_a_learner_with_nothing_earned_gets_a_message(learner: Path, tmp_path: Path) -> None:
    no_issuer = bleep(learner, "learners", "badges", "me", "--out", str(tmp_path / "b"))
    assert no_issuer.returncode == 1 and "bleep issuer init" in no_issuer.stderr
    assert bleep(learner, "issuer", "init", "--name", "N", "--url", "https://learn.example.org").returncode == 0
    again = bleep(learner, "issuer", "init", "--name", "N", "--url", "https://learn.example.org")
    assert again.returncode == 1 and "kept" in again.stderr
    LearnerStore(learner, "B7").create("Kim")
    nothing = bleep(learner, "learners", "badges", "B7", "--out", str(tmp_path / "b7"))
    assert nothing.returncode == 1 and "no badge" in nothing.stderr
    inside = bleep(learner, "learners", "badges", "me", "--out", str(learner / "learners"))
    assert inside.returncode == 1 and "inside the data folder" in inside.stderr
    assert "Traceback" not in no_issuer.stderr + again.stderr + nothing.stderr + inside.stderr


def test_a_release_pack_holds_the_passport_the_cv_the_badges_and_the_record_with_a_readme(learner: Path, tmp_path: Path) -> None:
    from bleep_tui.store.records import read_record

    from tests.test_records_cli import CV_ANSWER

    LearnerStore(learner).record(Event("answered", "2026-10-20T10:00:00+00:00", lesson="cv", run="c1", step="form", answer=CV_ANSWER, correct=True))
    bleep(learner, "issuer", "init", "--name", "Northfield Learning Centre", "--url", "https://learn.example.org")
    result = bleep(learner, "learners", "release-pack", "me", "--out", str(tmp_path / "stick"))
    assert result.returncode == 0, result.stderr
    stick = tmp_path / "stick"
    assert {p.name for p in stick.iterdir()} == {"README.txt", "skills-passport.html", "my-cv.txt", "my-cv.html", "badges", "my-record.json"}
    assert "Ana Lima" in (stick / "my-cv.txt").read_text()
    assert "Skills passport: Sam Fairweather" in (stick / "skills-passport.html").read_text()
    assert (stick / "badges" / "achievement-first-lesson.svg").exists()
    assert len(read_record(stick / "my-record.json").events) == len(LearnerStore(learner).event_records())
    readme = (stick / "README.txt").read_text()
    assert readme.startswith("Your record from BLEEP, Sam Fairweather")
    for name in ("skills-passport.html", "my-cv.txt", "badges/", "my-record.json"):
        assert name in readme
    assert "my-plan" not in readme  # no plan written: none listed
