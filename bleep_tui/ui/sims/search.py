"""The search engine or job site at 80x24: a search box, a filters line, the results, and a page.

Everything from the lesson (titles, addresses, pages) and everything the learner types is plain text, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from bleep_tui.core.sims.search import DISTANCES, HOURS, MAX_QUERY, Result, SearchModel
from bleep_tui.formats import money
from bleep_tui.i18n import N_, _
from bleep_tui.ui.sims.base import SimWidget
from bleep_tui.ui.sims.dialogs import Confirm, PickOne, ReadText
from bleep_tui.ui.sims.web_page import SimulatedScreen
from bleep_tui.ui.widgets.sparing import SparingOptionList
from bleep_tui.ui.widgets.text_field import TextField


def hours_names() -> dict[str, str]:
    return {"full-time": _("full-time"), "part-time": _("part-time")}


def facts(result: Result) -> str:
    """`Riverton - 2 km - part-time`: what a job listing says about where and when."""
    parts = [result.place] if result.place else []
    if result.distance is not None:
        parts.append(_("{km} km").format(km=result.distance))
    if result.hours:
        parts.append(hours_names()[result.hours])
    return " - ".join(parts)


def what_happened(result: Result) -> tuple[str, str]:
    """What applying to a fake listing did, and what to do now."""
    if result.fee:
        happened = _(
            "The job was not real. {amount} was taken from your card for a \"fee\", and the scammers now have your "
            "card details. A real employer never asks you to pay to get a job."
        ).format(amount=money(result.fee))
        steps = [
            _("Call your bank on the number on the back of your card, and block the card."),
            _("Report the listing to the job site, so that nobody else pays."),
        ]
    else:
        happened = _(
            "The job was not real. A photo of your ID and your bank details went to scammers. "
            "They can use them to open accounts or take loans in your name."
        )
        steps = [
            _("Tell your bank at once, and ask them to watch your account."),
            _("Report the lost ID to the police or the office that gave it to you."),
            _("Report the listing to the job site, so that nobody else is caught."),
        ]
    lines = [happened, "", _("What to do now:"), *(f"{number}. {step}" for number, step in enumerate(steps, 1)), "",
             _("In this simulation nothing was sent.")]
    return _("Simulation: what just happened"), "\n".join(lines)


class SearchWidget(SimWidget):
    DEFAULT_CSS = """
    SearchWidget { height: 1fr; min-height: 14; }
    SearchWidget #bar { height: 1; }
    SearchWidget #site { width: auto; padding-right: 2; text-style: bold; }
    SearchWidget #search-label { width: auto; padding-right: 1; }
    SearchWidget #query { width: 1fr; background: $boost; }
    SearchWidget #filters { height: 2; color: $text-muted; border-bottom: solid $primary; }
    SearchWidget #results { height: 1fr; scrollbar-size-vertical: 1; }
    SearchWidget #page { height: 1fr; display: none; }
    SearchWidget.on-page #page { display: block; }
    SearchWidget.on-page #results { display: none; }
    SearchWidget #keys { height: auto; max-height: 2; color: $text-muted; }
    """

    BINDINGS = [
        Binding("f", "filter", N_("Filters")),
        Binding("b,backspace", "back", N_("Back")),
        Binding("a", "apply", N_("Apply"), show=False),
        Binding("s", "save", N_("Save job"), show=False),
        Binding("r", "report", N_("Report as fake"), show=False),
        Binding("e", "end", N_("End task")),
        Binding("tab,shift+tab", "switch", show=False),  # between the search box and the results, never out of the site
    ]

    model: SearchModel

    def __init__(self, model: SearchModel) -> None:
        super().__init__(model)
        self.at = ""  # the id of the result the learner was on: the highlight comes back to it after a page

    def compose(self) -> ComposeResult:
        with Horizontal(id="bar"):
            yield Static(Text(self.model.scenario.site), id="site", markup=False)
            yield Static(_("Search:"), id="search-label", markup=False)
            yield TextField(self.model.query, id="query", compact=True, max_length=MAX_QUERY,
                            placeholder=_("type your search words, then Enter"))
        yield Static("", id="filters", markup=False)
        yield SparingOptionList(id="results", markup=False)
        with VerticalScroll(id="page"):
            yield Static("", id="page-text", markup=False)
        yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        for part in ("#query", "#results"):  # borderless in ASCII mode too, whose style sheet boxes every box and list
            self.query_one(part).styles.border = ("none", "black")
        self.redraw()

    def on_focus(self) -> None:
        self.call_after_refresh(self.focus_main)

    def focus_main(self) -> None:
        if self.model.state == "page":
            self.query_one("#page", VerticalScroll).focus()
        elif self.model.shown:
            self.query_one("#results", OptionList).focus()
        else:
            self.query_one("#query", Input).focus()

    # Drawing

    def redraw(self) -> None:
        model = self.model
        self.set_class(model.state == "page", "on-page")
        self.query_one("#filters", Static).update(self._filters_line())
        results = self.query_one("#results", OptionList)
        highlighted = results.highlighted
        results.clear_options()
        for result in model.shown:
            results.add_option(Option(self._result_lines(result), id=result.id))
        if not model.shown:
            empty = _("Type your search words in the box above and press Enter.") if not model.searched else _(
                "No results: change the filters (f).")
            results.add_option(Option(Text(empty, style="dim"), disabled=True))
        else:
            ids = [result.id for result in model.shown]
            results.highlighted = ids.index(self.at) if self.at in ids else min(highlighted or 0, len(ids) - 1)
        if model.current is not None:
            self.query_one("#page-text", Static).update(self._page(model.current))
        self.query_one("#keys", Static).update(Text(self._keys(), style="dim"))
        self.refresh_bindings()

    def _filters_line(self) -> Text:
        offered = self.model.scenario.filterable
        if not offered:  # a search engine: only the line under the search box
            self.query_one("#filters", Static).styles.height = 1
            return Text("")
        filters = self.model.filters
        shown = {
            "place": filters.place or _("any place"),
            "distance": _("up to {km} km").format(km=filters.distance) if filters.distance else _("any distance"),
            "hours": hours_names()[filters.hours] if filters.hours else _("any hours"),
        }
        return Text(_("Filters (f): ") + " - ".join(shown[name] for name in offered))

    def _result_lines(self, result: Result) -> Text:
        text = Text()
        if result.ad:
            text.append(" " + _("Ad") + " ", style="bold reverse")
            text.append(" ")
        text.append(result.title, style="bold")
        text.append("\n" + result.address, style="underline")
        if result.id in self.model.saved:
            text.append("  " + _("(saved)"), style="bold")
        if result.text:
            text.append("\n" + result.text.strip())
        if facts(result):
            text.append("\n" + facts(result), style="dim")
        text.append("\n")
        return text

    def _page(self, result: Result) -> Text:
        text = Text(_("Address: ") + result.address + "\n", style="bold")
        if result.ad:
            text.append(_("This page is an advert: a company paid to be shown at the top.") + "\n", style="dim")
        text.append("\n" + result.title + "\n", style="bold")
        if facts(result):
            text.append(facts(result) + "\n")
        text.append("\n" + (result.page.strip() or result.text.strip()) + "\n")
        return text

    def _keys(self) -> str:
        model = self.model
        if model.state == "page":
            job = model.current is not None and model.current.job
            keys = [_("a apply"), _("s save job")] if job else [_("Up/Down read")]
            return "  ".join([*keys, _("r report as fake"), _("b back to the results"), _("e end")])
        if not model.shown:
            return _("Type your search words, then press Enter.")
        keys = [_("Enter open")]
        if model.scenario.filterable:
            keys.append(_("f filters"))
        if any(result.job for result in model.scenario.results):
            keys.append(_("s save job"))
        return "  ".join([*keys, _("r report as fake"), _("Tab search box"), _("e end")])

    def _note(self) -> None:
        notes = {
            "empty": _("Type some search words first."),
            "applied": _("Your application was sent."),
            "reported": _("Reported as fake. It is gone from the results."),
            "saved": _("Saved. You can apply later."),
            "not_a_job": _("This is not a job listing."),
        }
        if self.model.notice in notes:
            self.app.notify(notes[self.model.notice], markup=False)

    def acted(self) -> None:
        self._note()
        self.redraw()
        self.call_after_refresh(self.focus_main)  # once a page or the results are shown again
        self.after_action()

    # Acting

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.model.type_query(event.value)
        self.model.search()
        self.acted()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id is not None:
            self.at = event.option.id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.model.open(event.option.id)
            self.query_one("#page", VerticalScroll).scroll_home(animate=False)
            self.acted()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_page = self.model.state == "page"
        if action == "back":
            return on_page
        if action == "filter":
            return not on_page and bool(self.model.scenario.filterable) and self.model.searched
        if action == "apply":
            return on_page
        if action in ("save", "report"):
            return self._chosen() is not None
        return True

    def _chosen(self) -> Result | None:
        """The result the learner is on: the open page, or the highlighted result."""
        if self.model.state == "page":
            return self.model.current
        results = self.query_one("#results", OptionList)
        if not self.model.shown or results.highlighted is None:
            return None
        return self.model.shown[min(results.highlighted, len(self.model.shown) - 1)]

    def action_switch(self) -> None:
        query = self.query_one("#query", Input)
        if query.has_focus and self.model.state == "results" and self.model.shown:
            self.query_one("#results", OptionList).focus()
        elif query.has_focus and self.model.state == "page":
            self.query_one("#page", VerticalScroll).focus()
        else:
            query.focus()

    def action_back(self) -> None:
        self.model.back()
        self.acted()

    def action_filter(self) -> None:
        names = {"place": _("Place"), "distance": _("Distance"), "hours": _("Hours")}
        offered = list(self.model.scenario.filterable)
        self.app.push_screen(PickOne(_("Filter the results by"), [names[name] for name in offered]),
                             lambda picked: self._pick_value(offered[[names[n] for n in offered].index(picked)]) if picked else None)

    def _pick_value(self, name: str) -> None:
        if name == "place":
            places = sorted({r.place for r in self.model.scenario.results if r.place})
            choices: list[tuple[str, str | int]] = [(_("Any place"), ""), *((place, place) for place in places)]
        elif name == "distance":
            choices = [(_("Any distance"), 0), *((_("Up to {km} km").format(km=km), km) for km in DISTANCES)]
        else:
            choices = [(_("Any hours"), ""), *((hours_names()[hours], hours) for hours in HOURS)]
        labels = [label for label, _value in choices]

        def picked(label: str | None) -> None:
            if label is not None:
                self.model.set_filter(name, choices[labels.index(label)][1])
                self.acted()

        titles = {"place": _("Place: show only"), "distance": _("Distance: show only"), "hours": _("Hours: show only")}
        self.app.push_screen(PickOne(titles[name], labels), picked)

    def action_apply(self) -> None:
        result = self.model.current
        if result is None:
            return
        if not result.job:
            self.model.apply()
            self.acted()
            return
        form = Text(_("Apply for: {title}").format(title=result.title) + "\n\n", style="bold")
        if result.fake and result.fee:
            form.append(_("To apply, pay the fee for training and your uniform: {amount}").format(amount=money(result.fee)) + "\n")
            form.append(_("Card number:    ____ ____ ____ ____") + "\n\n")
        elif result.fake:
            form.append(_("To apply, send a photo of your ID card and your bank details (IBAN).") + "\n")
            form.append(_("Photo of your ID:  [ choose a file ]") + "\n" + _("Your IBAN:  ____________________") + "\n\n")
        else:
            form.append(_("Your CV and a short message go to the employer.") + "\n\n")
        form.append(_("Press Enter to send your application, Esc to go back without sending."))

        def sent(yes: bool | None) -> None:
            if yes and self.model.apply():
                self.acted()
                self.app.push_screen(ReadText(*what_happened(result)))
            elif yes:
                self.acted()

        self.app.push_screen(SimulatedScreen(_("Web page (simulated)"), result.address, form, acts=True), sent)

    def action_save(self) -> None:
        if (result := self._chosen()) is not None:
            self.model.save(result.id)
            self.acted()

    def action_report(self) -> None:
        result = self._chosen()
        if result is None:
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.model.report(result.id)
                self.acted()

        self.app.push_screen(Confirm(_("Report \"{title}\" to the site as fake?").format(title=result.title)), answer)

    def action_end(self) -> None:
        self.confirm_end(self.model.end)
