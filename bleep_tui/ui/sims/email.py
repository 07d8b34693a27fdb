"""The email client at 80x24: folders, message list, reading pane, and a compose form.

With `view: phone` the same model is drawn as a phone's text messages.
Everything in a message or typed by the learner is shown as plain text, never markup.
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from bleep_tui.core.sims.email import FLAGS, EmailModel, Mail, name_of
from bleep_tui.core.sims.screens import flag_labels, folder_names, problem_text, what_happened
from bleep_tui.i18n import N_, _
from bleep_tui.ui.browser_keys import keys_named
from bleep_tui.ui.widgets.sparing import SparingOptionList
from bleep_tui.ui.sims.base import SimWidget
from bleep_tui.ui.sims.dialogs import PickOne, ReadText, TickSeveral
from bleep_tui.ui.sims.web_page import locked_screen, page_screen
from bleep_tui.ui.widgets.text_field import TextBox, TextField

SUBJECT_WIDTH = 34  # the subject column of the message list
PREVIEW_WIDTH = 20  # the start of a text message in the phone's list


def shortened(text: str, width: int) -> Text:
    """`text` in `width` cells, ending in `…` when it is longer: the list shows that it is cut (opened, it is whole)."""
    short = Text(text, no_wrap=True)
    short.truncate(width, overflow="ellipsis", pad=True)
    return short


class EmailWidget(SimWidget):
    DEFAULT_CSS = """
    EmailWidget { height: 1fr; min-height: 14; }
    EmailWidget #mail { height: 1fr; }
    EmailWidget #folders { width: 13; height: 1fr; border: none; border-right: solid $primary; }
    EmailWidget #messages { height: 5; border: none; scrollbar-size-vertical: 1; }
    EmailWidget #pane { height: 1fr; border-top: solid $primary; }
    EmailWidget #keys { height: auto; max-height: 2; color: $text-muted; }  /* two lines in a longer language */
    EmailWidget #compose { height: 1fr; display: none; }
    EmailWidget.composing #compose { display: block; }
    EmailWidget.composing #mail { display: none; }
    EmailWidget .row { height: 1; }
    EmailWidget .label { width: auto; min-width: 10; padding-right: 1; }  /* aligned, and whole in a longer language */
    EmailWidget .row Input { width: 1fr; background: $boost; }
    EmailWidget #body { height: 1fr; min-height: 4; }
    EmailWidget #attachments { height: 1; }
    EmailWidget #errors { height: auto; color: $error; }
    EmailWidget.phone #folders { display: none; }
    EmailWidget.phone #messages { height: 6; }
    EmailWidget.phone #mail { width: 44; border: round $primary; }
    EmailWidget.phone #compose { width: 44; border: round $primary; }
    EmailWidget.phone #cc-row, EmailWidget.phone #subject-row, EmailWidget.phone #attachments { display: none; }
    """

    BINDINGS = [
        Binding("r", "reply", N_("Reply")),
        Binding("a", "reply_all", N_("Reply all"), show=False),
        Binding("f", "forward", N_("Forward"), show=False),
        Binding("n", "compose", N_("New"), show=False),
        Binding("d,delete", "delete", N_("Delete"), show=False),
        Binding("j", "junk", N_("Junk"), show=False),
        Binding("p", "report", N_("Report phishing")),
        Binding("l", "links", N_("Check links"), show=False),  # the message itself says so when it has links
        Binding("o", "follow_link", N_("Open link"), show=False),
        Binding("v", "open_attachment", N_("Open attachment"), show=False),
        Binding("i", "to_inbox", N_("Not junk"), show=False),
        Binding("e", "end", N_("End task")),
        Binding("ctrl+s", "send", N_("Send")),
        Binding("ctrl+o", "attach", N_("Attach")),
        Binding("ctrl+r", "detach", N_("Remove attachment"), show=False),
        Binding("ctrl+t", "save_draft", N_("Save draft"), id="email.save_draft"),
        Binding("escape", "close", N_("Close")),
    ]
    MAIL_ACTIONS = frozenset({
        "reply", "reply_all", "forward", "compose", "delete", "junk", "report", "links", "follow_link", "open_attachment",
        "to_inbox", "end",
    })
    COMPOSE_ACTIONS = frozenset({"send", "attach", "detach", "save_draft", "close"})

    model: EmailModel

    def __init__(self, model: EmailModel) -> None:
        super().__init__(model)
        self.folder = "inbox"
        self.current: Mail | None = None
        self.revealed: set[str] = set()  # messages whose links' real addresses are shown
        self.shown: list[Mail] = []
        if model.phone:
            self.add_class("phone")

    def compose(self) -> ComposeResult:
        with Horizontal(id="mail"):
            yield SparingOptionList(id="folders", markup=False)
            with Vertical():
                yield SparingOptionList(id="messages", markup=False)
                with VerticalScroll(id="pane"):
                    yield Static("", id="reading", markup=False)
        with Vertical(id="compose"):
            with Horizontal(classes="row", id="to-row"):
                yield Static(_("To:"), classes="label", markup=False)
                yield self._input("to")
            with Horizontal(classes="row", id="cc-row"):
                yield Static(_("Cc:"), classes="label", markup=False)
                yield self._input("cc")
            with Horizontal(classes="row", id="subject-row"):
                yield Static(_("Subject:"), classes="label", markup=False)
                yield self._input("subject")
            yield Static("", id="attachments", markup=False)
            yield TextBox(id="body")
            yield Static("", id="errors", markup=False)
        yield Static("", id="keys", markup=False)

    def _input(self, name: str) -> Input:
        return TextField(id=name, compact=True, max_length=300)

    def on_mount(self) -> None:
        self.redraw()

    def on_focus(self) -> None:
        self.call_after_refresh(self.focus_main)

    def focus_main(self) -> None:
        if (draft := self.model.draft) is not None:
            # A reply or a draft has its address: the learner starts writing; a new message starts at To.
            self.query_one("#body" if self.model.phone or draft.to else "#to").focus()
        else:
            self.query_one("#messages", OptionList).focus()

    # Drawing

    def redraw(self) -> None:
        composing = self.model.draft is not None
        self.set_class(composing, "composing")
        folders = self.query_one("#folders", OptionList)
        folders.clear_options()
        for key, title in folder_names().items():
            unread = self.model.unread(key)
            folders.add_option(Option(Text(f"{title} ({unread})" if unread else title), id=key))
        folders.highlighted = list(folder_names()).index(self.folder)
        messages = self.query_one("#messages", OptionList)
        highlighted = messages.highlighted
        messages.clear_options()
        self.shown = list(self.model.folders[self.folder])
        if self.folder in ("sent", "drafts"):
            self.shown.reverse()  # newest first
        for mail in self.shown:
            messages.add_option(Option(self._line(mail)))
        if not self.shown:
            messages.add_option(Option(Text(_("(no messages in this folder)"), style="dim"), disabled=True))
        else:  # the first message is chosen at the start, so Enter opens it
            messages.highlighted = min(highlighted or 0, len(self.shown) - 1)
        if self.current is not None and self.model.find(self.current.id) is None:
            self.current = None
        self.query_one("#reading", Static).update(self._reading())
        self.query_one("#keys", Static).update(Text(keys_named(self.app, self._keys()), style="dim"))
        if composing:
            self._show_attachments()
        self.refresh_bindings()

    def _line(self, mail: Mail) -> Text:
        unread = mail.id not in self.model.opened and self.folder != "sent"
        line = Text("* " if unread else "  ", style="bold" if unread else "")
        who = ", ".join(name_of(a) for a in mail.to) if self.folder in ("sent", "drafts") else name_of(mail.sender)
        if self.model.phone:
            line.append(f"{who[:14]:<15}", style="bold" if unread else "")
            line.append_text(shortened(mail.body.replace("\n", " "), PREVIEW_WIDTH))
            return line
        line.append(f"{who[:16]:<17}", style="bold" if unread else "")
        line.append_text(shortened(mail.subject, SUBJECT_WIDTH))
        line.append(" ")
        line.append(mail.date[:9], style="dim")
        return line

    def _reading(self) -> Text:
        mail = self.current
        if mail is None:
            return Text(_("Choose a message and press Enter to open it."), style="dim")
        text = Text()
        if self.model.phone:
            text.append(mail.sender + "\n", style="bold")
            if mail.date:
                text.append(mail.date + "\n", style="dim")
        else:
            for label, value in ((_("From:"), mail.sender), (_("To:"), ", ".join(mail.to) or self.model.scenario.me),
                                 (_("Cc:"), ", ".join(mail.cc)), (_("Subject:"), mail.subject), (_("Date:"), mail.date),
                                 (_("Attached:"), ", ".join(mail.attachments))):
                if value:
                    text.append(f"{label:<10}", style="bold")
                    text.append(value + "\n")
        text.append("\n" + mail.body.strip() + "\n")
        if mail.links:
            text.append("\n" + _("Links in this message:") + "\n", style="bold")
            for number, link in enumerate(mail.links, 1):
                text.append(f"[{number}] {link.text}\n", style="underline")
                if mail.id in self.revealed:
                    text.append("    " + _("really goes to:") + "\n", style="bold")
                    text.append(f"    {link.address}\n", style="bold")
            if mail.id in self.revealed:
                text.append(_("Press o to open a link.") + "\n", style="dim")
            else:
                text.append(_("Press l to see where the links really go, o to open a link.") + "\n", style="dim")
        if mail.attachments:
            text.append("\n" + _("Attached files:") + "\n", style="bold")
            for name in mail.attachments:
                text.append(f"[{name}]\n")
            text.append(_("Press v to open an attachment."), style="dim")
        return text

    def _keys(self) -> str:
        if self.model.draft is not None:
            if self.model.phone:
                return _("Type your message. Ctrl+S send, Esc close.")
            return _("Tab next box. Ctrl+S send, Ctrl+O attach, Ctrl+T save draft, Esc close.")
        if self.model.phone:
            return _("Enter open, r reply, d delete, p report, l check links, o open link, e end")
        return _("Enter open r reply a all f fwd n new d del j junk p phishing l links e end")

    def _show_attachments(self) -> None:
        draft = self.model.draft
        assert draft is not None
        names = ", ".join(draft.attachments) if draft.attachments else _("(none: Ctrl+O to attach a file)")
        self.query_one("#attachments", Static).update(Text(_("Attached: ") + names))

    # Moving around

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "folders" and event.option_id and event.option_id != self.folder:
            event.stop()
            self.folder = event.option_id
            self.query_one("#messages", OptionList).highlighted = 0
            self.redraw()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "folders":
            self.query_one("#messages", OptionList).focus()
            return
        if not self.shown:
            return
        mail = self.shown[event.option_index]
        if self.folder == "drafts":
            self.model.open_draft(mail.id)
            self._fill_compose()
        else:
            self.current = self.model.open(mail.id)
        self.redraw()
        self.after_action()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        composing = self.model.draft is not None
        if action in self.COMPOSE_ACTIONS:
            if action in ("attach", "detach", "save_draft") and self.model.phone:
                return False
            return composing
        if action in self.MAIL_ACTIONS:
            if composing:
                return False
            if self.model.phone and action in ("reply_all", "forward", "compose", "junk", "to_inbox"):
                return False
            if action == "to_inbox":
                return self.folder == "junk" and self.current is not None
        return True

    def _needs_message(self) -> Mail | None:
        if self.current is None:
            self.app.notify(_("Open a message first: choose it and press Enter."), markup=False)
        return self.current

    # Writing

    def _fill_compose(self) -> None:
        draft = self.model.draft
        assert draft is not None
        self.query_one("#to", Input).value = draft.to
        self.query_one("#cc", Input).value = draft.cc
        self.query_one("#subject", Input).value = draft.subject
        body = self.query_one("#body", TextArea)
        body.text = draft.body
        body.move_cursor((0, 0))
        self.query_one("#errors", Static).update("")
        self.set_class(True, "composing")
        self.call_after_refresh(self.focus_main)

    def _read_compose(self) -> None:
        draft = self.model.draft
        assert draft is not None
        draft.to = self.query_one("#to", Input).value
        draft.cc = self.query_one("#cc", Input).value
        draft.subject = self.query_one("#subject", Input).value
        draft.body = self.query_one("#body", TextArea).text

    def _start(self, draft: object) -> None:
        if draft is not None:
            self._fill_compose()
            self.redraw()
            if self.model.phone:
                self.query_one("#to", Input).disabled = True
            self.after_action()

    def action_reply(self) -> None:
        if mail := self._needs_message():
            self._start(self.model.reply(mail.id))

    def action_reply_all(self) -> None:
        if mail := self._needs_message():
            self._start(self.model.reply(mail.id, everyone=True))

    def action_forward(self) -> None:
        if mail := self._needs_message():
            self._start(self.model.forward(mail.id))

    def action_compose(self) -> None:
        self._start(self.model.compose())

    def action_send(self) -> None:
        self._read_compose()
        draft = self.model.draft
        assert draft is not None
        problems = self.model.send()
        if problems:
            self.query_one("#errors", Static).update(Text("\n".join(problem_text(p) for p in problems)))
            self.query_one(f"#{problems[0].field}").focus()
            self.after_action()
            return
        who = draft.to if self.model.phone else draft.to.strip()
        self.app.notify(_("Sent to {who}.").format(who=who), markup=False)
        self.folder = "inbox" if self.model.phone else "sent"
        self.redraw()
        self.focus_main()
        self.after_action()

    def action_attach(self) -> None:
        documents = list(self.model.scenario.documents)
        if not documents:
            self.app.notify(_("My documents is empty."), markup=False)
            return

        def picked(document: str | None) -> None:
            if document:
                self._read_compose()
                self.model.attach(document)
                self._show_attachments()
                self.after_action()

        self.app.push_screen(PickOne(_("My documents: choose a file to attach"), documents), picked)

    def action_detach(self) -> None:
        draft = self.model.draft
        if draft is None or not draft.attachments:
            return

        def picked(document: str | None) -> None:
            if document:
                self.model.detach(document)
                self._show_attachments()
                self.after_action()

        self.app.push_screen(PickOne(_("Remove which attachment?"), list(draft.attachments)), picked)

    def action_save_draft(self) -> None:
        self._read_compose()
        self.model.save_draft()
        self.app.notify(_("Saved in Drafts. Open it there to finish it."), markup=False)
        self.redraw()
        self.focus_main()
        self.after_action()

    def action_close(self) -> None:
        """Close the message being written; anything written is kept in Drafts, as real mail programs do."""
        self._read_compose()
        draft = self.model.draft
        assert draft is not None
        if self.model.phone or not (draft.to.strip() or draft.subject.strip() or draft.body.strip()):
            self.model.discard()
            self.redraw()
            self.focus_main()
            self.after_action()
        else:
            self.action_save_draft()

    # Sorting mail

    def action_delete(self) -> None:
        if mail := self._needs_message():
            self.model.delete(mail.id)
            self.current = None
            self.redraw()
            self.after_action()

    def action_junk(self) -> None:
        if mail := self._needs_message():
            self.model.move_to_junk(mail.id)
            self.current = None
            self.redraw()
            self.after_action()

    def action_to_inbox(self) -> None:
        if mail := self._needs_message():
            self.model.move_to_inbox(mail.id)
            self.current = None
            self.redraw()
            self.after_action()

    def action_links(self) -> None:
        mail = self._needs_message()
        if mail is None:
            return
        if not self.model.check_links(mail.id):
            self.app.notify(_("This message has no links."), markup=False)
            return
        self.revealed.add(mail.id)
        self.redraw()
        self.query_one("#pane", VerticalScroll).scroll_end(animate=False)
        self.after_action()

    def _one_of(self, items: list[str], question: str, then: Callable[[int], None]) -> None:
        """Act on the only item (a link, a file), or ask which one first."""
        if len(items) == 1:
            then(0)
            return
        self.app.push_screen(PickOne(question, items), lambda picked: then(items.index(picked)) if picked else None)

    def action_follow_link(self) -> None:
        mail = self._needs_message()
        if mail is None:
            return
        if not mail.links:
            self.app.notify(_("This message has no links."), markup=False)
            return
        self._one_of([link.text for link in mail.links], _("Open which link?"), lambda number: self._follow(mail, number))

    def _follow(self, mail: Mail, number: int) -> None:
        link = self.model.follow_link(mail.id, number)
        if link is None:
            return
        self.after_action()

        def left(details_given: bool | None) -> None:
            if details_given:
                self.model.give_details(mail.id, number)
                self.after_action()
                self.app.push_screen(ReadText(*what_happened(link.opens, fee_cents=link.fee)))

        self.app.push_screen(page_screen(link, mail.scam), left)

    def action_open_attachment(self) -> None:
        mail = self._needs_message()
        if mail is None:
            return
        if not mail.attachments:
            self.app.notify(_("This message has no attachments."), markup=False)
            return
        files = list(mail.attachments)
        self._one_of(files, _("Open which attachment?"), lambda number: self._open_file(mail, files[number]))

    def _open_file(self, mail: Mail, name: str) -> None:
        harmful = self.model.open_attachment(mail.id, name)
        self.after_action()
        if not harmful:
            self.app.push_screen(ReadText(name, _("The file opens. It is the document the message talks about.")))
            return
        self.app.push_screen(locked_screen(name),
                             lambda _closed: self.app.push_screen(ReadText(*what_happened("attachment", name=name))))

    def action_report(self) -> None:
        mail = self._needs_message()
        if mail is None:
            return
        labels = flag_labels()

        def reported(flags: list[str] | None) -> None:
            if flags is None:
                return
            self.model.report(mail.id, flags)
            self.current = None
            self.app.notify(_("Reported as phishing and moved to Junk."), markup=False)
            self.redraw()
            self.focus_main()
            self.after_action()

        self.app.push_screen(TickSeveral(
            _("Report as phishing: {subject}").format(subject=mail.subject or name_of(mail.sender)),
            _("Tick every red flag you see (Space), then press Enter."),
            [(flag, labels[flag]) for flag in FLAGS],
        ), reported)

    def action_end(self) -> None:
        self.confirm_end(self.model.finish)
