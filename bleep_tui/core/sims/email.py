"""The email client (and, with `view: phone`, a phone's text messages): read, write, send, report scams.

Every goal is decided from the trace: what was sent (recipients, subject, body,
attachments), which messages were reported, with which red flags, and which links
and attachments were opened. A scam's link opens the scammers' page (a fake login
that wants the password, or a page that takes a fee by card); a scam's attachment
locks the files. A real message's link opens the real page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bleep_tui.core.answers import is_email
from bleep_tui.core.sims.base import GoalType, ScenarioReader, SimModel, Simulation, Trace, events_named
from bleep_tui.core.sims.money import read_money

FOLDERS = ("inbox", "sent", "drafts", "junk")
VIEWS = ("mail", "phone")
# The red flags of a scam message, in the order the report dialog lists them.
FLAGS = ("sender", "urgency", "link", "code", "attachment")
FORWARD_MARK = "---------- Forwarded message ----------"
# The greetings and closings a goal accepts, in every language BLEEP speaks: a learner writes in the language of
# their lesson, and a greeting in any of them is a greeting. Formal ones open a letter to an employer or an office.
FORMAL_GREETING_WORDS = (
    "dear", "hello", "good morning", "good afternoon", "good evening",  # English
    "beste", "geachte", "hallo", "goedemorgen", "goedemiddag", "goedenavond",  # Dutch
    "caro", "cara", "prezado", "prezada", "exmo", "exma", "olá", "bom dia", "boa tarde", "boa noite",  # Portuguese
    "gentile", "egregio", "egregia", "spettabile", "buongiorno", "buonasera", "salve",  # Italian
    "stimate", "stimată", "bună ziua", "bună dimineața", "bună seara",  # Romanian
    "sayın", "merhaba", "iyi günler", "günaydın", "iyi akşamlar",  # Turkish
)
INFORMAL_GREETING_WORDS = ("hi", "hoi", "dag", "oi", "ciao", "salut", "dragă", "selam", "sevgili")
CLOSING_WORDS = (
    "kind regards", "best regards", "warm regards", "regards", "yours sincerely", "yours faithfully", "sincerely",
    "best wishes", "many thanks", "thank you", "thanks", "with thanks", "all the best",
    "met vriendelijke groet", "vriendelijke groet", "hartelijke groet", "met hartelijke groet", "groeten", "groet",
    "hoogachtend", "bedankt", "alvast bedankt", "dank je wel", "dank u wel",
    "com os melhores cumprimentos", "melhores cumprimentos", "cumprimentos", "atenciosamente", "obrigado", "obrigada",
    "muito obrigado", "muito obrigada", "saudações", "um abraço",
    "cordiali saluti", "distinti saluti", "saluti", "un saluto", "cordialmente", "grazie", "grazie mille",
    "cu stimă", "cu respect", "mulțumesc", "vă mulțumesc", "toate cele bune", "o zi bună",
    "saygılarımla", "teşekkürler", "teşekkür ederim", "iyi çalışmalar", "selamlar", "sevgiler", "iyi günler",
)


def _starts_with_one_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("(" + "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)) + r")\b", re.IGNORECASE)


GREETINGS = _starts_with_one_of(FORMAL_GREETING_WORDS + INFORMAL_GREETING_WORDS)
FORMAL_GREETINGS = _starts_with_one_of(FORMAL_GREETING_WORDS)
CLOSINGS = _starts_with_one_of(CLOSING_WORDS)
INFORMAL_WORDS = frozenset({"u", "r", "ur", "pls", "plz", "thx", "lol", "gonna", "wanna", "hey", "ya", "cya", "xx", "omg"})
SECRET_PATTERNS = (
    # A PIN, code or password written next to its value: "my PIN is 4071", "code: 482 913".
    re.compile(r"\b(pin|pin code|passcode|code|password)\b\W{0,3}(is\W{0,3}|was\W{0,3})?\S*\d", re.IGNORECASE),
    re.compile(r"\b(password|passphrase)\b\s*(is|:|=)\s*\S+", re.IGNORECASE),
    # A one-time code on its own: 6 digits, maybe split in two (not part of a longer number or a date).
    re.compile(r"(?<![\d/.:-])(?<!\d )\d{3} ?\d{3}(?! ?\d)(?![/.:-]\d)"),
)


# What following a link opens: the real page, or (in a scam) a fake login page or a page that takes a fee by card.
LINK_PAGES = ("page", "login", "payment")
SCAM_PAGES = ("login", "payment")


@dataclass(frozen=True)
class Link:
    text: str  # what the message shows
    address: str  # where it really goes
    opens: str = "page"  # one of LINK_PAGES
    page: str = ""  # what the page says
    fee: int = 0  # cents: what a payment page takes from the card


@dataclass(frozen=True)
class Mail:
    id: str
    sender: str  # "Name <address>", or a phone number / name in the phone view
    subject: str
    body: str
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    date: str = ""
    attachments: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    scam: bool = False
    flags: tuple[str, ...] = ()  # the red flags it really has


@dataclass(frozen=True)
class EmailScenario:
    me: str  # the learner's own address ("Sam Jones <sam.jones@postbox.eu>")
    inbox: tuple[Mail, ...]
    documents: tuple[str, ...] = ()  # files in "My documents" that can be attached
    view: str = "mail"
    end_after_send: bool = False

    def message(self, message_id: str) -> Mail | None:
        return next((mail for mail in self.inbox if mail.id == message_id), None)


def address_of(entry: str) -> str:
    """The bare address in "Name <address>" (or the entry itself), lower-cased."""
    found = re.search(r"<([^>]*)>", entry)
    return (found[1] if found else entry).strip().casefold()


def name_of(entry: str) -> str:
    """The display name in "Name <address>", else the entry itself."""
    name = entry.split("<", 1)[0].strip().strip('"')
    return name or entry.strip()


def split_addresses(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]


def own_text(body: str) -> str:
    """What the learner wrote: without quoted lines ("> ...") and without a forwarded message."""
    body = body.split(FORWARD_MARK, 1)[0]
    lines = [line for line in body.splitlines() if not line.lstrip().startswith(">")]
    text = "\n".join(lines)
    return re.split(r"^On .* wrote:\s*$", text, maxsplit=1, flags=re.MULTILINE)[0]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def has_greeting(body: str) -> bool:
    lines = _lines(own_text(body))
    return bool(lines) and GREETINGS.match(lines[0]) is not None


def has_closing(body: str) -> bool:
    return any(CLOSINGS.match(line) for line in _lines(own_text(body))[-3:])


def is_formal(body: str) -> bool:
    """Formal enough for an employer or an authority: a polite greeting, no chat words, no shouting."""
    text = own_text(body)
    lines = _lines(text)
    if not lines or FORMAL_GREETINGS.match(lines[0]) is None:
        return False
    words = re.findall(r"[^\W\d_]+", text)
    if any(word.casefold() in INFORMAL_WORDS for word in words):
        return False
    shouting = any(len(word) >= 5 and word.isupper() for word in words)
    return not shouting and "!!" not in text


def has_personal_data(body: str) -> bool:
    """A PIN, a one-time code or a password in what the learner wrote."""
    text = own_text(body)
    return any(pattern.search(text) for pattern in SECRET_PATTERNS)


@dataclass
class Draft:
    """The message being written. `kind` is new, reply, reply_all or forward."""

    to: str = ""
    cc: str = ""
    subject: str = ""
    body: str = ""
    attachments: list[str] = field(default_factory=list)
    kind: str = "new"
    reply_to: str = ""


@dataclass(frozen=True)
class Problem:
    """Why a message cannot be sent yet: the field, a code the screen turns into words, and the detail."""

    field: str  # to, cc, subject, body
    code: str  # missing, address, phone
    detail: str = ""


class EmailModel(SimModel):
    def __init__(self, scenario: EmailScenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.folders: dict[str, list[Mail]] = {name: [] for name in FOLDERS}
        self.folders["inbox"] = list(scenario.inbox)
        self.opened: set[str] = set()
        self.draft: Draft | None = None
        self.drafts: dict[str, Draft] = {}
        self._numbers = 0
        self.log("inbox", messages=[{"id": m.id, "scam": m.scam, "flags": list(m.flags)} for m in scenario.inbox])

    @property
    def phone(self) -> bool:
        return self.scenario.view == "phone"

    def _new_id(self, prefix: str) -> str:
        self._numbers += 1
        return f"{prefix}-{self._numbers}"

    def folder_of(self, message_id: str) -> str | None:
        for name, messages in self.folders.items():
            if any(m.id == message_id for m in messages):
                return name
        return None

    def find(self, message_id: str) -> Mail | None:
        return next((m for messages in self.folders.values() for m in messages if m.id == message_id), None)

    def unread(self, folder: str) -> int:
        return sum(1 for m in self.folders[folder] if m.id not in self.opened and folder != "sent")

    # Reading and sorting mail

    def open(self, message_id: str) -> Mail | None:
        mail = self.find(message_id)
        if mail is not None and message_id not in self.opened:
            self.opened.add(message_id)
            self.log("read", id=message_id)
        return mail

    def follow_link(self, message_id: str, number: int) -> Link | None:
        """Open link `number` (from 0) of a message, as a click would; a scam's link opens the scammers' page."""
        mail = self.find(message_id)
        if mail is None or not 0 <= number < len(mail.links):
            return None
        link = mail.links[number]
        self.log("link_followed", id=message_id, address=link.address, opens=link.opens, scam=mail.scam)
        return link

    def give_details(self, message_id: str, number: int) -> None:
        """Log in on a scam's fake login page, or pay on its payment page: the details go to the scammers."""
        mail = self.find(message_id)
        if mail is None or not mail.scam or not 0 <= number < len(mail.links):
            return
        link = mail.links[number]
        if link.opens == "login":
            self.log("details_given", id=message_id, details="password")
        elif link.opens == "payment":
            self.log("details_given", id=message_id, details="card")
            self.log("money_taken", id=message_id, cents=link.fee)

    def open_attachment(self, message_id: str, name: str) -> bool:
        """Open an attached file; True when it was harmful (a scam's attachment locks the files)."""
        mail = self.find(message_id)
        if mail is None or name not in mail.attachments:
            return False
        self.log("attachment_opened", id=message_id, name=name, scam=mail.scam)
        if mail.scam:
            self.log("files_locked", id=message_id)
        return mail.scam

    def check_links(self, message_id: str) -> tuple[Link, ...]:
        mail = self.find(message_id)
        if mail is None or not mail.links:
            return ()
        self.log("links_checked", id=message_id)
        return mail.links

    def _move(self, message_id: str, to_folder: str | None) -> Mail | None:
        source = self.folder_of(message_id)
        if source is None:
            return None
        mail = next(m for m in self.folders[source] if m.id == message_id)
        self.folders[source].remove(mail)
        if to_folder is not None:
            self.folders[to_folder].append(mail)
        return mail

    def delete(self, message_id: str) -> None:
        if self.folder_of(message_id) == "drafts":
            self.drafts.pop(message_id, None)
        if self._move(message_id, None):
            self.log("deleted", id=message_id)

    def move_to_junk(self, message_id: str) -> None:
        if self.folder_of(message_id) == "inbox" and self._move(message_id, "junk"):
            self.log("moved_to_junk", id=message_id)

    def move_to_inbox(self, message_id: str) -> None:
        if self.folder_of(message_id) == "junk" and self._move(message_id, "inbox"):
            self.log("moved_to_inbox", id=message_id)

    def report(self, message_id: str, flags: list[str]) -> None:
        """Report a message as phishing (a scam), naming the red flags the learner saw. It goes to Junk."""
        if self.folder_of(message_id) not in ("inbox", "junk"):
            return
        picked = [flag for flag in FLAGS if flag in flags]
        self.log("reported", id=message_id, flags=picked)
        if self.folder_of(message_id) == "inbox":
            self._move(message_id, "junk")

    # Writing mail

    def compose(self) -> Draft:
        self.draft = Draft()
        self.log("compose_started")
        return self.draft

    def reply(self, message_id: str, everyone: bool = False) -> Draft | None:
        mail = self.find(message_id)
        if mail is None:
            return None
        me = address_of(self.scenario.me)
        subject = mail.subject if mail.subject.lower().startswith("re:") or not mail.subject else f"Re: {mail.subject}"
        cc = ""
        if everyone:
            others = [a for a in (*mail.to, *mail.cc) if address_of(a) != me and address_of(a) != address_of(mail.sender)]
            cc = ", ".join(others)
        quoted = "\n".join(f"> {line}" for line in mail.body.splitlines())
        body = "" if self.phone else f"\n\nOn {mail.date or 'an earlier day'}, {name_of(mail.sender)} wrote:\n{quoted}\n"
        self.draft = Draft(to=mail.sender, cc=cc, subject=subject, body=body,
                           kind="reply_all" if everyone else "reply", reply_to=message_id)
        self.log("reply_started", id=message_id, everyone=everyone)
        return self.draft

    def forward(self, message_id: str) -> Draft | None:
        mail = self.find(message_id)
        if mail is None or self.phone:
            return None
        header = f"From: {mail.sender}\nDate: {mail.date}\nSubject: {mail.subject}\n"
        body = f"\n\n{FORWARD_MARK}\n{header}\n{mail.body}"
        self.draft = Draft(subject=f"Fwd: {mail.subject}", body=body, attachments=list(mail.attachments),
                           kind="forward", reply_to=message_id)
        self.log("forward_started", id=message_id)
        return self.draft

    def open_draft(self, draft_id: str) -> Draft | None:
        draft = self.drafts.get(draft_id)
        if draft is not None:
            self.draft = draft
            self.delete_quietly(draft_id)
        return draft

    def delete_quietly(self, message_id: str) -> None:
        self.drafts.pop(message_id, None)
        self._move(message_id, None)

    def attach(self, document: str) -> None:
        if self.draft is not None and document in self.scenario.documents and document not in self.draft.attachments:
            self.draft.attachments.append(document)
            self.log("attached", document=document)

    def detach(self, document: str) -> None:
        if self.draft is not None and document in self.draft.attachments:
            self.draft.attachments.remove(document)
            self.log("detached", document=document)

    def problems(self) -> list[Problem]:
        """What stops the draft from being sent, field by field, in the order the form shows them."""
        draft = self.draft
        if draft is None:
            return []
        found: list[Problem] = []
        if self.phone:
            if not draft.body.strip():
                found.append(Problem("body", "missing"))
            return found
        recipients = split_addresses(draft.to)
        if not recipients:
            found.append(Problem("to", "missing"))
        for field_name, entries in (("to", recipients), ("cc", split_addresses(draft.cc))):
            for entry in entries:
                if not is_email(address_of(entry)):
                    found.append(Problem(field_name, "address", entry))
        if not draft.subject.strip():
            found.append(Problem("subject", "missing"))
        if not draft.body.strip():
            found.append(Problem("body", "missing"))
        return found

    def send(self) -> list[Problem]:
        """Send the draft; or, when something is wrong, the problems (nothing is sent)."""
        draft = self.draft
        if draft is None:
            return []
        found = self.problems()
        if found:
            self.log("send_refused", problems=[problem.code + ":" + problem.field for problem in found])
            return found
        to = [address_of(a) for a in split_addresses(draft.to)] if not self.phone else [draft.to.strip()]
        cc = [address_of(a) for a in split_addresses(draft.cc)]
        self.log("sent", to=to, cc=cc, subject=draft.subject.strip(), body=draft.body,
                 attachments=list(draft.attachments), kind=draft.kind, reply_to=draft.reply_to)
        self.folders["sent"].append(Mail(
            id=self._new_id("sent"), sender=self.scenario.me, subject=draft.subject.strip(), body=draft.body,
            to=tuple(split_addresses(draft.to)), cc=tuple(split_addresses(draft.cc)), date="now",
            attachments=tuple(draft.attachments),
        ))
        self.draft = None
        if self.scenario.end_after_send:
            self.finish()
        return []

    def save_draft(self) -> None:
        """Keep the message being written in Drafts, to finish later."""
        draft = self.draft
        if draft is None:
            return
        draft_id = self._new_id("draft")
        self.drafts[draft_id] = draft
        self.folders["drafts"].append(Mail(
            id=draft_id, sender=self.scenario.me, subject=draft.subject or "(no subject)", body=draft.body,
            to=tuple(split_addresses(draft.to)), cc=tuple(split_addresses(draft.cc)), date="draft",
            attachments=tuple(draft.attachments),
        ))
        self.draft = None
        self.log("draft_saved", subject=draft.subject)

    def discard(self) -> None:
        if self.draft is not None:
            self.draft = None
            self.log("draft_discarded")


# Reading the scenario


def read_scenario(reader: ScenarioReader) -> EmailScenario:
    view = reader.text("view", required=False, default="mail")
    if view not in VIEWS:
        reader.error("view", f"`view` must be one of: {', '.join(VIEWS)}")
    me = reader.text("me", required=view == "mail", default="Me")
    if view == "mail" and me and not is_email(address_of(me)):
        reader.error("me", f"`me` must be an email address, like Sam Jones <sam.jones@postbox.eu> (got `{me}`)")
    documents = tuple(reader.text_list("documents", required=False))
    messages: list[Mail] = []
    for item in reader.mappings("inbox"):
        messages.append(_read_mail(item, view))
    ids = [m.id for m in messages]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        reader.error("inbox", f"message id `{duplicate}` is used twice")
    return EmailScenario(me=me, inbox=tuple(messages), documents=documents, view=view,
                         end_after_send=reader.boolean("end_after_send"))


def _read_mail(item: ScenarioReader, view: str) -> Mail:
    message_id = item.text("id")
    sender = item.text("from")
    if view == "mail" and sender and not is_email(address_of(sender)):
        item.error("from", f"`from` must be an address, like Lena Kraus <l.kraus@example.eu> (got `{sender}`)")
    scam = item.boolean("scam")
    links = [_read_link(link, scam) for link in item.mappings("links", required=False)]
    flags = tuple(item.text_list("flags", required=False))
    for flag in flags:
        if flag not in FLAGS:
            item.error("flags", f"unknown red flag `{flag}`; use: {', '.join(FLAGS)}")
    if flags and not scam:
        item.error("flags", "only a scam message (`scam: true`) has red flags")
    mail = Mail(
        id=message_id,
        sender=sender,
        subject=item.text("subject", required=view == "mail"),
        body=item.text("body"),
        to=tuple(item.text_list("to", required=False)),
        cc=tuple(item.text_list("cc", required=False)),
        date=item.text("date", required=False),
        attachments=tuple(item.text_list("attachments", required=False)),
        links=tuple(links),
        scam=scam,
        flags=flags,
    )
    item.reject_unknown()
    return mail


def _read_link(link: ScenarioReader, scam: bool) -> Link:
    allowed = SCAM_PAGES if scam else ("page",)
    opens = link.text("opens", required=False, default=allowed[0])
    if opens not in allowed:
        if scam:
            link.error("opens", f"a scam's link opens one of: {', '.join(SCAM_PAGES)} (got `{opens}`)")
        else:
            link.error("opens", f"a real message's link opens its `page`; only a scam (`scam: true`) opens `{opens}`")
        opens = allowed[0]
    fee = read_money(link, "fee", 0, low=1, required=opens == "payment")
    if fee and opens != "payment":
        link.error("fee", "only a link that opens a `payment` page takes a `fee`")
    found = Link(link.text("text"), link.text("address"), opens, link.text("page", required=False), fee)
    link.reject_unknown()
    return found


# Goals: each reads the trace only.


def _sent(trace: Trace) -> list[dict[str, Any]]:
    return [entry.data for entry in events_named(trace, "sent")]


def _words(value: str) -> list[list[str]]:
    """`meeting | appointment, move | change`: every comma-separated group, each met by any of its `|` words."""
    groups = ([word.strip().casefold() for word in group.split("|") if word.strip()] for group in value.split(","))
    return [group for group in groups if group]


def _has_words(text: str, value: str) -> bool:
    text = text.casefold()
    return all(any(word in text for word in group) for group in _words(value))


def _recipients(sent: dict[str, Any]) -> list[str]:
    return [*sent.get("to", []), *sent.get("cc", [])]


def _inbox(trace: Trace) -> list[dict[str, Any]]:
    found = events_named(trace, "inbox")
    return found[0].data.get("messages", []) if found else []


def _reports(trace: Trace, message_id: str) -> list[list[str]]:
    return [entry.data.get("flags", []) for entry in events_named(trace, "reported") if entry.data.get("id") == message_id]


def _kept(trace: Trace, message_id: str) -> bool:
    """Still in the inbox at the end: not reported, junked or deleted (or put back after)."""
    last = None
    for entry in trace:
        if entry.data.get("id") == message_id and entry.event in ("reported", "moved_to_junk", "deleted", "moved_to_inbox"):
            last = entry.event
    return last in (None, "moved_to_inbox")


def _sent_to(trace: Trace, value: str) -> bool:
    return any(address_of(value) in sent.get("to", []) for sent in _sent(trace))


def _cc_to(trace: Trace, value: str) -> bool:
    return any(address_of(value) in sent.get("cc", []) for sent in _sent(trace))


def _sent_only_to(trace: Trace, value: str) -> bool:
    allowed = {address_of(a) for a in split_addresses(value)}
    sent = _sent(trace)
    return bool(sent) and all(set(_recipients(s)) <= allowed for s in sent)


def _not_sent_to(trace: Trace, value: str) -> bool:
    return all(address_of(value) not in _recipients(sent) for sent in _sent(trace))


def _replied_to(trace: Trace, value: str) -> bool:
    return any(s.get("reply_to") == value and s.get("kind") in ("reply", "reply_all") for s in _sent(trace))


def _subject_has(trace: Trace, value: str) -> bool:
    return any(_has_words(s.get("subject", ""), value) for s in _sent(trace))


def _body_has(trace: Trace, value: str) -> bool:
    return any(_has_words(own_text(s.get("body", "")), value) for s in _sent(trace))


def _attached(trace: Trace, value: str) -> bool:
    return any(value.casefold() in (a.casefold() for a in s.get("attachments", [])) for s in _sent(trace))


def _all_sent(trace: Trace, rule: Any) -> bool:
    sent = _sent(trace)
    return bool(sent) and all(rule(s.get("body", "")) for s in sent)


def _flag_spotted(trace: Trace, value: str) -> bool:
    message_id, _, flag = value.partition(":")
    return any(flag.strip() in flags for flags in _reports(trace, message_id.strip()))


def _no_false_flags(trace: Trace, _value: Any) -> bool:
    truth = {m["id"]: set(m.get("flags", [])) for m in _inbox(trace)}
    reported = events_named(trace, "reported")
    return bool(reported) and all(set(e.data.get("flags", [])) <= truth.get(e.data.get("id"), set()) for e in reported)


def _all_scams_reported(trace: Trace, _value: Any) -> bool:
    return all(_reports(trace, m["id"]) for m in _inbox(trace) if m.get("scam"))


def _real_mail_kept(trace: Trace, _value: Any) -> bool:
    return all(_kept(trace, m["id"]) for m in _inbox(trace) if not m.get("scam"))


def _opened_and_left(trace: Trace, message_id: str, event: str) -> bool:
    opened = any(e.data.get("id") == message_id for e in events_named(trace, "read"))
    return opened and not any(e.data.get("id") == message_id for e in events_named(trace, event))


def _check_address(value: Any, scenario: EmailScenario) -> str | None:
    if scenario.view == "phone":
        return None
    entries = split_addresses(str(value)) or [str(value)]
    bad = [entry for entry in entries if not is_email(address_of(entry))]
    return f"`{bad[0]}` is not an email address" if bad else None


def _check_message(value: Any, scenario: EmailScenario) -> str | None:
    if scenario.message(str(value)) is None:
        return f"no message with id `{value}` in the inbox; use one of: {', '.join(m.id for m in scenario.inbox)}"
    return None


def _check_flag(value: Any, scenario: EmailScenario) -> str | None:
    message_id, colon, flag = str(value).partition(":")
    if not colon:
        return "write the value as `message-id: flag`, e.g. `bank-alert: link`"
    mail = scenario.message(message_id.strip())
    if mail is None:
        return _check_message(message_id.strip(), scenario)
    if flag.strip() not in FLAGS:
        return f"unknown red flag `{flag.strip()}`; use: {', '.join(FLAGS)}"
    if flag.strip() not in mail.flags:
        return f"message `{mail.id}` does not list `{flag.strip()}` in its `flags`"
    return None


def _check_has_links(value: Any, scenario: EmailScenario) -> str | None:
    mail = scenario.message(str(value))
    if mail is None:
        return _check_message(value, scenario)
    return None if mail.links else f"message `{value}` has no `links`"


def _check_has_attachments(value: Any, scenario: EmailScenario) -> str | None:
    mail = scenario.message(str(value))
    if mail is None:
        return _check_message(value, scenario)
    return None if mail.attachments else f"message `{value}` has no `attachments`"


def _check_document(value: Any, scenario: EmailScenario) -> str | None:
    if str(value) not in scenario.documents:
        return f"`{value}` is not in the scenario's `documents`"
    return None


GOALS: dict[str, GoalType] = {
    "sent": GoalType("none", lambda trace, _v: bool(_sent(trace)), "at least one message was sent"),
    "sent_to": GoalType("text", _sent_to, "a message was sent To this address", _check_address),
    "cc_to": GoalType("text", _cc_to, "a message was sent with this address in Cc", _check_address),
    "sent_only_to": GoalType("text", _sent_only_to, "something was sent, and only to these addresses (comma-separated)", _check_address),
    "not_sent_to": GoalType("text", _not_sent_to, "nothing was sent to this address (To or Cc)", _check_address),
    "replied_to": GoalType("text", _replied_to, "a reply (or reply-all) to this message id was sent", _check_message),
    "subject_has": GoalType("text", _subject_has, "a sent subject contains all these words (comma-separated; `a | b`: either)"),
    "body_has": GoalType("text", _body_has, "a sent message's own text contains all these words (comma-separated; `a | b`: either)"),
    "attached": GoalType("text", _attached, "a sent message carried this document", _check_document),
    "not_attached": GoalType("text", lambda t, v: bool(_sent(t)) and not _attached(t, v), "something was sent, and never with this document", _check_document),
    "greeting": GoalType("none", lambda t, _v: _all_sent(t, has_greeting), "every sent message starts with a greeting (Dear, Hello, Hi, Good morning)"),
    "closing": GoalType("none", lambda t, _v: _all_sent(t, has_closing), "every sent message ends with a closing (Kind regards, Thank you, ...)"),
    "formal": GoalType("none", lambda t, _v: _all_sent(t, is_formal), "every sent message is formal: Dear/Hello/Good morning, no chat words, no shouting"),
    "no_personal_data": GoalType("none", lambda t, _v: not any(has_personal_data(s.get("body", "")) for s in _sent(t)), "no PIN, one-time code or password in anything sent"),
    "nothing_sent": GoalType("none", lambda t, _v: not _sent(t), "nothing was sent (e.g. no answer to a scam)"),
    "opened": GoalType("text", lambda t, v: any(e.data.get("id") == v for e in events_named(t, "read")), "this message was opened", _check_message),
    "reported": GoalType("text", lambda t, v: bool(_reports(t, v)), "this message was reported as phishing", _check_message),
    "flag_spotted": GoalType("text", _flag_spotted, "`message-id: flag`: that message was reported with that red flag", _check_flag),
    "no_false_flags": GoalType("none", _no_false_flags, "every red flag picked is really in the message reported"),
    "all_scams_reported": GoalType("none", _all_scams_reported, "every scam in the inbox was reported"),
    "kept": GoalType("text", lambda t, v: _kept(t, v), "this (real) message was not reported, junked or deleted", _check_message),
    "real_mail_kept": GoalType("none", _real_mail_kept, "no real message was reported, junked or deleted"),
    "checked_links": GoalType("text", lambda t, v: any(e.data.get("id") == v for e in events_named(t, "links_checked")), "the learner looked at where this message's links really go", _check_message),
    "link_not_followed": GoalType("text", lambda t, v: _opened_and_left(t, v, "link_followed"), "this message was opened, and none of its links was followed", _check_has_links),
    "attachment_not_opened": GoalType("text", lambda t, v: _opened_and_left(t, v, "attachment_opened"), "this message was opened, and none of its attachments was opened", _check_has_attachments),
    "no_details_given": GoalType("none", lambda t, _v: not events_named(t, "details_given"), "no password or card details went to a scam's page (no fake login, no fee paid)"),
}

SIMULATION = Simulation(
    name="email",
    title="Email",
    read_scenario=read_scenario,
    new_model=EmailModel,
    goals=GOALS,
    trace_events=frozenset({
        "attached",
        "attachment_opened",
        "compose_started",
        "deleted",
        "details_given",
        "detached",
        "draft_discarded",
        "draft_saved",
        "files_locked",
        "finished",
        "forward_started",
        "inbox",
        "link_followed",
        "links_checked",
        "money_taken",
        "moved_to_inbox",
        "moved_to_junk",
        "read",
        "reply_started",
        "reported",
        "send_refused",
        "sent",
    }),
)
