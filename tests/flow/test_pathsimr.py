"""PathSimR's templates: the tiny example imported, simulated and reported; both layouts; hostile
CSV refused with its row and column; CSV -> pathway -> CSV keeps the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathway_designer import dump, load_text
from pathway_designer.flow.from_pathway import network_of
from pathway_designer.flow.simulation import simulate
from pathway_designer.flow.simulation_json import as_data
from pathway_designer.interchange.pathsimr import export_pathsimr, import_pathsimr, pathway_of_templates
from pathway_designer.interchange.pathsimr_reading import PathSimRError, read_templates
from pathway_designer.interchange.pathsimr_writing import write_templates

DATA = Path(__file__).parent / "data"
NETWORK = (DATA / "tiny_network.csv").read_text()
CALENDAR = (DATA / "tiny_calendar.csv").read_text()
PATHSIMR_AVERAGES = ("occupancy", "bed_occupancy", "wait", "length_of_stay", "capacity_delay",
                     "transition_delay", "rejection_rate")


def test_the_tiny_example_imports_simulates_and_reports_every_service_point() -> None:
    pathway = import_pathsimr(DATA / "tiny_network.csv", DATA / "tiny_calendar.csv", 1.0)
    assert [s.label for s in pathway.steps] == ["Clinic", "Ward", "Home"]
    network = network_of(load_text(dump(pathway)))  # through the YAML, as a person would keep it
    assert network == read_templates(NETWORK, CALENDAR, 1.0)
    result = as_data(simulate(network, days=20, warm_up_days=2, runs=3, seed=1))
    points = {s["label"]: s["figures"] for s in result["steps"]}
    assert set(points) == {"Clinic", "Ward"}
    for figures in points.values():
        for name in PATHSIMR_AVERAGES:
            assert figures[name]["mean"] is not None, name
    assert points["Ward"]["transition_delay"]["mean"] == pytest.approx(0.75, rel=0.1)
    assert points["Ward"]["bed_occupancy"]["mean"] >= points["Ward"]["occupancy"]["mean"]
    assert points["Clinic"]["wait"]["mean"] > 1  # arrivals all night wait for 8:00
    json.dumps(result)


def test_the_older_layout_names_delay_columns_by_position() -> None:
    old = NETWORK.replace("Clinic_delay_dist,Ward_delay_dist,Home_delay_dist,Clinic_delay_params,"
                          "Ward_delay_params,Home_delay_params", "Clinic,Ward,Home,Clinic,Ward,Home")
    assert old != NETWORK
    assert read_templates(old, CALENDAR, 1.0) == read_templates(NETWORK, CALENDAR, 1.0)


def test_days_are_hours_times_24() -> None:
    hours = read_templates(NETWORK, CALENDAR, 1.0)
    days = read_templates(NETWORK, CALENDAR, 24.0)
    assert days.node("clinic").service.mean == pytest.approx(24 * hours.node("clinic").service.mean)  # type: ignore[union-attr]
    assert days.node("clinic").arrivals.mean == pytest.approx(1.5 / 24)  # type: ignore[union-attr]
    assert days.node("clinic").capacity.cycle == 24 * 24  # type: ignore[union-attr]
    back = write_templates(days, 24.0)
    assert read_templates(back.network, back.calendar, 24.0) == days


def test_a_bom_and_999_as_no_limit() -> None:
    network = read_templates("\ufeff" + NETWORK, CALENDAR, 1.0)
    assert network.node("clinic").outside_queue_limit is None
    assert network.node("ward").inside_queue_limit == 0


def test_r_writes_inf_for_no_limit_and_a_lognormal_may_start_with_a_minus() -> None:
    """As PathSimR's own files have them: `Inf` waiting places, and a meanlog below 0 (a stay
    of under an hour is common in A&E) is a figure, not a spreadsheet formula."""
    text = _cell(_cell(NETWORK, 2, 7, "Inf"), 3, 6, "-0.88056;1.1467")
    text = _cell(text, 3, 8, "Inf")
    network = read_templates(text, CALENDAR, 1.0)
    assert network.node("clinic").outside_queue_limit is None
    assert network.node("ward").inside_queue_limit is None
    ward = network.node("ward").service
    assert ward is not None and ward.params == (-0.88056, 1.1467)
    for formula in ("=1+1", "-1+cmd|' /C calc'!A0", "+A1"):
        with pytest.raises(PathSimRError, match="formula"):
            read_templates(_cell(NETWORK, 3, 6, formula), CALENDAR, 1.0)
    with pytest.raises(PathSimRError, match="column 6"):
        read_templates(_cell(NETWORK, 3, 6, "Inf;1"), CALENDAR, 1.0)


def test_a_spreadsheets_empty_columns_at_the_right_are_left_out() -> None:
    saved = "\r\n".join(line + ",,," for line in NETWORK.splitlines()) + "\r\n"
    calendar = "\n".join(line + "," for line in CALENDAR.splitlines()) + "\n"
    assert read_templates(saved, calendar, 1.0) == read_templates(NETWORK, CALENDAR, 1.0)
    with pytest.raises(PathSimRError, match="delay columns expected"):  # a figure there is kept
        read_templates(saved.replace(",,,\r\n", ",,7\r\n", 2), calendar, 1.0)


def _cell(text: str, row: int, column: int, value: str) -> str:
    lines = text.splitlines()
    cells = lines[row - 1].split(",")
    cells[column - 1] = value
    lines[row - 1] = ",".join(cells)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("network", "calendar", "says"), [
    (_cell(NETWORK, 2, 6, "two"), CALENDAR, "row 2, column 6 (serv_dist_param)"),
    (_cell(NETWORK, 2, 3, "0.5"), CALENDAR, "add up to 1.3"),
    (_cell(NETWORK, 3, 1, "Theatre"), CALENDAR, "row 3, column 1: 'Theatre' is not a node"),
    (_cell(NETWORK, 2, 5, "poisson"), CALENDAR, "row 2, column 5 (serv_dist)"),
    (_cell(NETWORK, 2, 7, "-3"), CALENDAR, "row 2, column 7 (ext_queue)"),
    (_cell(NETWORK, 2, 7, "2.5"), CALENDAR, "a whole number"),
    (_cell(NETWORK, 3, 1, "=cmd|' /C calc'!A0"), CALENDAR, "row 3, column 1"),
    (NETWORK.replace("Clinic,0,0.2,0.8,exp,2,999,0,NA,NA,NA,NA,NA,NA", "Clinic,0,0.2,0.8,exp,2"),
     CALENDAR, "row 2: 6 cells, the header has 14"),
    (NETWORK, _cell(CALENDAR, 7, 2, "Theatre"), "row 7, column 2: 'Theatre' is not a node"),
    (NETWORK, CALENDAR + "cap,Theatre,0,NA,2\n", "row 8, column 2: 'Theatre' is not a node"),
    (NETWORK, _cell(CALENDAR, 4, 3, "18"), "(cap of Clinic)"),
    (NETWORK, _cell(CALENDAR, 2, 5, "lots"), "row 2, column 5 (value)"),
    (NETWORK, _cell(CALENDAR, 2, 1, "beds"), "row 2, column 1 (metric)"),
    (NETWORK, CALENDAR.replace("cap,Ward,0,NA,10\n", ""), "no cap row for 'Ward'"),
    (NETWORK, "", "empty"),
    ("a,b\n1,2\n", CALENDAR, "no serv_dist column"),
])
def test_hostile_templates_are_refused_with_the_place(network: str, calendar: str, says: str) -> None:
    with pytest.raises(PathSimRError) as error:
        read_templates(network, calendar, 1.0)
    assert says in str(error.value)


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text(NETWORK + ("x," * 100 + "\n") * 100_000)
    with pytest.raises(PathSimRError, match=r"big\.csv"):
        import_pathsimr(big, DATA / "tiny_calendar.csv", 1.0)


def test_a_missing_file_is_said(tmp_path: Path) -> None:
    with pytest.raises(PathSimRError, match=r"nothing\.csv"):
        import_pathsimr(tmp_path / "nothing.csv", DATA / "tiny_calendar.csv", 1.0)


_NUMBER = st.floats(min_value=0.05, max_value=50, allow_nan=False).map(lambda v: round(v, 3))
_DIST = st.one_of(
    st.tuples(st.just("exp"), _NUMBER.map(str)),
    st.tuples(st.just("lnorm"), st.tuples(_NUMBER, _NUMBER).map(
        lambda p: f"{min(p[0], 3)};{min(p[1], 1.5)}")),
    st.tuples(st.just("unif"), st.tuples(_NUMBER, _NUMBER).map(
        lambda p: f"{min(p)};{max(p)}")),
    st.tuples(st.sampled_from(["gamma", "weibull"]),
              st.tuples(_NUMBER, _NUMBER).map(lambda p: f"{max(p[0], 0.5)};{p[1]}")),
)


@st.composite
def templates(draw: st.DrawFn) -> tuple[str, str]:
    services = draw(st.integers(1, 4))
    exits = draw(st.integers(1, 2))
    names = [f"S{i}" for i in range(services)] + [f"X{i}" for i in range(exits)]
    header = ["", *names, "serv_dist", "serv_dist_param", "ext_queue", "int_queue",
              *[f"{n}_delay_dist" for n in names], *[f"{n}_delay_params" for n in names]]
    rows = [",".join(header)]
    calendar = ["metric,node,start,end,value"]
    for name in names[:services]:
        target = draw(st.sampled_from([n for n in names if n != name]))
        other = draw(st.sampled_from(names[services:]))
        share = draw(st.sampled_from([1.0, 0.5, 0.25, 0.8]))
        probs = {n: 0.0 for n in names}
        probs[target] += share
        probs[other] += 1 - share
        dist, params = draw(_DIST)
        delay = {n: ("NA", "NA") for n in names}
        if draw(st.booleans()):
            delay[target] = draw(_DIST)
        queues = [draw(st.sampled_from(["0", "3", "9999"])) for _ in range(2)]
        rows.append(",".join([name, *[f"{probs[n]:g}" for n in names], dist, params, *queues,
                              *[delay[n][0] for n in names], *[delay[n][1] for n in names]]))
        if draw(st.booleans()):
            calendar.append(f"cap,{name},0,NA,{draw(st.integers(0, 20))}")
        else:
            calendar += [f"cap,{name},0,8,{draw(st.integers(0, 5))}", f"cap,{name},8,24,3"]
        calendar.append(f"ext_arr,{name},0,NA,{draw(_NUMBER)}")
    for name in names[services:]:
        rows.append(",".join([name, *["NA"] * (len(header) - 1)]))
    return "\n".join(rows) + "\n", "\n".join(calendar) + "\n"


@settings(max_examples=25, deadline=None)
@given(templates(), st.sampled_from([1.0, 24.0]))
def test_csv_to_pathway_to_csv_keeps_the_model(given_templates: tuple[str, str],
                                               unit: float) -> None:
    network_text, calendar_text = given_templates
    network = read_templates(network_text, calendar_text, unit)
    pathway = pathway_of_templates(network_text, calendar_text, unit, pathway_id="model",
                                   title="Model")
    back = export_pathsimr(load_text(dump(pathway)))
    again = read_templates(back.network, back.calendar, unit)
    assert again == network
    assert write_templates(again, unit) == back


def test_a_model_as_r_writes_it_imports_and_each_way_out_keeps_its_delay() -> None:
    """The older layout with names repeated (one with R's trailing space), `Inf` and an empty
    cell for no limit, a lognormal with a meanlog below 0, a uniform delay of one length, empty
    rows for the exits and a quoted calendar: a model in days."""
    network = read_templates((DATA / "r_written_network.csv").read_text(),
                             (DATA / "r_written_calendar.csv").read_text(), 24.0)
    assert [n.label for n in network.nodes] == ["Assess", "Rehab", "Respite", "Home", "Care home",
                                                "Died"]
    assess, rehab = network.node("assess"), network.node("rehab")
    assert assess.outside_queue_limit is None and assess.inside_queue_limit == 0
    assert rehab.inside_queue_limit is None
    delays = {(r.source, r.target): r.delay.mean / 24 for r in network.routes if r.delay}
    assert delays == pytest.approx({("assess", "home"): 1.0, ("assess", "care-home"): 0.25,
                                    ("rehab", "home"): 2.0, ("rehab", "care-home"): 5.0})
    result = as_data(simulate(network, days=120, warm_up_days=20, runs=3, seed=2))
    by_step = {s["id"]: s["figures"] for s in result["steps"]}
    # every visit leaving counts, 0 for a way out with no delay: 0.3 x 1 + 0.15 x 0.25 days
    assert by_step["assess"]["transition_delay"]["mean"] == pytest.approx(0.3375, rel=0.2)
    assert by_step["rehab"]["transition_delay"]["mean"] == pytest.approx(0.8 * 2 + 0.2 * 5,
                                                                         rel=0.15)


@pytest.mark.parametrize("example", sorted((Path(__file__).parents[2] / "pathways").glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_every_example_exports_with_names_r_keeps_and_imports_back(example: Path) -> None:
    """Real labels hold commas, colons and brackets: each becomes a name R reads as it is, the
    notes say so, and the model comes back the same but for those names."""
    import re

    pathway = load_text(example.read_text(encoding="utf-8"))
    network = network_of(pathway)
    back = export_pathsimr(pathway)
    header = back.network.splitlines()[0].split(",")
    assert all(re.fullmatch(r"[^\W\d_][\w.]*", name) for name in header[1:]), header
    assert any("a PathSimR name has no spaces or punctuation" in note for note in back.notes)
    again = read_templates(back.network, back.calendar, network.time_unit_hours)
    assert len({n.label for n in again.nodes}) == len(network.nodes)
    position = {n.id: i for i, n in enumerate(network.nodes)}
    position_again = {n.id: i for i, n in enumerate(again.nodes)}
    for was, now in zip(network.nodes, again.nodes, strict=True):
        assert was.is_exit == now.is_exit
        assert (was.service.mean if was.service else 0) == pytest.approx(
            now.service.mean if now.service else 0)
        assert (was.arrivals.mean if was.arrivals else 0) == pytest.approx(
            now.arrivals.mean if now.arrivals else 0)
        assert (was.outside_queue_limit, was.inside_queue_limit) == (
            now.outside_queue_limit, now.inside_queue_limit)
    routes = sorted((position[r.source], position[r.target], round(r.share, 9))
                    for r in network.routes)
    assert routes == sorted((position_again[r.source], position_again[r.target], round(r.share, 9))
                            for r in again.routes)


def test_a_label_becomes_a_name_r_keeps() -> None:
    from pathway_designer.interchange.pathsimr_writing import r_name

    assert r_name("Triage, by phone (24/7)") == "Triage_by_phone_24_7"
    assert r_name("Évaluation à domicile") == "Évaluation_à_domicile"
    assert r_name("111 call") == "step_111_call"
    assert r_name("=HYPERLINK(x)") == "HYPERLINK_x"
    assert r_name("Ward A.2") == "Ward_A.2"
