"""A search engine or a job site: search words, results with adverts marked, filters, a page, and back.

Among real results a lesson can put a fake: a job listing that asks for a fee or for your ID and bank
details, or a site that only looks official. Opening a fake is no harm; applying to a fake listing is
the mistake (the details or the fee go to the scammers), and reporting it is the right move.

States (`SearchModel.state`):
  results  the search box and, after a search, the results the filters let through (adverts always)
  page     one result opened; back returns to the results
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bleep_tui.core.sims.base import GoalType, ScenarioReader, SimModel, Simulation, Trace, events_named, happened
from bleep_tui.core.sims.email import _has_words
from bleep_tui.core.sims.money import read_money

HOURS = ("full-time", "part-time")
DISTANCES = (5, 10, 25)  # km: "up to" choices of the distance filter
FILTERS = ("place", "distance", "hours")
MAX_QUERY = 100  # characters in the search box


@dataclass(frozen=True)
class Result:
    id: str
    title: str
    address: str
    text: str = ""  # the short text under the address
    page: str = ""  # what the page says when it is opened
    ad: bool = False
    fake: bool = False
    place: str = ""  # a job listing has a place; only a job listing can be applied to
    distance: int | None = None  # km from the learner's home
    hours: str = ""  # one of HOURS
    fee: int = 0  # cents a fake listing takes on "apply"; 0: it asks for a copy of the ID and bank details

    @property
    def job(self) -> bool:
        return bool(self.place) and not self.ad


@dataclass(frozen=True)
class SearchScenario:
    site: str
    results: tuple[Result, ...]
    query: str = ""  # already in the search box at the start

    def result(self, result_id: str) -> Result | None:
        return next((result for result in self.results if result.id == result_id), None)

    @property
    def filterable(self) -> tuple[str, ...]:
        """The filters this site offers: those some result has a value for."""
        return tuple(name for name in FILTERS if any(_value_of(result, name) for result in self.results))


def _value_of(result: Result, name: str) -> str | int | None:
    return {"place": result.place, "distance": result.distance, "hours": result.hours}[name]


@dataclass
class Filters:
    place: str = ""  # "" is any place
    distance: int = 0  # up to this many km; 0 is any distance
    hours: str = ""

    def let_through(self, result: Result) -> bool:
        if result.ad:  # adverts are shown whatever the filters, as on real sites
            return True
        if self.place and result.place.casefold() != self.place.casefold():
            return False
        if self.distance and (result.distance is None or result.distance > self.distance):
            return False
        return not self.hours or result.hours == self.hours


class SearchModel(SimModel):
    def __init__(self, scenario: SearchScenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.state = "results"
        self.query = scenario.query
        self.searched = False
        self.filters = Filters()
        self.current: Result | None = None
        self.reported: set[str] = set()
        self.saved: list[str] = []
        self.notice = ""  # a one-off message: "empty", "applied", "reported", "saved", "not_a_job"
        self.log("results", results=[{"id": r.id, "ad": r.ad, "fake": r.fake} for r in scenario.results])

    @property
    def shown(self) -> list[Result]:
        """The results on screen: none before a search; then what the filters let through, reported ones gone."""
        if not self.searched:
            return []
        return [r for r in self.scenario.results if r.id not in self.reported and self.filters.let_through(r)]

    def type_query(self, text: str) -> None:
        if not self.finished:
            self.query = text[:MAX_QUERY]

    def search(self) -> None:
        if self.finished:
            return
        words = " ".join(self.query.split())
        if not words:
            self.notice = "empty"
            return
        self.searched, self.state, self.current, self.notice = True, "results", None, ""
        self.log("searched", query=words)

    def set_filter(self, name: str, value: str | int) -> None:
        """Set one filter; "" or 0 is any. A value the site does not offer is ignored."""
        if self.finished or name not in self.scenario.filterable:
            return
        if name == "distance":
            if value not in (0, *DISTANCES):
                return
            self.filters.distance = int(value)
        elif name == "hours":
            if value not in ("", *HOURS):
                return
            self.filters.hours = str(value)
        else:
            places = {r.place.casefold() for r in self.scenario.results if r.place}
            if value and str(value).casefold() not in places:
                return
            self.filters.place = str(value)
        self.notice = ""
        self.log("filter_set", filter=name, value=value)

    def open(self, result_id: str) -> Result | None:
        result = next((r for r in self.shown if r.id == result_id), None)
        if self.finished or result is None:
            return None
        self.state, self.current, self.notice = "page", result, ""
        self.log("opened", id=result.id, ad=result.ad, fake=result.fake)
        return result

    def back(self) -> None:
        if self.finished or self.state != "page":
            return
        self.state, self.current, self.notice = "results", None, ""
        self.log("went_back")

    def apply(self) -> bool:
        """Apply to the open job listing; True when it was a fake one and the details (or a fee) went to scammers."""
        result = self.current
        if self.finished or self.state != "page" or result is None:
            return False
        if not result.job:
            self.notice = "not_a_job"
            return False
        self.log("applied", id=result.id, fake=result.fake)
        if not result.fake:
            self.notice = "applied"
            return False
        self.log("details_given", id=result.id, details="card" if result.fee else "id_and_bank")
        if result.fee:
            self.log("money_taken", id=result.id, cents=result.fee)
        return True

    def report(self, result_id: str) -> None:
        """Report a result as fake to the site: it disappears from the results."""
        result = self.scenario.result(result_id)
        if self.finished or result is None or result_id in self.reported:
            return
        self.reported.add(result_id)
        self.log("reported", id=result_id, fake=result.fake)
        self.state, self.current, self.notice = "results", None, "reported"

    def save(self, result_id: str) -> None:
        """Keep a job listing on the list of saved jobs, to apply later."""
        result = self.scenario.result(result_id)
        if self.finished or result is None or result_id in self.saved:
            return
        if not result.job:
            self.notice = "not_a_job"
            return
        self.saved.append(result_id)
        self.log("saved", id=result_id, fake=result.fake)
        self.notice = "saved"

    def end(self) -> None:
        self.finish()


# Reading the scenario


def read_scenario(reader: ScenarioReader) -> SearchScenario:
    results = [_read_result(item) for item in reader.mappings("results")]
    ids = [r.id for r in results]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        reader.error("results", f"result id `{duplicate}` is used twice")
    return SearchScenario(
        site=reader.text("site", required=False, default="Findwell"),
        results=tuple(results),
        query=reader.text("query", required=False)[:MAX_QUERY],
    )


def _read_result(item: ScenarioReader) -> Result:
    hours = item.text("hours", required=False)
    if hours and hours not in HOURS:
        item.error("hours", f"`hours` must be one of: {', '.join(HOURS)} (got `{hours}`)")
        hours = ""
    distance = item.integer("distance", 0, 500, required=False, default=-1)
    ad, fake = item.boolean("ad"), item.boolean("fake")
    fee = read_money(item, "fee", 0, low=1)
    place = item.text("place", required=False)
    if fee and not (fake and place):
        item.error("fee", "only a fake job listing (`fake: true` with a `place`) asks for a `fee`")
    if ad and fake:
        item.error("fake", "a result is an advert (`ad`) or a fake, not both: an advert is already marked as one")
    result = Result(
        id=item.text("id"),
        title=item.text("title"),
        address=item.text("address"),
        text=item.text("text", required=False),
        page=item.text("page", required=False),
        ad=ad,
        fake=fake,
        place=place,
        distance=None if distance < 0 else distance,
        hours=hours,
        fee=fee,
    )
    item.reject_unknown()
    return result


# Goals: each reads the trace only.


def _ids(trace: Trace, event: str) -> list[str]:
    return [str(entry.data.get("id")) for entry in events_named(trace, event)]


def _results(trace: Trace) -> list[dict[str, Any]]:
    found = events_named(trace, "results")
    return found[0].data.get("results", []) if found else []


def _searched_with(trace: Trace, value: str) -> bool:
    return any(_has_words(str(entry.data.get("query", "")), value) for entry in events_named(trace, "searched"))


def _filtered(trace: Trace, value: str) -> bool:
    """`place = Riverton`: the last value that filter was set to (any case, and `10 km` is `10`)."""
    name, _, wanted = value.partition("=")
    last = [e.data.get("value") for e in events_named(trace, "filter_set") if e.data.get("filter") == name.strip()]
    return bool(last) and _same_filter_value(last[-1], wanted)


def _same_filter_value(value: Any, wanted: str) -> bool:
    wanted = wanted.strip().casefold().removesuffix("km").strip()
    return str(value).casefold() == wanted


def _all_fakes_reported(trace: Trace, _value: Any) -> bool:
    reported = set(_ids(trace, "reported"))
    return all(r["id"] in reported for r in _results(trace) if r.get("fake"))


def _no_real_reported(trace: Trace, _value: Any) -> bool:
    return not any(entry.data.get("fake") is False for entry in events_named(trace, "reported"))


def _check_result(value: Any, scenario: SearchScenario) -> str | None:
    if scenario.result(str(value)) is None:
        return f"no result with id `{value}`; use one of: {', '.join(r.id for r in scenario.results)}"
    return None


def _check_job(value: Any, scenario: SearchScenario) -> str | None:
    problem = _check_result(value, scenario)
    result = scenario.result(str(value))
    if problem is None and result is not None and not result.job:
        return f"result `{value}` is not a job listing (it needs a `place`, and is not an advert)"
    return problem


def _check_filter(value: Any, scenario: SearchScenario) -> str | None:
    name, equals, wanted = str(value).partition("=")
    name, wanted = name.strip(), wanted.strip()
    if not equals or name not in FILTERS:
        return "write the value as `filter = value`, e.g. `place = Riverton`, `distance = 10` or `hours = part-time`"
    if name not in scenario.filterable:
        return f"no result has a `{name}`, so the site offers no {name} filter"
    allowed = {
        "place": sorted({r.place for r in scenario.results if r.place}),
        "distance": [str(km) for km in DISTANCES],
        "hours": list(HOURS),
    }[name]
    if not any(_same_filter_value(choice, wanted) for choice in allowed):
        return f"`{wanted}` is not a {name} the filter offers; use one of: {', '.join(allowed)}"
    return None


def _check_fake_exists(value: Any, scenario: SearchScenario) -> str | None:
    return None if any(r.fake for r in scenario.results) else "no result is `fake: true`"


GOALS: dict[str, GoalType] = {
    "searched": GoalType("none", lambda t, _v: happened(t, "searched"), "the learner searched at least once"),
    "searched_with": GoalType("text", _searched_with, "a search contained all these words (comma-separated; `a | b`: either; any case)"),
    "filtered": GoalType("text", _filtered, "`filter = value`: that filter (place, distance, hours) was last set to this value", _check_filter),
    "opened": GoalType("text", lambda t, v: v in _ids(t, "opened"), "this result was opened", _check_result),
    "not_opened": GoalType("text", lambda t, v: happened(t, "searched") and v not in _ids(t, "opened"), "the learner searched, and never opened this result", _check_result),
    "no_ads_opened": GoalType("none", lambda t, _v: happened(t, "searched") and not any(e.data.get("ad") for e in events_named(t, "opened")), "the learner searched, and opened no advert"),
    "went_back": GoalType("none", lambda t, _v: happened(t, "went_back"), "the learner went back from a page to the results"),
    "applied_to": GoalType("text", lambda t, v: v in _ids(t, "applied"), "the learner applied to this job listing", _check_job),
    "saved": GoalType("text", lambda t, v: v in _ids(t, "saved"), "the learner saved this job listing", _check_job),
    "fake_applied": GoalType("bool", lambda t, v: happened(t, "details_given") == v, "the learner applied to a fake listing (its fee or their ID and bank details went to scammers)"),
    "reported": GoalType("text", lambda t, v: v in _ids(t, "reported"), "this result was reported as fake", _check_result),
    "all_fakes_reported": GoalType("none", _all_fakes_reported, "every fake result was reported", _check_fake_exists),
    "no_real_reported": GoalType("none", _no_real_reported, "no real result or advert was reported as fake"),
}

SIMULATION = Simulation(
    name="search",
    title="Search",
    read_scenario=read_scenario,
    new_model=SearchModel,
    goals=GOALS,
    trace_events=frozenset({
        "applied",
        "details_given",
        "filter_set",
        "finished",
        "money_taken",
        "opened",
        "reported",
        "results",
        "saved",
        "searched",
        "went_back",
    }),
)
