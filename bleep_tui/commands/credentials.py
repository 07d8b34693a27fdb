"""What a learner takes out: `bleep issuer init|show`, `bleep learners badges` (signed Open Badges 3.0
credentials, docs/badges.md) and `bleep learners passport` (the printable skills passport)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bleep_tui.commands import actions_of
from bleep_tui.i18n import _, ngettext

if TYPE_CHECKING:
    from bleep_tui.store.records import LearnerRecord

# did:web's method-specific id: a domain, maybe a port as %3A, maybe a path as :segments.
DID_WEB_DOMAIN = re.compile(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(%3A[0-9]+)?(:[A-Za-z0-9._-]+)*")


def register(subparsers: argparse._SubParsersAction) -> None:
    issuer = subparsers.add_parser("issuer", help=_("the installation's issuer of signed badges (docs/badges.md)"))
    action = actions_of(issuer)
    init = action("init", _("make the issuer's signing key (once; the key stays in the data folder, 0600)"), init_issuer)
    init.add_argument("--name", required=True, help=_("the education provider, as the badges name it"))
    init.add_argument("--url", required=True, help=_("its web address, https://..."))
    init.add_argument("--did-web", metavar="DOMAIN", default="", help=_("sign as did:web:DOMAIN (publish the DID document it writes there); default: did:key"))
    action("show", _("show the issuer and how its badges are checked"), show_issuer)


def add_learner_actions(action) -> None:
    """`bleep learners badges|release-pack CODE --out DIR` and `bleep learners passport CODE --out FILE`."""
    badges = action("badges", _("write a learner's signed Open Badges 3.0 credentials and badge images (docs/badges.md)"), learner_badges)
    badges.add_argument("code", help=_("the learner's code (\"me\" in personal mode)"))
    badges.add_argument("--out", metavar="DIR", required=True, help=_("the folder to write them into"))
    passport = action("passport", _("write a learner's skills passport as one printable page (HTML, A4)"), learner_passport)
    passport.add_argument("code", help=_("the learner's code (\"me\" in personal mode)"))
    passport.add_argument("--out", metavar="FILE", required=True, help=_("the HTML file to write"))
    pack = action("release-pack", _("gather a learner's passport, CV, plan, badges and record in one folder, for release day"), release_pack)
    pack.add_argument("code", help=_("the learner's code (\"me\" in personal mode)"))
    pack.add_argument("--out", metavar="DIR", required=True, help=_("the folder to write them into (a USB stick)"))


def init_issuer(args: argparse.Namespace) -> int:
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.issuer import ISSUER_FOLDER, init_issuer as make_issuer
    from bleep_tui.store.paths import data_dir

    if args.did_web and not DID_WEB_DOMAIN.fullmatch(args.did_web):
        print(_("bleep: --did-web takes a domain like learn.example.org"), file=sys.stderr)
        return 1
    folder = data_dir(args.data_dir)
    signer = make_issuer(folder, args.name, args.url, args.did_web)
    record_audit(folder, "issuer init", detail=signer.issuer.id)
    print(_("the issuer is {did}").format(did=signer.issuer.id))
    if args.did_web:
        domain, _colon, path = args.did_web.replace("%3A", ":").partition(":")
        where = f"https://{args.did_web.replace('%3A', ':').replace(':', '/')}/did.json" if path else f"https://{domain}/.well-known/did.json"
        print(_("publish {path} at {url}: verifiers read the public key there").format(path=folder / ISSUER_FOLDER / "did.json", url=where))
    return 0


def show_issuer(args: argparse.Namespace) -> int:
    from bleep_tui.store.issuer import load_issuer
    from bleep_tui.store.paths import data_dir

    signer = load_issuer(data_dir(args.data_dir))
    print(f"{signer.issuer.name}  {signer.issuer.url}\n{signer.issuer.id}\n{signer.key_id}")
    return 0


def learner_badges(args: argparse.Namespace) -> int:
    from bleep_tui.store.accounts import check_learner_code
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.records import learner_record

    folder = data_dir(args.data_dir)
    record = learner_record(folder, check_learner_code(args.code))
    count = write_badges(folder, record, Path(args.out))
    if not count:
        print(_("bleep: {code} has earned no badge and no competence at Proficient yet").format(code=record.code), file=sys.stderr)
        return 1
    record_audit(folder, "badges", detail=f"{record.code}: {count} credential(s) -> {Path(args.out).resolve()}")
    print(ngettext("wrote {count} signed credential of {code} to {path}", "wrote {count} signed credentials of {code} to {path}", count).format(
        count=count, code=record.code, path=args.out))
    return 0


def write_badges(folder: Path, record: LearnerRecord, out: Path) -> int:
    """Each of the learner's signed credentials as NAME.json, NAME.jwt and NAME.svg in `out`; how many (0: none, nothing written)."""
    import json

    from bleep_tui.content.achievements import load_achievements
    from bleep_tui.content.catalog import load_catalog
    from bleep_tui.core.badges import BadgeInfo, achievement_awards, competence_awards
    from bleep_tui.core.curriculum import Curriculum
    from bleep_tui.core.events import Event
    from bleep_tui.export.badges import signed_badge
    from bleep_tui.store.files import atomic_write, ensure_private_dir, output_path
    from bleep_tui.store.issuer import load_issuer
    from bleep_tui.store.lrs import installation
    from bleep_tui.store.settings import load_settings

    signer = load_issuer(folder)
    settings = load_settings(folder)
    base = installation(settings).activity_base if settings.installation_url else signer.issuer.url.rstrip("/") + "/xapi"
    catalog = load_catalog()
    infos = {
        key: BadgeInfo(a.title, a.description, (a.rule.competence,) if a.rule.competence else ())
        for key, a in load_achievements(catalog=catalog).achievements.items()
    }
    events = [Event.from_record(event) for event in record.events]
    awards = achievement_awards(events, catalog.lessons, infos) + competence_awards(events, catalog.lessons, Curriculum.of(catalog.lessons.values()))
    if not awards:
        return 0
    output_path(out / "check", folder)  # refuses a folder inside the data folder, where it could replace records
    ensure_private_dir(out)
    for award in awards:
        badge = signed_badge(award, signer, base, record.name, record.code)
        atomic_write(out / f"{badge.key}.json", json.dumps(badge.credential, ensure_ascii=False, indent=2) + "\n")
        atomic_write(out / f"{badge.key}.jwt", badge.jwt + "\n")
        atomic_write(out / f"{badge.key}.svg", badge.svg)
    return len(awards)


def learner_passport(args: argparse.Namespace) -> int:
    from bleep_tui.store.accounts import check_learner_code
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.files import output_path
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.records import learner_record

    folder = data_dir(args.data_dir)
    record = learner_record(folder, check_learner_code(args.code))
    out = output_path(args.out, folder)
    write_passport(folder, record, out)
    record_audit(folder, "passport", detail=f"{record.code} -> {out.resolve()}")
    print(_("wrote {path}").format(path=out))
    return 0


def write_passport(folder: Path, record: LearnerRecord, out: Path) -> None:
    """The learner's skills passport as one printable HTML page."""
    from datetime import date

    from bleep_tui.content.achievements import load_achievements
    from bleep_tui.content.catalog import load_catalog
    from bleep_tui.core.events import Event
    from bleep_tui.export.passport import passport_html, passport_page
    from bleep_tui.store.files import atomic_write
    from bleep_tui.store.issuer import issued_by

    catalog = load_catalog()
    titles = {key: a.title for key, a in load_achievements(catalog=catalog).achievements.items()}
    by, issuer_id = issued_by(folder)
    events = [Event.from_record(event) for event in record.events]
    atomic_write(out, passport_html(passport_page(record.name, record.code, events, catalog.lessons, titles, by, issuer_id, date.today().isoformat())))


def release_pack(args: argparse.Namespace) -> int:
    """Everything a learner takes out on release day, in one folder, with a README in plain words."""
    from bleep_tui.core.events import Event
    from bleep_tui.export.own_documents import latest_document
    from bleep_tui.export.printable import printable_html, printable_text
    from bleep_tui.store.accounts import check_learner_code
    from bleep_tui.store.audit import record_audit
    from bleep_tui.store.files import StoreError, atomic_write, ensure_private_dir, output_path
    from bleep_tui.store.paths import data_dir
    from bleep_tui.store.records import learner_record, write_record

    folder = data_dir(args.data_dir)
    record = learner_record(folder, check_learner_code(args.code))
    out = Path(args.out)
    output_path(out / "check", folder)  # refuses a folder inside the data folder, where it could replace records
    ensure_private_dir(out)
    lines = [_("Your record from BLEEP, {name}").format(name=record.name), "", _("In this folder:"), ""]
    write_passport(folder, record, out / "skills-passport.html")
    lines.append(_("skills-passport.html   Your digital skills on one page. Open it in a web browser and print it."))
    events = [Event.from_record(event) for event in record.events]
    for kind, name, what in (
        ("cv", "my-cv", _("Your CV. The .txt file is plain text; the .html file prints well.")),
        ("plan", "my-plan", _("Your plan for after release.")),
    ):
        document = latest_document(events, kind)
        if document is not None:
            atomic_write(out / f"{name}.txt", printable_text(document))
            atomic_write(out / f"{name}.html", printable_html(document))
            lines.append(f"{name}.txt, {name}.html   {what}")
    try:
        badges = write_badges(folder, record, out / "badges")
    except StoreError:
        badges = 0  # no issuer here: no signed badges, the passport still lists them
    if badges:
        lines.append(_("badges/   Your badges. Each picture (.svg) has a signed certificate inside. "
                       "An employer or a college can check it is real. Give them your name exactly as it is above."))
    write_record(folder, record.code, out / "my-record.json")
    lines += [
        _("my-record.json   Everything you did in BLEEP. Another BLEEP (in a college, at probation) can read it, "
          "so that you go on where you stopped."),
        "",
        _("Keep a copy of this folder in a safe place: on a USB stick, or send it to your own email."),
    ]
    atomic_write(out / "README.txt", "\n".join(lines) + "\n")
    record_audit(folder, "release-pack", detail=f"{record.code} -> {out.resolve()}")
    print(_("wrote the release pack of {code} to {path}").format(code=record.code, path=out))
    return 0
