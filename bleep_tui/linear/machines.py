"""Each simulation as text: what the machine shows, one line each, and a numbered list of what can be done.

The machine is the same model the full-screen app draws (core/sims/), and shows the same words
(core/sims/screens.py). Linear mode has no clock: a machine here never times out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from bleep_tui.core.sims.atm import SESSION_STATES, AtmModel
from bleep_tui.core.sims.banking import DIGIT_STATES, BankingModel
from bleep_tui.core.sims.base import SimModel
from bleep_tui.core.sims.card_terminal import CardTerminalModel
from bleep_tui.core.sims.email import FLAGS, SCAM_PAGES, EmailModel, Mail, name_of
from bleep_tui.core.sims.forms import TICKED, FormField, FormModel
from bleep_tui.core.sims.screens import (
    assistant_says,
    atm_option,
    atm_screen,
    banking_screen,
    card_place,
    error_text,
    flag_labels,
    folder_names,
    message_text,
    problem_text,
    shown_value,
    terminal_screen,
    what_happened,
)
from bleep_tui.formats import whole_money
from bleep_tui.i18n import _, ngettext
from bleep_tui.linear.talk import Conversation, numbers

RIGHT_MARK = "OK:"  # said before a name the bank's check matched


@dataclass(frozen=True)
class Action:
    label: str
    do: Callable[[Conversation], None]  # may ask a further question (digits, a text, which flags)


def keys_typed(model_key: Callable[[str], None], ok: Callable[[], None]) -> Callable[[Conversation], None]:
    """An action that asks for digits, presses them on the keypad one by one, then the OK key."""
    def press(talk: Conversation) -> None:
        typed = talk.ask(_("Type the digits, then press Enter:"))
        for char in (typed or "").replace(" ", ""):
            model_key(char)
        ok()
    return press


def just(method: Callable[[], object]) -> Callable[[Conversation], None]:
    return lambda _talk: method()


class Machine:
    """A simulation read aloud: subclasses say what it shows and what can be done now."""

    def __init__(self, model: SimModel, currency: str) -> None:
        self.model = model
        self.currency = currency

    def shows(self) -> list[str]:
        raise NotImplementedError

    def actions(self) -> list[Action]:
        raise NotImplementedError


def paragraphs(title: str, lines: list[tuple[str, str]]) -> list[str]:
    return [_("The screen says:"), title] + [text.strip() for text, _style in lines if text.strip()]


class Atm(Machine):
    model: AtmModel

    def shows(self) -> list[str]:
        model = self.model
        lines = paragraphs(model.scenario.bank, atm_screen(model, self.currency))
        if model.stranger == "offering":
            lines.append(_('A man next to you says: "These machines are tricky. Let me type your PIN for you."'))
        lines.append(_("Card: {where}").format(where=card_place(model)) + ". "
                     + (_("Hand: on the keypad") if model.covered else _("Hand: not on the keypad")) + ".")
        if model.cash_out:
            lines.append(_("Cash: {amount} in the tray").format(amount=whole_money(model.cash_out, self.currency)) + ".")
        if model.receipt_out:
            lines.append(_("Receipt in the slot") + ".")
        return lines

    def actions(self) -> list[Action]:
        model = self.model
        if model.stranger == "offering":
            return [Action(_("No, thank you"), just(model.decline_help)), Action(_("Yes, please"), just(model.accept_help))]
        found = [Action(_("Press the button: {label}").format(label=atm_option(option, self.currency)),
                        lambda _talk, index=index: model.choose(index)) for index, option in enumerate(model.options)]
        if model.state in ("pin", "other"):
            found.append(Action(_("Type on the keypad, then OK"), keys_typed(model.key, model.enter)))
        if model.card == "wallet":
            found.append(Action(_("insert card"), just(model.insert_card)))
        if model.card == "slot":
            found.append(Action(_("take card"), just(model.take_card)))
        if model.cash_out:
            found.append(Action(_("take cash"), just(model.take_cash)))
        if model.receipt_out:
            found.append(Action(_("take receipt"), just(model.take_receipt)))
        if model.state in SESSION_STATES:
            found.append(Action(_("Cancel"), just(model.cancel)))
        found.append(Action(_("cover keypad"), just(model.cover_keypad)))
        found.append(Action(_("walk away: ends the task"), just(model.walk_away)))
        return found


class CardTerminal(Machine):
    model: CardTerminalModel

    def shows(self) -> list[str]:
        model = self.model
        lines = paragraphs(model.scenario.shop, terminal_screen(model, self.currency))
        if says := assistant_says(model, self.currency):
            lines.append(says)
        lines.append((_("Your card is in the terminal.") if model.card_in else _("Your card is in your hand.")) + " "
                     + (_("Your hand covers the keypad.") if model.covered else _("The keypad is not covered.")))
        return lines

    def actions(self) -> list[Action]:
        model = self.model
        if model.assistant == "offering":
            return [Action(_("No, I type it myself"), just(model.refuse_assistant)), Action(_("Tell the PIN"), just(model.tell_pin))]
        found = []
        if model.state == "present" and not model.card_in:
            found += [Action(_("tap card"), just(model.tap)), Action(_("insert card"), just(model.insert))]
        if model.state == "pin":
            found.append(Action(_("Type on the keypad, then OK"), keys_typed(model.key, model.enter)))
        if model.state == "receipt":
            found.append(Action(_("OK") + " (Enter)", just(model.enter)))
        if model.state in ("present", "pin", "receipt"):
            found.append(Action(_("Cancel"), just(model.cancel)))
        if model.card_in:
            found.append(Action(_("remove card"), just(model.remove_card)))
        found.append(Action(_("cover keypad"), just(model.cover_keypad)))
        found.append(Action(_("leave the shop: ends the task"), just(model.walk_away)))
        return found


class Banking(Machine):
    model: BankingModel

    def shows(self) -> list[str]:
        model = self.model
        lines = paragraphs(model.scenario.bank, banking_screen(model, self.currency, RIGHT_MARK))
        shown = model.messages[:2] if model.state in ("messages", "otp", "call") else model.messages[:1]
        lines.append(_("Phone: text messages") + (" " + _("({n} new)").format(n=model.unread) if model.unread else ""))
        lines += [f"{message.sender}: {message_text(message, self.currency)}" for message in shown] or [_("No messages.")]
        return lines

    def _type(self, talk: Conversation) -> None:
        model = self.model
        typed = talk.ask(_("Type, then press Enter:"))
        while model.typed:
            model.backspace()
        model.type(typed or "")
        model.enter()

    def actions(self) -> list[Action]:
        model = self.model
        state = model.state
        found = []
        if model.text_entry or state in DIGIT_STATES:
            found.append(Action(_("Type in the box (what was there is replaced) and press Enter"), self._type))
        if state == "payee_check":
            found += [Action(_("pay anyway"), just(model.enter)), Action(_("change the name"), just(model.back))]
        if state == "review":
            found += [Action(_("confirm"), just(model.enter)), Action(_("change"), just(model.back))]
        elif model.text_entry and state != "payee_name":
            found.append(Action(_("back"), just(model.back)))
        if state in ("payee_name", "iban", "amount", "reference", "payee_check", "review", "otp"):
            found.append(Action(_("cancel payment"), just(model.cancel_payment)))
        if state == "overview":
            found += [Action(_("new payment"), just(model.new_payment)), Action(_("messages"), just(model.open_messages))]
        if state == "messages":
            found.append(Action(_("back"), just(model.back)))
            if model.scenario.scam == "relative" and model.scam_started:
                found.append(Action(_("call them on the number you already have"), just(model.call_relative)))
        if model.can_report:
            found.append(Action(_("report a scam"), just(model.report_scam)))
        if state == "call":
            found += [Action(_("hang up"), just(model.hang_up)), Action(_("tell the caller the code"), just(model.tell_code))]
        if state == "overview":
            found.append(Action(_("log out: ends the task"), just(model.leave)))
        elif state in ("login", "locked"):
            found.append(Action(_("close the app: ends the task"), just(model.leave)))
        return found


class Form(Machine):
    model: FormModel

    def shows(self) -> list[str]:
        model, scenario = self.model, self.model.scenario
        lines = [scenario.title]
        if model.reviewing:
            lines.append(_("Check your answers, then send the form."))
            lines += [f"{field.label}: {shown_value(field, model.values[field.id])}" for field in scenario.fields]
            return lines
        page = scenario.pages[model.page]
        lines.append(_("Page {n} of {total}: {title}").format(n=model.page + 1, total=len(scenario.pages), title=page.title))
        if page.intro:
            lines.append(page.intro.strip())
        for field in page.fields:
            lines.append(self._field_line(field))
        return lines

    def _field_line(self, field: FormField) -> str:
        line = field.label + (" " + _("(required)") if field.required else "") + ": " + shown_value(field, self.model.values[field.id])
        if field.hint:
            line += ". " + field.hint
        if error := self.model.errors.get(field.id):
            line += ". " + _("Problem:") + " " + error_text(error, field.kind)
        return line

    def _fill(self, field: FormField) -> Callable[[Conversation], None]:
        def fill(talk: Conversation) -> None:
            if field.kind == "checkbox":
                self.model.set(field.id, "" if self.model.values[field.id] == TICKED else TICKED)
                return
            if field.kind in ("select", "radio"):
                talk.say(*(f"{n}. {option}" for n, option in enumerate(field.options, 1)))
                picked = numbers(talk.ask(_("Type the number of your choice:")) or "")
                if picked and 1 <= picked[0] <= len(field.options):
                    self.model.set(field.id, field.options[picked[0] - 1])
                return
            if field.kind == "longtext":
                typed = talk.ask_lines(_("Type {label}.").format(label=field.label))
            else:
                typed = talk.ask(_("Type {label}:").format(label=field.label))
            if typed is not None:
                self.model.set(field.id, typed)
        return fill

    def _read(self, title: str, text: str) -> Callable[[Conversation], None]:
        return lambda talk: talk.say(title, text.strip())

    def actions(self) -> list[Action]:
        model, scenario = self.model, self.model.scenario
        found = []
        if model.reviewing:
            found += [Action(_("Change: {label}").format(label=field.label), lambda _talk, f=field: model.change(f.id))
                      for field in scenario.fields]
            found.append(Action(_("Send the form"), just(model.submit)))
        else:
            for field in scenario.pages[model.page].fields:
                verb = _("Tick or untick") if field.kind == "checkbox" else _("Fill in")
                found.append(Action(f"{verb}: {field.label}", self._fill(field)))
                if field.small_print:
                    found.append(Action(_("Read more: {label}").format(label=field.label),
                                        lambda talk, f=field: talk.say(model.read_small_print(f.id))))
            if model.last_page:
                found.append(Action(_("Check your answers"), just(model.review)))
            else:
                found.append(Action(_("Next page"), just(model.next_page)))
            if model.page > 0:
                found.append(Action(_("Back"), just(model.back)))
        found += [Action(_("Read: {title}").format(title=document.title), self._read(document.title, document.text))
                  for document in scenario.documents]
        found.append(Action(_("Stop without sending: ends the task"), just(model.give_up)))
        return found


class Email(Machine):
    model: EmailModel

    def __init__(self, model: EmailModel, currency: str) -> None:
        super().__init__(model, currency)
        self.folder = "inbox"
        self.current: Mail | None = None
        self.quoted = ""  # the message a reply or forward carries, kept under what the learner writes

    def shows(self) -> list[str]:
        model = self.model
        draft = model.draft
        if draft is not None:
            lines = [_("Writing a message.")]
            lines.append(_("To:") + " " + (draft.to or "-"))
            if not model.phone:
                lines += [_("Cc:") + " " + (draft.cc or "-"), _("Subject:") + " " + (draft.subject or "-")]
            lines.append(_("Message:"))
            lines += draft.body.strip().splitlines() or ["-"]
            if draft.attachments:
                lines.append(_("Attached:") + " " + ", ".join(draft.attachments))
            return lines
        if self.current is not None:
            mail = self.current
            lines = [_("From:") + " " + mail.sender]
            if mail.to:
                lines.append(_("To:") + " " + ", ".join(mail.to))
            if mail.cc:
                lines.append(_("Cc:") + " " + ", ".join(mail.cc))
            if mail.date:
                lines.append(_("Date:") + " " + mail.date)
            if mail.subject:
                lines.append(_("Subject:") + " " + mail.subject)
            lines += mail.body.strip().splitlines()
            if mail.attachments:
                lines.append(_("Attached:") + " " + ", ".join(mail.attachments))
            return lines
        names = folder_names()
        lines = [", ".join(f"{names[name]} ({model.unread(name)} " + _("new") + ")" for name in model.folders if not model.phone or name == "inbox")]
        messages = model.folders[self.folder]
        lines.append(ngettext("{folder}: {n} message.", "{folder}: {n} messages.", len(messages)).format(folder=names[self.folder], n=len(messages)))
        return lines

    def actions(self) -> list[Action]:
        model = self.model
        if model.draft is not None:
            return self._writing()
        if self.current is not None:
            return self._reading(self.current)
        found = []
        for mail in model.folders[self.folder]:
            new = "" if mail.id in model.opened or self.folder == "sent" else _("new") + ", "
            found.append(Action(_("Open: {new}{sender}, {subject}").format(new=new, sender=name_of(mail.sender), subject=mail.subject or "-"),
                                lambda _talk, m=mail: self._open(m)))
        if not model.phone:
            found.append(Action(_("Write a new message"), lambda _talk: self._start(model.compose())))
            found += [Action(_("Go to the folder: {name}").format(name=label), lambda _talk, f=name: setattr(self, "folder", f))
                      for name, label in folder_names().items() if name != self.folder]
        found.append(Action(_("End the task"), lambda talk: model.finish() if talk.yes(_("End the task now? What you did will be checked.")) else None))
        return found

    def _open(self, mail: Mail) -> None:
        if self.folder == "drafts" and mail.id in self.model.drafts:
            self._start(self.model.open_draft(mail.id))
            return
        self.current = self.model.open(mail.id)

    def _start(self, draft: object) -> None:
        self.current = None
        self.quoted = getattr(draft, "body", "")

    def _reading(self, mail: Mail) -> list[Action]:
        model = self.model
        found = [Action(_("Reply"), lambda _talk: self._start(model.reply(mail.id)))]
        if not model.phone:
            found += [Action(_("Reply all"), lambda _talk: self._start(model.reply(mail.id, everyone=True))),
                      Action(_("Forward"), lambda _talk: self._start(model.forward(mail.id)))]
        if mail.links:
            found.append(Action(_("Check where the links really go"), lambda talk: self._check_links(talk, mail)))
            found += [Action(_("Open the link: {text}").format(text=link.text), lambda talk, n=n: self._follow(talk, mail, n))
                      for n, link in enumerate(mail.links)]
        found += [Action(_("Open the attachment: {name}").format(name=name), lambda talk, name=name: self._attachment(talk, mail, name))
                  for name in mail.attachments]
        found.append(Action(_("Report as phishing"), lambda talk: self._report(talk, mail)))
        folder = model.folder_of(mail.id)
        if folder == "inbox" and not model.phone:
            found.append(Action(_("Move to Junk"), lambda _talk: self._after(model.move_to_junk, mail)))
        if folder == "junk":
            found.append(Action(_("Move to the Inbox"), lambda _talk: self._after(model.move_to_inbox, mail)))
        found.append(Action(_("Delete"), lambda _talk: self._after(model.delete, mail)))
        found.append(Action(_("Back to the list"), lambda _talk: setattr(self, "current", None)))
        return found

    def _after(self, action: Callable[[str], None], mail: Mail) -> None:
        action(mail.id)
        self.current = None

    def _check_links(self, talk: Conversation, mail: Mail) -> None:
        for link in self.model.check_links(mail.id):
            talk.say(_("\"{text}\" really goes to: {address}").format(text=link.text, address=link.address))

    def _follow(self, talk: Conversation, mail: Mail, number: int) -> None:
        link = self.model.follow_link(mail.id, number)
        if link is None:
            return
        talk.say(_("The page opens (simulated): {address}").format(address=link.address), link.page.strip())
        if mail.scam and link.opens in SCAM_PAGES:
            question = _("Log in on this page?") if link.opens == "login" else _("Pay on this page?")
            if talk.yes(question):
                self.model.give_details(mail.id, number)
                talk.say(*what_happened(link.opens, fee_cents=link.fee))

    def _attachment(self, talk: Conversation, mail: Mail, name: str) -> None:
        if self.model.open_attachment(mail.id, name):
            talk.say(_("YOUR FILES ARE LOCKED"), *what_happened("attachment", name=name))
        else:
            talk.say(_("The file opens. It is the document the message talks about."))

    def _report(self, talk: Conversation, mail: Mail) -> None:
        labels = flag_labels()
        talk.say(_("Which red flags do you see?"), *(f"{n}. {labels[flag]}" for n, flag in enumerate(FLAGS, 1)))
        picked = numbers(talk.ask(_("Type their numbers, like 1 3 (or 0 for none):")) or "") or []
        self.model.report(mail.id, [FLAGS[n - 1] for n in picked if 1 <= n <= len(FLAGS)])
        talk.say(_("Reported as phishing and moved to Junk."))
        self.current = None

    def _writing(self) -> list[Action]:
        model = self.model
        draft = model.draft
        assert draft is not None

        def field(name: str, label: str) -> Action:
            def fill(talk: Conversation) -> None:
                typed = talk.ask(label)
                if typed is not None:
                    setattr(draft, name, typed)
            return Action(_("Fill in: {label}").format(label=label.rstrip(":")), fill)

        def body(talk: Conversation) -> None:
            typed = talk.ask_lines(_("Type your message."))
            if typed is not None:
                draft.body = typed + self.quoted

        found = [field("to", _("To:"))]
        if not model.phone:
            found += [field("cc", _("Cc:")), field("subject", _("Subject:"))]
        found.append(Action(_("Write the message"), body))
        if not model.phone:
            found += [Action(_("Attach: {name}").format(name=name), lambda _talk, name=name: model.attach(name))
                      for name in model.scenario.documents if name not in draft.attachments]
            found += [Action(_("Take off: {name}").format(name=name), lambda _talk, name=name: model.detach(name))
                      for name in draft.attachments]
        found.append(Action(_("Send"), self._send))
        if not model.phone:
            found.append(Action(_("Save in Drafts"), lambda talk: (model.save_draft(), talk.say(_("Saved in Drafts. Open it there to finish it.")))))
        found.append(Action(_("Throw it away"), just(model.discard)))
        return found

    def _send(self, talk: Conversation) -> None:
        draft = self.model.draft
        assert draft is not None
        problems = self.model.send()
        if problems:
            talk.say(*(problem_text(problem) for problem in problems))
            return
        talk.say(_("Sent to {who}.").format(who=draft.to.strip()))
        self.folder = "inbox" if self.model.phone else "sent"


MACHINES: dict[str, type[Machine]] = {
    "atm": Atm, "card_terminal": CardTerminal, "banking": Banking, "email": Email, "form": Form, "cv": Form, "plan": Form,
}


class NotReadYet(Machine):
    """A simulation linear mode cannot read out yet (the search engine, the file manager): the learner is told,
    and can end the task; the full-screen app plays it."""

    def shows(self) -> list[str]:
        return [_("This simulation cannot be read out in linear mode yet. Play it in the full-screen app.")]

    def actions(self) -> list[Action]:
        return [Action(_("End the task"), just(self.model.finish))]


def machine_for(sim: str, model: SimModel, currency: str) -> Machine:
    return MACHINES.get(sim, NotReadYet)(model, currency)
