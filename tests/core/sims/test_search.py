"""The search engine and job site behave like real ones: adverts always shown, filters, a fake that costs you."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bleep_tui.core.sims.search import DISTANCES, GOALS, HOURS, Result, SearchModel, SearchScenario

SCENARIO = SearchScenario(
    site="Findwell Jobs",
    results=(
        Result("ad", "Earn 3000 euro a week from home!", "quickcash-jobs.example", ad=True),
        Result("kitchen", "Kitchen porter", "findwell.example/jobs/1", place="Riverton", distance=2, hours="part-time"),
        Result("warehouse", "Warehouse worker", "findwell.example/jobs/2", place="Eastfield", distance=18, hours="full-time"),
        Result("fake", "Parcel sorter, start today", "findwell.example/jobs/3", fake=True, place="Riverton", distance=3,
               hours="part-time", fee=4500),
        Result("fake-id", "Office helper", "findwell.example/jobs/4", fake=True, place="Riverton", distance=4, hours="full-time"),
    ),
)


def goal(model: SearchModel, name: str, value: object = None) -> bool:
    return GOALS[name].check(tuple(model.trace), value)


def searched(query: str = "kitchen job Riverton") -> SearchModel:
    model = SearchModel(SCENARIO)
    model.type_query(query)
    model.search()
    return model


def ids(model: SearchModel) -> list[str]:
    return [result.id for result in model.shown]


def test_nothing_is_shown_before_a_search_and_empty_words_are_not_a_search() -> None:
    model = SearchModel(SCENARIO)
    assert ids(model) == []
    model.type_query("   ")
    model.search()
    assert ids(model) == [] and model.notice == "empty" and not goal(model, "searched")


def test_a_search_shows_every_result_and_is_kept_with_its_words_in_one_line() -> None:
    model = searched("  kitchen   JOB riverton ")
    assert ids(model) == ["ad", "kitchen", "warehouse", "fake", "fake-id"]
    assert goal(model, "searched") and goal(model, "searched_with", "kitchen, riverton")
    assert goal(model, "searched_with", "cook | kitchen") and not goal(model, "searched_with", "eastfield")


def test_filters_leave_out_what_does_not_match_but_the_advert_stays() -> None:
    model = searched()
    model.set_filter("place", "riverton")
    assert ids(model) == ["ad", "kitchen", "fake", "fake-id"]
    model.set_filter("hours", "part-time")
    assert ids(model) == ["ad", "kitchen", "fake"]
    model.set_filter("distance", 5)
    model.set_filter("place", "")
    assert ids(model) == ["ad", "kitchen", "fake"]
    assert goal(model, "filtered", "hours = part-time") and goal(model, "filtered", "distance = 5 km")
    assert not goal(model, "filtered", "place = Riverton")  # set back to any place last


def test_a_filter_value_the_site_does_not_offer_is_ignored() -> None:
    model = searched()
    for name, value in (("place", "Paris"), ("distance", 7), ("hours", "evenings"), ("colour", "red")):
        model.set_filter(name, value)
    assert ids(model) == ["ad", "kitchen", "warehouse", "fake", "fake-id"]
    assert not [e for e in model.trace if e.event == "filter_set"]


def test_opening_a_result_and_going_back_are_traced_and_an_advert_is_marked_as_one() -> None:
    model = searched()
    assert model.open("ad") is not None and model.state == "page"
    assert not goal(model, "no_ads_opened")
    model.back()
    assert model.state == "results" and model.current is None and goal(model, "went_back")
    assert goal(model, "opened", "ad") and goal(model, "not_opened", "kitchen")


def test_a_result_the_filters_hide_cannot_be_opened() -> None:
    model = searched()
    model.set_filter("place", "Eastfield")
    assert model.open("kitchen") is None and model.state == "results"


def test_applying_to_a_real_job_is_safe() -> None:
    model = searched()
    model.open("kitchen")
    assert model.apply() is False and model.notice == "applied"
    assert goal(model, "applied_to", "kitchen") and goal(model, "fake_applied", False)


def test_applying_to_a_fake_listing_with_a_fee_loses_the_money_and_the_card_details() -> None:
    model = searched()
    model.open("fake")
    assert model.apply() is True
    events = {entry.event: entry.data for entry in model.trace}
    assert events["details_given"]["details"] == "card" and events["money_taken"]["cents"] == 4500
    assert goal(model, "fake_applied", True)


def test_applying_to_a_fake_listing_without_a_fee_gives_away_the_id_and_bank_details() -> None:
    model = searched()
    model.open("fake-id")
    assert model.apply() is True
    events = {entry.event: entry.data for entry in model.trace}
    assert events["details_given"]["details"] == "id_and_bank" and "money_taken" not in events


def test_an_advert_is_not_a_job_to_apply_to_or_save() -> None:
    model = searched()
    model.open("ad")
    assert model.apply() is False and model.notice == "not_a_job"
    model.save("ad")
    assert model.saved == [] and not [e for e in model.trace if e.event in ("applied", "saved")]


def test_reporting_a_fake_hides_it_and_only_reporting_every_fake_meets_the_goal() -> None:
    model = searched()
    model.open("fake")
    model.report("fake")
    assert model.state == "results" and "fake" not in ids(model)
    assert not goal(model, "all_fakes_reported")
    model.report("fake-id")
    assert goal(model, "all_fakes_reported") and goal(model, "no_real_reported")
    model.report("kitchen")
    assert not goal(model, "no_real_reported")


def test_saving_a_job_keeps_it_once() -> None:
    model = searched()
    model.save("kitchen")
    model.save("kitchen")
    assert model.saved == ["kitchen"] and goal(model, "saved", "kitchen")


def test_a_finished_search_ignores_every_action() -> None:
    model = searched()
    model.end()
    before = list(model.trace)
    model.type_query("other")
    model.search()
    model.set_filter("place", "Riverton")
    model.open("kitchen")
    model.report("fake")
    model.save("kitchen")
    assert model.trace == before and model.finished


def test_the_lesson_checks_filter_and_result_values_against_the_scenario() -> None:
    assert GOALS["filtered"].check_value("place = Riverton", SCENARIO) is None
    assert "not a place" in GOALS["filtered"].check_value("place = Paris", SCENARIO)
    assert "filter = value" in GOALS["filtered"].check_value("Riverton", SCENARIO)
    assert "no result with id" in GOALS["opened"].check_value("nope", SCENARIO)
    assert "not a job listing" in GOALS["applied_to"].check_value("ad", SCENARIO)


ACTIONS = st.lists(
    st.one_of(
        st.tuples(st.just("type"), st.sampled_from(["", "  ", "jobs", "kitchen Riverton"])),
        st.tuples(st.just("search"), st.none()),
        st.tuples(st.just("filter"), st.tuples(
            st.sampled_from(["place", "distance", "hours"]),
            st.sampled_from(["", 0, "Riverton", "Eastfield", "Paris", *DISTANCES, 7, *HOURS]))),
        st.tuples(st.just("open"), st.sampled_from([r.id for r in SCENARIO.results])),
        st.tuples(st.just("back"), st.none()),
        st.tuples(st.just("apply"), st.none()),
        st.tuples(st.just("report"), st.sampled_from([r.id for r in SCENARIO.results])),
        st.tuples(st.just("save"), st.sampled_from([r.id for r in SCENARIO.results])),
    ),
    max_size=25,
)


def play(model: SearchModel, actions: list) -> None:
    for action, argument in actions:
        if action == "type":
            model.type_query(argument)
        elif action == "search":
            model.search()
        elif action == "filter":
            model.set_filter(*argument)
        elif action == "open":
            model.open(argument)
        elif action == "report":
            model.report(argument)
        elif action == "save":
            model.save(argument)
        else:
            getattr(model, action)()


@given(ACTIONS)
def test_whatever_the_learner_does_adverts_stay_and_every_result_shown_matches_the_filters(actions: list) -> None:
    model = SearchModel(SCENARIO)
    play(model, actions)
    if model.searched:
        assert "ad" in ids(model) or "ad" in model.reported
    for result in model.shown:
        if result.ad:
            continue
        assert not model.filters.place or result.place.casefold() == model.filters.place.casefold()
        assert not model.filters.distance or (result.distance or 0) <= model.filters.distance
        assert not model.filters.hours or result.hours == model.filters.hours
        assert result.id not in model.reported
    assert (model.state == "page") == (model.current is not None)


@given(ACTIONS)
def test_whatever_the_learner_does_money_is_taken_only_by_applying_to_a_fake_and_every_opened_result_was_on_screen(actions: list) -> None:
    model = SearchModel(SCENARIO)
    play(model, actions)
    trace = model.trace
    for index, entry in enumerate(trace):
        if entry.event in ("details_given", "money_taken"):
            applied = [e for e in trace[:index] if e.event == "applied" and e.data["id"] == entry.data["id"]]
            assert applied and applied[-1].data["fake"] is True
    assert goal(model, "fake_applied", True) == any(e.event == "applied" and e.data["fake"] for e in trace)
    assert all(len(str(e.data.get("query", ""))) <= 100 for e in trace)


@pytest.mark.parametrize("name", sorted(GOALS))
def test_every_goal_is_described_for_authors(name: str) -> None:
    assert GOALS[name].describe and GOALS[name].kind in ("none", "bool", "text")
