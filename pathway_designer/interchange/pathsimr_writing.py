"""A `Network` written as PathSimR's network and calendar templates (CSV), in hours or days.

The newer layout (`<node>_delay_dist`, `<node>_delay_params`); nodes named by their labels made
names R keeps as they are (`r_name`; ids where two would be the same); no limit written as 9999
waiting places or places. PathSimR has no fixed time: a fixed time is written as a uniform one from
it to itself. What PathSimR cannot hold (organisations, costs, wait standards) is not written;
`notes` says so.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from pathway_designer.flow.calendar import Calendar
from pathway_designer.flow.distributions import Distribution, Shape
from pathway_designer.flow.network import Network
from pathway_designer.interchange.pathsimr_reading import PathSimRError

NO_LIMIT = 9999
_NOT_NAME = re.compile(r"[^\w.]+")  # runs of what an R name cannot hold (\w: letters, digits, _)
R_NAMES = {Shape.EXPONENTIAL: "exp", Shape.LOGNORMAL: "lnorm", Shape.UNIFORM: "unif",
           Shape.WEIBULL: "weibull", Shape.GAMMA: "gamma", Shape.FIXED: "unif"}


@dataclass(frozen=True)
class Templates:
    network: str  # the network template's CSV text
    calendar: str
    notes: tuple[str, ...]  # what PathSimR could not hold, in words


def figure(value: float) -> str:
    """A figure to 12 significant digits (a change of unit's rounding noise dropped), without a
    needless `.0`."""
    return f"{float(value):.12g}"


def r_distribution(dist: Distribution, unit_hours: float) -> tuple[str, str]:
    """(R's name, its `;`-separated parameters) in the templates' unit."""
    d = dist.scaled(1 / unit_hours)
    a = d.params[0]
    if d.shape is Shape.FIXED:
        params: tuple[float, ...] = (a, a)
    elif d.shape is Shape.EXPONENTIAL:
        params = (1 / a,)
    elif d.shape is Shape.GAMMA:
        params = (a, 1 / d.params[1])
    else:
        params = d.params
    return R_NAMES[d.shape], ";".join(figure(p) for p in params)


def r_name(label: str) -> str:
    """A label as a name R keeps as it is: words joined by underscores, anything but letters,
    digits and dots left out (`Triage, by phone` -> `Triage_by_phone`); PathSimR's charts show
    the underscores as spaces again."""
    name = "_".join(_NOT_NAME.split(label)).strip("_")
    return name if name and name[0].isalpha() else f"step_{name}".rstrip("_")


def _names(network: Network) -> dict[str, str]:
    """Each node's name in the templates: its label made a name, or its id where two would be the
    same."""
    made = {n.id: r_name(n.label) for n in network.nodes}
    taken = list(made.values())
    names = {i: name if taken.count(name) == 1 else r_name(i) for i, name in made.items()}
    if len(set(names.values())) < len(names):  # a label's name is another's id: ids throughout
        names = {i: r_name(i) for i in names}
    return names


def _delay(delay: Distribution | None, unit_hours: float) -> tuple[str, str]:
    return ("NA", "NA") if delay is None else r_distribution(delay, unit_hours)


def _limit(value: int | None) -> str:
    return str(NO_LIMIT if value is None else value)


def write_templates(network: Network, unit_hours: float = 1.0) -> Templates:
    """PathSimR's two templates of `network`, in units of `unit_hours` hours (1 or 24)."""
    problems = network.problems()
    if problems:
        raise PathSimRError(problems)
    names = _names(network)
    order = [n.id for n in network.nodes]
    notes: list[str] = [
        f"{n.label}: named {names[n.id]} (a PathSimR name has no spaces or punctuation)"
        for n in network.nodes if names[n.id].replace("_", " ") != n.label]
    out = io.StringIO()
    table = csv.writer(out, lineterminator="\n")
    node_names = [names[i] for i in order]
    table.writerow(["", *node_names, "serv_dist", "serv_dist_param", "ext_queue", "int_queue",
                    *[f"{n}_delay_dist" for n in node_names],
                    *[f"{n}_delay_params" for n in node_names]])
    for node in network.nodes:
        if node.is_exit:
            table.writerow([names[node.id], *["NA"] * (3 * len(order) + 4)])
            continue
        ways = {r.target: r for r in network.routes_from(node.id)}
        shares = [figure(ways[i].share) if i in ways else "0" for i in order]
        service = r_distribution(node.service or Distribution.fixed(0.0), unit_hours)
        delays = [_delay(ways[i].delay if i in ways else None, unit_hours) for i in order]
        table.writerow([names[node.id], *shares, *service, _limit(node.outside_queue_limit),
                        _limit(node.inside_queue_limit), *[d[0] for d in delays],
                        *[d[1] for d in delays]])
        if node.organisation or node.cost_per_day or node.cost_per_person or node.wait_standard:
            notes.append(f"{node.label}: its organisation, costs and wait standard are not "
                         "PathSimR's and are not written")
    return Templates(out.getvalue(), _calendar(network, names, unit_hours), tuple(notes))


def _calendar(network: Network, names: dict[str, str], unit_hours: float) -> str:
    out = io.StringIO()
    table = csv.writer(out, lineterminator="\n")
    table.writerow(["metric", "node", "start", "end", "value"])
    for node in network.services:
        _periods(table, "cap", names[node.id], node.capacity, unit_hours, 1.0)
    for node in network.services:
        _periods(table, "ext_arr", names[node.id], node.arrivals or Calendar.constant(0.0),
                 unit_hours, unit_hours)
    return out.getvalue()


def _periods(table: csv._writer, metric: str, name: str, calendar: Calendar | None,  # type: ignore[name-defined]
             unit_hours: float, value_factor: float) -> None:
    if calendar is None:
        table.writerow([metric, name, "0", "NA", str(NO_LIMIT)])
        return
    for p in calendar.periods:
        end = "NA" if p.end == float("inf") else figure(p.end / unit_hours)
        table.writerow([metric, name, figure(p.start / unit_hours), end,
                        figure(p.value * value_factor)])
