"""The flow figures of a pathway edited in words: how many people arrive at a step, how many it takes
at once, how many may wait, what it costs, how its time varies, and which share of people takes each
way on; in the pathway itself, or in one of its scenarios (a what-if kept with it).

A form gives plain numbers (`StepFigures`); this writes them in the format's spelling (`36/w`,
`£120 per person`, `30%`, `rest`). An empty figure means "not said": the field goes. In a scenario,
only what differs from the pathway is kept, so the scenario says exactly what it changes. Figures
the form cannot show (a calendar, a distribution's exact parameters) are kept as they are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...flow.quantities import cost_of, cost_text, decimal_text, share_of
from ...model import Pathway
from ...words import TIME_HINT, TIME_REFUSED, typed_time
from .data import Data, data_of, find, set_field, step_label
from .edit import Edit, EditError, finish

PER = ("h", "d", "w")  # people per hour, day or week
REST = "rest"
_RATE = re.compile(r"([0-9]+(?:\.[0-9]+)?)/([hdw])")
_SHARE_TOLERANCE = 1e-6


@dataclass(frozen=True)
class StepFigures:
    """A step's flow figures as a form shows them; None is "not said"."""

    arrivals: float | None = None  # people arriving from outside, per `per`
    per: str = "w"
    capacity: int | None = None  # people at once
    waiting_outside: int | None = None  # places to wait for people arriving from outside
    waiting_inside: int | None = None  # ... for people coming from another step
    cost_per_person: float | None = None  # pounds
    cost_per_day: float | None = None  # pounds per person per day
    spread: str | None = None  # how its time varies: a shape of the format
    spread_sd: str | None = None  # by how much: a time ("1d", or in words)
    # What the form cannot show, kept as written: a calendar, a spread's exact parameters
    arrivals_by_time: bool = False
    capacity_by_time: bool = False
    spread_exact: bool = False


@dataclass(frozen=True)
class WayShare:
    """One way on out of a step, and the share of people who take it."""

    index: int  # the transition's index in the pathway
    target: str  # the step it goes to (id)
    target_label: str
    when: str | None
    percent: float | None  # None: not said
    rest: bool  # takes whoever the others do not


def number_text(value: float) -> str:
    """A figure as the format writes it: no exponent, no trailing zeros (30, 12.5)."""
    if not math.isfinite(value) or value < 0:
        raise EditError("Figures are numbers of 0 or more.")
    return decimal_text(value)


def _scenario(data: Data, name: str) -> Data:
    for s in data.get("scenarios", []):
        if s.get("name") == name:
            return s  # type: ignore[no-any-return]
    raise EditError(f"There is no scenario called '{name}'.")


def _change(entries: list[Data], keys: Mapping[str, str]) -> Data:
    """The scenario's change entry for the step (or way on) named by `keys`, made if missing."""
    for entry in entries:
        if all(entry.get(k) == v for k, v in keys.items()):
            return entry
    entry = dict(keys)
    entries.append(entry)
    return entry


def _prune(entries: list[Data], keys: tuple[str, ...]) -> list[Data]:
    """Change entries that still change something (more than the keys that name them)."""
    return [e for e in entries if set(e) - set(keys)]


def _read_figures(item: Data) -> StepFigures:
    arrivals, per = None, "w"
    if isinstance(item.get("arrivals"), str) and (m := _RATE.fullmatch(item["arrivals"])):
        arrivals, per = float(m.group(1)), m.group(2)
    costs = item.get("cost")
    costs = [costs] if isinstance(costs, str) else (costs or [])
    per_person = per_day = None
    for cost in costs:
        value, unit = cost_of(cost)
        if unit == "person":
            per_person = value
        else:
            per_day = value
    limit = item.get("queue-limit")
    outside = inside = limit if isinstance(limit, int) else None
    if isinstance(limit, dict):
        outside, inside = limit.get("from-outside"), limit.get("from-other-steps")
    written = item.get("spread")
    spread: dict[str, Any] = written if isinstance(written, dict) else {}
    return StepFigures(
        arrivals=arrivals,
        per=per,
        capacity=item["capacity"] if isinstance(item.get("capacity"), int) else None,
        waiting_outside=outside,
        waiting_inside=inside,
        cost_per_person=per_person,
        cost_per_day=per_day,
        spread=spread.get("shape"),
        spread_sd=spread.get("sd"),
        arrivals_by_time=isinstance(item.get("arrivals"), list),
        capacity_by_time=isinstance(item.get("capacity"), list),
        spread_exact=bool(set(spread) - {"shape", "sd"}),
    )


def _effective_step(data: Data, step_id: str, scenario: str | None) -> Data:
    """The step's fields, with the scenario's changes over them."""
    step = dict(find(data["steps"], "id", step_id, "step"))
    if scenario is not None:
        for change in _scenario(data, scenario).get("steps", []):
            if change.get("id") == step_id:
                step.update({k: v for k, v in change.items() if k != "id"})
    return step


def figures_of(pathway: Pathway, step_id: str, scenario: str | None = None) -> StepFigures:
    """A step's flow figures, as they are in the pathway (or in the scenario, over the pathway's)."""
    return _read_figures(_effective_step(data_of(pathway), step_id, scenario))


def _time(text: str | None) -> str | None:
    """A time typed in words ("1 day") or as the format writes it ("1d"); None when empty."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return typed_time(text)
    except ValueError:
        raise EditError(f"'{text}' {TIME_REFUSED} ({TIME_HINT}).") from None


def _whole(value: float | None, what: str) -> int | None:
    if value is None:
        return None
    if not float(value).is_integer() or value < 0:
        raise EditError(f"{what} is a whole number of 0 or more.")
    return int(value)


def _figure_fields(figures: StepFigures, current: Data) -> dict[str, Any]:
    """The format's fields for the figures (None: not said); what the form cannot show is kept."""
    f = figures
    if f.per not in PER:
        raise EditError("People arrive per hour, per day or per week.")
    fields: dict[str, Any] = {}
    if f.arrivals_by_time and isinstance(current.get("arrivals"), list):
        fields["arrivals"] = current["arrivals"]
    else:
        fields["arrivals"] = None if f.arrivals is None else f"{number_text(f.arrivals)}/{f.per}"
    if f.capacity_by_time and isinstance(current.get("capacity"), list):
        fields["capacity"] = current["capacity"]
    else:
        fields["capacity"] = _whole(f.capacity, "How many people a step takes at once")
    outside = _whole(f.waiting_outside, "How many can wait")
    inside = _whole(f.waiting_inside, "How many can wait")
    if outside == inside:
        fields["queue-limit"] = outside
    else:
        limit = {"from-outside": outside, "from-other-steps": inside}
        fields["queue-limit"] = {k: v for k, v in limit.items() if v is not None}
    costs = [cost_text(float(number_text(v)), unit)  # number_text refuses what is no figure
             for v, unit in ((f.cost_per_person, "person"), (f.cost_per_day, "day")) if v is not None]
    fields["cost"] = costs[0] if len(costs) == 1 else (costs or None)
    if f.spread_exact and isinstance(current.get("spread"), dict):
        fields["spread"] = current["spread"]
    elif f.spread:
        sd = _time(f.spread_sd)
        fields["spread"] = {"shape": f.spread, **({"sd": sd} if sd else {})}
    else:
        fields["spread"] = None
    return fields


def set_step_figures(
    pathway: Pathway, step_id: str, figures: StepFigures, scenario: str | None = None
) -> Edit:
    """Keep a step's flow figures: in the pathway, or (with `scenario`) as that scenario's changes
    (only the figures that differ from the pathway's)."""
    data = data_of(pathway)
    step = find(data["steps"], "id", step_id, "step")
    label = step_label(data, step_id)
    fields = _figure_fields(figures, _effective_step(data, step_id, scenario))
    if scenario is None:
        for key, value in fields.items():
            set_field(step, key, value)
        return finish(data, f"Kept the flow figures of '{label}'", pathway.header)
    chosen = _scenario(data, scenario)
    changes = chosen.setdefault("steps", [])
    change = _change(changes, {"id": step_id})
    for key, value in fields.items():
        if value == step.get(key):
            change.pop(key, None)
        elif value is None:  # a scenario cannot take a figure away: it says what it becomes
            raise EditError(
                f"In a scenario, a figure of '{label}' can be changed but not left empty; "
                "to leave it as in the pathway, give the pathway's figure."
            )
        else:
            change[key] = value
    chosen["steps"] = _prune(changes, ("id",))
    return finish(data, f"Kept the flow figures of '{label}' in the scenario '{scenario}'", pathway.header)


def _share_of(item: Data) -> tuple[float | None, bool]:
    share = item.get("share")
    if share == REST:
        return None, True
    if isinstance(share, str):
        fraction = share_of(share)
        return (None if fraction is None else float(decimal_text(fraction * 100))), False
    return None, False


def shares_of(pathway: Pathway, step_id: str, scenario: str | None = None) -> list[WayShare]:
    """The ways on out of a step, each with its share (the scenario's over the pathway's)."""
    data = data_of(pathway)
    changes = _scenario(data, scenario).get("transitions", []) if scenario is not None else []
    rows = []
    for index, t in enumerate(data.get("transitions", [])):
        if t["from"] != step_id:
            continue
        item = dict(t)
        for change in changes:
            if change.get("from") == t["from"] and change.get("to") == t["to"]:
                item.update({k: v for k, v in change.items() if k not in ("from", "to")})
        percent, rest = _share_of(item)
        rows.append(WayShare(index, t["to"], step_label(data, t["to"]), t.get("when"), percent, rest))
    return rows


def _share_texts(
    label: str, ways: list[WayShare], percents: Mapping[int, float | None], rest: int | None
) -> dict[int, str | None]:
    """Each way's share as the format writes it, once they are known to add up to 100%."""
    unknown = set(percents) - {w.index for w in ways} | ({rest} - {w.index for w in ways} - {None})
    if unknown:
        raise EditError(f"Those ways on do not all leave '{label}'.")
    given = {w.index: percents.get(w.index) for w in ways if w.index != rest}
    if rest is None and all(v is None for v in given.values()):
        return {w.index: None for w in ways}  # no shares said
    missing = [i for i, v in given.items() if v is None]
    if missing:
        raise EditError(
            f"Give each way on out of '{label}' a share, or let one of them take the rest."
        )
    values = [float(v) for v in given.values() if v is not None]
    if any(not math.isfinite(v) or v < 0 or v > 100 for v in values):
        raise EditError("A share is a percentage from 0 to 100.")
    total = sum(values)
    if rest is None and abs(total - 100) > _SHARE_TOLERANCE:
        raise EditError(
            f"The shares leaving '{label}' add up to {number_text(total)}%, not 100%: change one, "
            "or let one way on take the rest."
        )
    if total > 100 + _SHARE_TOLERANCE:
        raise EditError(
            f"The shares leaving '{label}' add up to {number_text(total)}%, more than 100%."
        )
    texts: dict[int, str | None] = {i: f"{number_text(float(v))}%" for i, v in given.items() if v is not None}
    if rest is not None:
        texts[rest] = REST
    return texts


def set_shares(
    pathway: Pathway,
    step_id: str,
    percents: Mapping[int, float | None],
    rest: int | None = None,
    scenario: str | None = None,
) -> Edit:
    """Keep the shares of people taking each way on out of a step (by transition index; `rest`
    takes whoever the others do not): in the pathway, or as the scenario's changes."""
    data = data_of(pathway)
    label = step_label(data, step_id)
    ways = shares_of(pathway, step_id)
    if len(ways) < 2:
        raise EditError(f"Everyone leaving '{label}' takes its one way on: there is nothing to share.")
    texts = _share_texts(label, ways, percents, rest)
    transitions = data["transitions"]
    if scenario is None:
        for index, text in texts.items():
            set_field(transitions[index], "share", text)
        return finish(data, f"Kept the shares of people leaving '{label}'", pathway.header)
    chosen = _scenario(data, scenario)
    changes = chosen.setdefault("transitions", [])
    for index, text in texts.items():
        t = transitions[index]
        change = _change(changes, {"from": t["from"], "to": t["to"]})
        if text == t.get("share"):
            change.pop("share", None)
        elif text is None:
            raise EditError("In a scenario, shares can be changed but not left unsaid.")
        else:
            change["share"] = text
    chosen["transitions"] = _prune(changes, ("from", "to"))
    return finish(
        data, f"Kept the shares of people leaving '{label}' in the scenario '{scenario}'", pathway.header
    )
