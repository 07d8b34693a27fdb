"""A web form at 80x24: one page of fields at a time, inline errors, a review page, and the persona's documents.

Labels and documents come from the lesson; values come from the learner. Both are shown as plain text.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, OptionList, RadioButton, RadioSet, Select, Static, TextArea
from textual.widgets.option_list import Option

from bleep_tui.core.sims.forms import TICKED, FormField, FormModel
from bleep_tui.core.sims.screens import error_text, shown_value
from bleep_tui.i18n import N_, _
from bleep_tui.ui.browser_keys import keys_named
from bleep_tui.ui.widgets.sparing import SparingOptionList
from bleep_tui.ui.glyphs import bar
from bleep_tui.ui.sims.base import SimWidget
from bleep_tui.ui.sims.dialogs import Confirm, ReadText
from bleep_tui.ui.widgets.text_field import BOX_MAX_LENGTH, DEFAULT_MAX_LENGTH, TextBox, TextField

INPUT_KINDS = ("text", "number", "date", "email", "phone", "postcode", "iban")


def placeholder(kind: str) -> str:
    return {
        "date": _("DD/MM/YYYY"),
        "email": _("name@example.eu"),
        "phone": _("e.g. 06 1234 5678"),
        "postcode": _("e.g. 1012 AB"),
        "iban": _("e.g. NL05 NWYB 0417 1643 00"),
        "number": _("digits only"),
    }.get(kind, "")


REVIEW_LABEL_COLUMN = 28
REVIEW_LINE = 72  # what one review line holds in an 80-column terminal


class MarkedRadioButton(RadioButton):
    """Shows whether it is chosen by a character, not only by colour: readable in 16 colours or none."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802  (Textual reads this class attribute when drawing)
        return "*" if self.value else " "


class MarkedCheckbox(Checkbox):
    """Shows whether it is ticked by a character, not only by colour."""

    @property
    def BUTTON_INNER(self) -> str:  # noqa: N802
        return "X" if self.value else " "


class FormWidget(SimWidget):
    DEFAULT_CSS = """
    FormWidget { height: 18; }
    FormWidget #form-head { height: auto; max-height: 2; background: $panel; }  /* wraps, never cut */
    FormWidget #form-main { height: 1fr; }
    FormWidget #pages { width: 1fr; }
    FormWidget .page { height: auto; display: none; }
    FormWidget .page.current { display: block; }
    FormWidget .page-intro { margin: 0 0 1 0; }
    FormWidget .field { height: auto; margin: 0 0 1 0; }
    FormWidget .hint { color: $text-muted; }
    FormWidget .error { color: $error; text-style: bold; display: none; }
    FormWidget .field.invalid .error { display: block; }
    FormWidget .field Input { width: 60; max-width: 100%; background: $boost; }
    FormWidget .field TextArea { height: 4; width: 60; }
    FormWidget .field Select { width: 40; }
    FormWidget .field Select > SelectOverlay { constrain: none inflect; }  /* no room below: opens above, not over the keys */
    FormWidget .field RadioSet { height: auto; }
    FormWidget #review { height: auto; max-height: 12; display: none; border: none; }
    FormWidget.reviewing #review { display: block; }
    FormWidget.reviewing #pages { display: none; }
    FormWidget #docs { width: 38; display: none; border-left: solid $primary; padding: 0 1; }
    FormWidget.with-docs #docs { display: block; }
    FormWidget #buttons { height: 1; }
    FormWidget #buttons Button { margin: 0 2 0 0; }
    FormWidget #keys { height: 1; color: $text-muted; }
    """

    BINDINGS = [
        Binding("ctrl+n", "next", N_("Next page"), id="forms.next_page"),
        Binding("ctrl+b", "back", N_("Back")),
        Binding("ctrl+r", "review", N_("Check answers"), show=False),  # its button is on the last page; the bar has no room
        Binding("ctrl+s", "submit", N_("Send form")),
        Binding("ctrl+o", "documents", N_("Papers")),
        Binding("ctrl+t", "next_document", N_("Next document"), show=False, id="forms.next_document"),
        Binding("ctrl+g", "end", N_("End task")),
    ]

    model: FormModel

    def __init__(self, model: FormModel) -> None:
        super().__init__(model)
        self.document = 0

    def compose(self) -> ComposeResult:
        scenario = self.model.scenario
        yield Static("", id="form-head", markup=False)
        with Horizontal(id="form-main"):
            with VerticalScroll(id="pages"):
                for number, page in enumerate(scenario.pages):
                    with Vertical(classes="page", id=f"page-{number}"):
                        if page.intro:
                            yield Static(Text(page.intro.strip()), classes="page-intro", markup=False)
                        for form_field in page.fields:
                            yield self._field(form_field)
            yield SparingOptionList(id="review", markup=False)
            with VerticalScroll(id="docs"):
                yield Static("", id="doc-title", markup=False)
                yield Static("", id="doc-text", markup=False)
        with Horizontal(id="buttons"):
            yield Button(_("Back"), id="back", compact=True)
            yield Button(_("Next"), id="next", compact=True)
            yield Button(_("Check answers"), id="review-button", compact=True)
            yield Button(_("Send form"), id="submit", compact=True)
        yield Static("", id="keys", markup=False)

    def _field(self, form_field: FormField) -> Widget:
        value = self.model.values[form_field.id]
        children: list[Widget] = []
        mark = " *" if form_field.required else ""
        if form_field.kind != "checkbox":
            children.append(Static(Text(form_field.label + mark, style="bold"), markup=False))
        if form_field.hint:
            children.append(Static(Text(form_field.hint), classes="hint", markup=False))
        control: Widget
        if form_field.kind in INPUT_KINDS:
            control = TextField(value, placeholder=placeholder(form_field.kind), compact=True,
                                max_length=form_field.max_length or DEFAULT_MAX_LENGTH)
        elif form_field.kind == "longtext":
            control = TextBox(value, max_length=form_field.max_length or BOX_MAX_LENGTH)
        elif form_field.kind == "select":
            control = Select([(Text(option), option) for option in form_field.options], prompt=_("Choose..."),
                             value=value if value else Select.NULL, compact=True)
        elif form_field.kind == "radio":
            control = RadioSet(*(MarkedRadioButton(Text(option), value=option == value, compact=True) for option in form_field.options),
                               compact=True)
        else:
            control = MarkedCheckbox(Text(form_field.label + mark), value=value == TICKED, compact=True)
        control.id = f"input-{form_field.id}"
        children.append(control)
        if form_field.small_print:
            children.append(Button(_("Read the small print"), id=f"print-{form_field.id}", compact=True, classes="small-print"))
        children.append(Static("", classes="error", id=f"error-{form_field.id}", markup=False))
        return Vertical(*children, classes="field", id=f"field-{form_field.id}")

    def on_mount(self) -> None:
        self.redraw()

    def on_focus(self) -> None:
        self.call_after_refresh(self.focus_first)

    def focus_first(self) -> None:
        if self.model.reviewing:
            self.query_one("#review", OptionList).focus()
            return
        if target := next(iter(self.model.errors), None):
            self.query_one(f"#input-{target}").focus()
            return
        page = self.model.scenario.pages[self.model.page]
        if page.fields:
            # Not scrolled to: a new page shows its first lines (the task, the page's instructions) first.
            self.query_one(f"#input-{page.fields[0].id}").focus(scroll_visible=False)

    # Drawing

    def redraw(self) -> None:
        model = self.model
        pages = len(model.scenario.pages)
        head = Text(model.scenario.title, style="bold")
        if model.reviewing:
            step = _("Check your answers")
        else:
            step = _("Page {n} of {total}: {title}").format(n=model.page + 1, total=pages, title=model.scenario.pages[model.page].title)
        head.append("  " + step)
        head.append("  " + bar(self.app.glyphs, (model.page + 1) / (pages + 1), 6), style="dim")
        self.query_one("#form-head", Static).update(head)
        for number in range(pages):
            self.query_one(f"#page-{number}").set_class(number == model.page, "current")
        self.set_class(model.reviewing, "reviewing")
        for form_field in model.scenario.fields:
            error = model.errors.get(form_field.id)
            self.query_one(f"#field-{form_field.id}").set_class(error is not None, "invalid")
            if error is not None:
                self.query_one(f"#error-{form_field.id}", Static).update(Text("! " + error_text(error, form_field.kind)))
        if model.reviewing:
            self._fill_review()
        self.query_one("#back").display = model.page > 0
        self.query_one("#next").display = not model.reviewing and not model.last_page
        self.query_one("#review-button").display = model.last_page
        self.query_one("#submit").display = model.last_page or model.reviewing
        self._show_document()
        self.query_one("#keys", Static).update(Text(keys_named(self.app, self._keys()), style="dim"))
        self.refresh_bindings()

    def _keys(self) -> str:
        if self.model.reviewing:
            return _("Enter on an answer to change it  Ctrl+S send  Ctrl+O papers")
        return _("Tab next box  * required  Ctrl+N next  Ctrl+O papers  Ctrl+G end task")

    def _fill_review(self) -> None:
        review = self.query_one("#review", OptionList)
        review.clear_options()
        fields = self.model.scenario.fields
        # Answers line up in a column after the labels. A longer label has its answer after it, or on
        # the next line when both do not fit on one at 80 columns. Nothing is cut short.
        column = min(REVIEW_LABEL_COLUMN, max((len(f.label) for f in fields), default=0)) + 1
        for form_field in fields:
            label, value = form_field.label, shown_value(form_field, self.model.values[form_field.id])
            if len(label) < column:
                label = f"{label:<{column}}"
            elif len(label) + 1 + len(value) <= REVIEW_LINE:
                label += " "
            else:
                label += "\n" + " " * column
            review.add_option(Option(Text.assemble((label, "bold"), value), id=form_field.id))
        review.highlighted = 0

    def _show_document(self) -> None:
        documents = self.model.scenario.documents
        if not documents:
            return
        document = documents[self.document % len(documents)]
        title = Text(document.title, style="bold reverse")
        if len(documents) > 1:
            title.append("  " + keys_named(self.app, _("({n} of {total}, Ctrl+T next)")).format(n=self.document % len(documents) + 1, total=len(documents)), style="dim")
        self.query_one("#doc-title", Static).update(title)
        self.query_one("#doc-text", Static).update(Text(document.text.rstrip()))

    # Values in

    def _field_id(self, widget: Widget | None) -> str | None:
        while widget is not None and widget is not self:
            if widget.id and widget.id.startswith("input-"):
                return widget.id.removeprefix("input-")
            widget = widget.parent  # type: ignore[assignment]
        return None

    def _changed(self, widget: Widget, value: str) -> None:
        field_id = self._field_id(widget)
        if field_id is None:
            return
        had_error = field_id in self.model.errors
        self.model.set(field_id, value)
        if had_error and field_id not in self.model.errors:
            self.query_one(f"#field-{field_id}").set_class(False, "invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        self._changed(event.input, event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._changed(event.text_area, event.text_area.text)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed(event.select, "" if event.value is Select.NULL else str(event.value))

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        index = event.radio_set.pressed_index
        field_id = self._field_id(event.radio_set)
        form_field = self.model.scenario.field(field_id or "")
        if form_field is not None and index >= 0:
            self._changed(event.radio_set, form_field.options[index])

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._changed(event.checkbox, TICKED if event.value else "")

    # Actions

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id or ""
        if button.startswith("print-"):
            field_id = button.removeprefix("print-")
            form_field = self.model.scenario.field(field_id)
            text = self.model.read_small_print(field_id)
            self.app.push_screen(ReadText(form_field.label if form_field else "", text))
            self.after_action()
            return
        actions = {"back": self.action_back, "next": self.action_next, "review-button": self.action_review, "submit": self.action_submit}
        if button in actions:
            actions[button]()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "review" and event.option_id:
            self.model.change(event.option_id)
            self._moved(event.option_id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        model = self.model
        if action == "next":
            return not model.reviewing and not model.last_page
        if action == "back":
            return model.page > 0
        if action == "review":
            return model.last_page
        if action == "submit":
            return model.last_page or model.reviewing
        if action == "next_document":
            return len(model.scenario.documents) > 1 and self.has_class("with-docs")
        return True

    def _moved(self, focus_field: str | None = None) -> None:
        if self.model.finished:
            self.after_action()
            return
        self.redraw()
        self.query_one("#pages", VerticalScroll).scroll_home(animate=False)
        if focus_field:
            self.call_after_refresh(lambda: self.query_one(f"#input-{focus_field}").focus())
        else:
            self.call_after_refresh(self.focus_first)
        self.after_action()

    def action_next(self) -> None:
        self.model.next_page()
        self._moved()

    def action_back(self) -> None:
        self.model.back()
        self._moved()

    def action_review(self) -> None:
        self.model.review()
        self._moved()

    def action_submit(self) -> None:
        if not self.model.submit():
            self.app.notify(_("The form was not sent: please fix the errors shown in red."), severity="warning", markup=False)
        self._moved()

    def action_documents(self) -> None:
        if not self.model.scenario.documents:
            self.app.notify(_("There are no documents for this form."), markup=False)
            return
        self.toggle_class("with-docs")
        self.refresh_bindings()

    def action_next_document(self) -> None:
        self.document += 1
        self._show_document()

    def action_end(self) -> None:
        def answer(yes: bool | None) -> None:
            if yes:
                self.model.give_up()
                self.after_action()

        self.app.push_screen(Confirm(_("End the task without sending the form? What you did will be checked.")), answer)
