"""A web form driven entirely by lesson data: pages of fields, inline errors, a review page, submit.

The persona's documents (a letter, an ID card, a payslip) are part of the
scenario; the learner copies facts from them. What was submitted is logged in
full, so goals such as `field: surname = Jones` are decided from the trace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bleep_tui.core.answers import iban_problem, is_email, is_phone, normalise, parse_date
from bleep_tui.core.sims.base import GoalType, ScenarioReader, SimModel, Simulation, Trace, TraceEntry, events_named

FIELD_KINDS = ("text", "number", "date", "select", "radio", "checkbox", "email", "phone", "postcode", "iban", "longtext")
TICKED = "yes"
# Postcodes of the invented country: 4 or 5 digits, maybe 2 letters ("1012 AB", "10115").
POSTCODE = re.compile(r"[0-9]{4,5}( ?[A-Za-z]{2})?")
NO_LIMIT = 1_000_000_000


@dataclass(frozen=True)
class FormField:
    id: str
    label: str
    kind: str = "text"
    required: bool = False
    hint: str = ""  # a line under the label, e.g. "As on your ID card"
    options: tuple[str, ...] = ()  # select and radio
    value: str = ""  # what is filled in at the start ("yes" ticks a checkbox)
    low: int = -NO_LIMIT  # number fields
    high: int = NO_LIMIT
    pattern: str = ""  # text fields: a regular expression the whole answer must match
    pattern_error: str = ""  # the error shown when it does not
    small_print: str = ""  # checkboxes: the text behind "read more"
    max_length: int = 0


@dataclass(frozen=True)
class Page:
    title: str
    fields: tuple[FormField, ...]
    intro: str = ""


@dataclass(frozen=True)
class Document:
    title: str
    text: str


@dataclass(frozen=True)
class FormScenario:
    title: str
    pages: tuple[Page, ...]
    documents: tuple[Document, ...] = ()
    keeps: str = ""  # "cv" or "plan" (the `cv` and `plan` simulations): the sent form is kept as the learner's own

    @property
    def fields(self) -> tuple[FormField, ...]:
        return tuple(f for page in self.pages for f in page.fields)

    def field(self, field_id: str) -> FormField | None:
        return next((f for f in self.fields if f.id == field_id), None)

    def page_of(self, field_id: str) -> int:
        return next(i for i, page in enumerate(self.pages) if any(f.id == field_id for f in page.fields))


@dataclass(frozen=True)
class FieldError:
    """Why a value is not accepted: a code the screen turns into words, and a detail (e.g. a limit)."""

    code: str  # required, number, low, high, date, email, phone, postcode, iban-<reason>, pattern, too_long, option
    detail: str = ""


def field_error(form_field: FormField, value: str) -> FieldError | None:
    """What is wrong with `value` in `form_field`, or None when the form accepts it."""
    text = value.strip()
    kind = form_field.kind
    if not text or (kind == "checkbox" and text != TICKED):
        return FieldError("required") if form_field.required else None
    if form_field.max_length and len(text) > form_field.max_length:
        return FieldError("too_long", str(form_field.max_length))
    if kind == "number":
        if not re.fullmatch(r"-?[0-9]+", text.replace(" ", "")):
            return FieldError("number")
        number = int(text.replace(" ", ""))
        if number < form_field.low:
            return FieldError("low", str(form_field.low))
        if number > form_field.high:
            return FieldError("high", str(form_field.high))
    elif kind == "date" and parse_date(text) is None:
        return FieldError("date")
    elif kind == "email" and not is_email(text):
        return FieldError("email")
    elif kind == "phone" and not is_phone(text):
        return FieldError("phone")
    elif kind == "postcode" and not POSTCODE.fullmatch(text):
        return FieldError("postcode")
    elif kind == "iban":
        problem = iban_problem(text)
        if problem:
            return FieldError(f"iban-{problem}")
    elif kind in ("select", "radio") and text not in form_field.options:
        return FieldError("option")
    if form_field.pattern and not re.fullmatch(form_field.pattern, text, re.IGNORECASE):
        return FieldError("pattern", form_field.pattern_error)
    return None


def comparable(kind: str, text: str) -> str:
    """A value as a person means it, so `1 March 1990` style differences of writing do not count."""
    text = text.strip()
    if kind == "date":
        parsed = parse_date(text)
        return parsed.isoformat() if parsed else normalise(text)
    if kind == "phone":
        return re.sub(r"[^0-9+]", "", text).replace("+", "00", 1) if text.startswith("+") else re.sub(r"[^0-9]", "", text)
    if kind in ("iban", "postcode"):
        return "".join(text.split()).upper()
    if kind == "number" and re.fullmatch(r"-?[0-9 ]+", text):
        return str(int(text.replace(" ", "")))
    if kind == "checkbox":
        return TICKED if text == TICKED else ""
    return normalise(text)


class FormModel(SimModel):
    """`page` runs from 0 to len(pages) - 1; `page == len(pages)` is the review page."""

    def __init__(self, scenario: FormScenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.values: dict[str, str] = {f.id: f.value for f in scenario.fields}
        self.page = 0
        self.errors: dict[str, FieldError] = {}
        self.submitted = False
        self.checkpoint: dict[str, Any] | None = None
        self.log("form_opened", title=scenario.title, pages=len(scenario.pages))

    def log(self, event: str, **data: Any) -> None:
        super().log(event, **data)
        if event in ("page_opened", "review_opened"):  # a page done is kept: a long CV is never typed twice
            self.checkpoint = {
                "page": self.page,
                "values": dict(self.values),
                "trace": [entry.to_record() for entry in self.trace],
            }

    def task_draft(self) -> dict[str, Any] | None:
        return self.checkpoint

    def resume_task(self, draft: dict[str, Any]) -> None:
        values = draft.get("values", {})
        if isinstance(values, dict):
            for field_id in self.values:
                if isinstance(values.get(field_id), str):
                    self.values[field_id] = values[field_id]
        page = draft.get("page")
        if isinstance(page, int) and 0 <= page <= len(self.scenario.pages):
            self.page = page
        trace = draft.get("trace")
        if isinstance(trace, list):
            self.trace = [TraceEntry.from_record(r) for r in trace if isinstance(r, dict)]
        self.log("resumed", page=self.page + 1)

    @property
    def reviewing(self) -> bool:
        return self.page == len(self.scenario.pages)

    @property
    def last_page(self) -> bool:
        return self.page == len(self.scenario.pages) - 1

    def set(self, field_id: str, value: str) -> None:
        if field_id in self.values:
            self.values[field_id] = value
            if field_id in self.errors and self.scenario.field(field_id) is not None:
                if field_error(self.scenario.field(field_id), value) is None:  # type: ignore[arg-type]
                    del self.errors[field_id]

    def _check(self, fields: tuple[FormField, ...]) -> dict[str, FieldError]:
        found = {}
        for form_field in fields:
            error = field_error(form_field, self.values[form_field.id])
            if error is not None:
                found[form_field.id] = error
        return found

    def _show_errors(self, found: dict[str, FieldError]) -> None:
        self.errors = found
        self.page = self.scenario.page_of(next(iter(found)))
        self.log("errors_shown", page=self.page + 1, errors={fid: e.code for fid, e in found.items()})

    def next_page(self) -> bool:
        """Go on when this page is right; else show its errors and stay."""
        if self.reviewing:
            return False
        found = self._check(self.scenario.pages[self.page].fields)
        if found:
            self._show_errors(found)
            return False
        self.errors = {}
        if not self.last_page:
            self.page += 1
            self.log("page_opened", page=self.page + 1)
        return True

    def back(self) -> None:
        if self.page > 0:
            self.page -= 1
            self.errors = {}
            self.log("page_opened", page=self.page + 1)

    def review(self) -> bool:
        found = self._check(self.scenario.fields)
        if found:
            self._show_errors(found)
            return False
        self.errors = {}
        self.page = len(self.scenario.pages)
        self.log("review_opened")
        return True

    def change(self, field_id: str) -> None:
        """From the review page, back to the page with this field."""
        self.page = self.scenario.page_of(field_id)
        self.log("page_opened", page=self.page + 1)

    def read_small_print(self, field_id: str) -> str:
        form_field = self.scenario.field(field_id)
        if form_field is None or not form_field.small_print:
            return ""
        self.log("small_print_read", id=field_id)
        return form_field.small_print

    def submit(self) -> bool:
        found = self._check(self.scenario.fields)
        if found:
            self._show_errors(found)
            return False
        self.errors = {}
        self.submitted = True
        self.log("submitted", title=self.scenario.title, keeps=self.scenario.keeps, fields=[
            {"id": f.id, "kind": f.kind, "required": f.required, "value": self.values[f.id].strip()}
            for f in self.scenario.fields
        ])
        self.finish()
        return True

    def give_up(self) -> None:
        """End the task without sending the form."""
        self.log("gave_up", page=self.page + 1)
        self.finish()


# Reading the scenario


def read_scenario(reader: ScenarioReader) -> FormScenario:
    pages = []
    for page in reader.mappings("pages"):
        fields = tuple(_read_field(item) for item in page.mappings("fields"))
        pages.append(Page(page.text("title"), fields, page.text("intro", required=False)))
        page.reject_unknown()
    documents = []
    for document in reader.mappings("documents", required=False):
        documents.append(Document(document.text("title"), document.text("text")))
        document.reject_unknown()
    scenario = FormScenario(reader.text("title"), tuple(pages), tuple(documents))
    ids = [f.id for f in scenario.fields]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        reader.error("pages", f"field id `{duplicate}` is used twice")
    return scenario


def _read_field(item: ScenarioReader) -> FormField:
    kind = item.text("type", required=False, default="text")
    if kind not in FIELD_KINDS:
        item.error("type", f"unknown field type `{kind}`; use one of: {', '.join(FIELD_KINDS)}")
    options = tuple(item.text_list("options", required=kind in ("select", "radio")))
    pattern = item.text("pattern", required=False)
    if pattern:
        try:
            re.compile(pattern)
        except re.error as error:
            item.error("pattern", f"`pattern` is not a valid regular expression: {error}")
    value = item.text("value", required=False)
    if kind == "checkbox":
        value = TICKED if item.boolean("checked") else ""
    elif kind in ("select", "radio") and value and value not in options:
        item.error("value", f"`value` must be one of the `options` (got `{value}`)")
    form_field = FormField(
        id=item.text("id"),
        label=item.text("label"),
        kind=kind,
        required=item.boolean("required"),
        hint=item.text("hint", required=False),
        options=options,
        value=value,
        low=item.integer("min", -NO_LIMIT, NO_LIMIT, required=False, default=-NO_LIMIT),
        high=item.integer("max", -NO_LIMIT, NO_LIMIT, required=False, default=NO_LIMIT),
        pattern=pattern,
        pattern_error=item.text("error", required=bool(pattern)),
        small_print=item.text("small_print", required=False),
        max_length=item.integer("max_length", 0, 100_000, required=False, default=0),
    )
    item.reject_unknown()
    return form_field


# Goals: each reads the trace only.


def _submitted(trace: Trace) -> list[dict[str, Any]] | None:
    """The fields as sent, or None when the form was never sent."""
    found = events_named(trace, "submitted")
    return found[-1].data.get("fields", []) if found else None


def _sent_value(trace: Trace, field_id: str) -> dict[str, Any] | None:
    return next((f for f in _submitted(trace) or [] if f.get("id") == field_id), None)


def _field_is(trace: Trace, value: str) -> bool:
    field_id, _, expected = value.partition("=")
    sent = _sent_value(trace, field_id.strip())
    return sent is not None and comparable(sent["kind"], sent["value"]) == comparable(sent["kind"], expected)


def _required_filled(trace: Trace, _value: Any) -> bool:
    fields = _submitted(trace)
    return fields is not None and all(f["value"] for f in fields if f.get("required"))


def _review_used(trace: Trace, _value: Any) -> bool:
    events = [entry.event for entry in trace]
    return "submitted" in events and "review_opened" in events[: events.index("submitted")]


def _ticked(trace: Trace, field_id: str, ticked: bool) -> bool:
    sent = _sent_value(trace, field_id)
    return sent is not None and (sent["value"] == TICKED) == ticked


def _check_field(value: Any, scenario: FormScenario, kinds: tuple[str, ...] = FIELD_KINDS) -> str | None:
    form_field = scenario.field(str(value).strip())
    if form_field is None:
        return f"no field with id `{value}`; use one of: {', '.join(f.id for f in scenario.fields)}"
    if form_field.kind not in kinds:
        return f"field `{form_field.id}` is a {form_field.kind}, not a {' or '.join(kinds)}"
    return None


def _check_field_value(value: Any, scenario: FormScenario) -> str | None:
    field_id, equals, expected = str(value).partition("=")
    if not equals or not field_id.strip():
        return "write the value as `field-id = expected answer`, e.g. `surname = Jones`"
    problem = _check_field(field_id, scenario)
    if problem:
        return problem
    form_field = scenario.field(field_id.strip())
    assert form_field is not None
    if field_error(form_field, expected.strip()) is not None:
        return f"`{expected.strip()}` would not be accepted by field `{form_field.id}` itself"
    return None


def _check_small_print(value: Any, scenario: FormScenario) -> str | None:
    problem = _check_field(value, scenario, ("checkbox",))
    form_field = scenario.field(str(value).strip())
    if problem is None and form_field is not None and not form_field.small_print:
        return f"field `{form_field.id}` has no `small_print` to read"
    return problem


GOALS: dict[str, GoalType] = {
    "submitted": GoalType("none", lambda t, _v: _submitted(t) is not None, "the form was sent"),
    "field": GoalType("text", _field_is, "`field-id = value`: the field was sent with this value (dates, phones, IBANs and case compared sensibly)", _check_field_value),
    "answered": GoalType("text", lambda t, v: bool((_sent_value(t, v) or {}).get("value")), "the form was sent with this field filled in (any answer)", _check_field),
    "required_filled": GoalType("none", _required_filled, "the form was sent with every required field filled in"),
    "errors_fixed": GoalType("none", lambda t, _v: _submitted(t) is not None, "the form was sent, so every error it showed was fixed"),
    "no_errors": GoalType("none", lambda t, _v: _submitted(t) is not None and not events_named(t, "errors_shown"), "the form was sent without ever showing an error"),
    "review_used": GoalType("none", _review_used, "the answers were checked on the review page before sending"),
    "ticked": GoalType("text", lambda t, v: _ticked(t, v, True), "the form was sent with this checkbox ticked", lambda v, s: _check_field(v, s, ("checkbox",))),
    "unticked": GoalType("text", lambda t, v: _ticked(t, v, False), "the form was sent with this checkbox NOT ticked (e.g. a hidden marketing opt-in)", lambda v, s: _check_field(v, s, ("checkbox",))),
    "read_small_print": GoalType("text", lambda t, v: any(e.data.get("id") == v for e in events_named(t, "small_print_read")), "the small print of this checkbox was opened", _check_small_print),
}

SIMULATION = Simulation(
    name="form",
    title="Web form",
    read_scenario=read_scenario,
    new_model=FormModel,
    goals=GOALS,
    trace_events=frozenset({
        "errors_shown",
        "finished",
        "form_opened",
        "gave_up",
        "page_opened",
        "resumed",
        "review_opened",
        "small_print_read",
        "submitted",
    }),
)
