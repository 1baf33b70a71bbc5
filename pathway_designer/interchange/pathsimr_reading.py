"""PathSimR's network and calendar templates (CSV) read into a `Network`, in hours.

Both layouts of the delay columns (`<node>_delay_dist` / `<node>_delay_params`, or the node names
repeated, known by position), `NA` or empty for nothing, 999 or more (or R's `Inf`) waiting places
for no limit, parameters that start with a minus (`-0.88;1.15`, a lognormal's meanlog), a byte
order mark, and times in hours or days (`unit_hours` 1 or 24: PathSimR's files do not say).
Anything else is refused with the file, row and column: ragged rows, a figure that is no number,
probabilities that do not add up to 1, unknown node names, a cell that a spreadsheet would run as a
formula (`=cmd`), and files too big for a model.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

from pathway_designer.flow.calendar import Calendar, CalendarError, Period
from pathway_designer.flow.distributions import Distribution, DistributionError, Shape
from pathway_designer.flow.network import Network, Node, Route
from pathway_designer.interchange.ids import Ids

MAX_NODES = 500  # a network template is nodes x (3 x nodes + 5) cells
MAX_ROWS = 20_000  # calendar rows
UNLIMITED = 999  # waiting places from which PathSimR's templates mean "no limit"
SHARE_TOLERANCE = 1e-3  # PathSimR's probabilities are typed by hand (0.333): rescaled within it
_MISSING = {"", "na", "nan"}
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
# R's names of distributions, and how their positional parameters become ours
R_SHAPES = {"exp": Shape.EXPONENTIAL, "lnorm": Shape.LOGNORMAL, "unif": Shape.UNIFORM,
            "weibull": Shape.WEIBULL, "gamma": Shape.GAMMA}
FIXED = ("serv_dist", "serv_dist_param", "ext_queue", "int_queue")


class PathSimRError(ValueError):
    """What is wrong with the templates, each problem with its file, row and column."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class _Cell:
    file: str
    row: int  # 1-based, the header is row 1
    column: int  # 1-based
    name: str  # the column's header
    text: str

    def where(self) -> str:
        return f"{self.file}, row {self.row}, column {self.column} ({self.name or 'names'})"

    @property
    def missing(self) -> bool:
        return self.text.strip().lower() in _MISSING

    def number(self, *, minimum: float = 0.0, endless: bool = False) -> float:
        """The cell's figure; `endless` lets R's `Inf` through (a queue with no limit)."""
        try:
            value = float(self.text.strip())
        except ValueError:
            raise PathSimRError([f"{self.where()}: {self.text.strip()[:40]!r} is not a number"]) from None
        if math.isnan(value) or (math.isinf(value) and not endless) or value < minimum:
            raise PathSimRError([f"{self.where()}: {value:g} is not a figure of {minimum:g} or more"])
        return value


def _rows(text: str, file: str) -> list[list[str]]:
    text = text.removeprefix("\ufeff")
    try:
        rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    except csv.Error as error:
        raise PathSimRError([f"{file}: not CSV ({error})"]) from None
    if not rows:
        raise PathSimRError([f"{file}: empty"])
    rows = _without_blank_columns(rows)
    for r, row in enumerate(rows, start=1):
        for c, cell in enumerate(row, start=1):
            value = cell.strip()
            if value.startswith(_FORMULA) and not _are_numbers(value):
                raise PathSimRError([f"{file}, row {r}, column {c}: {value[:40]!r} looks like a "
                                     "spreadsheet formula, not a name or a figure"])
    return rows


def _without_blank_columns(rows: list[list[str]]) -> list[list[str]]:
    """Without the unnamed, empty columns a spreadsheet leaves at the right (`a,b,,,`)."""
    width = len(rows[0])
    while width > 1 and not rows[0][width - 1].strip():
        width -= 1
    if width == len(rows[0]) or any(c.strip() for row in rows for c in row[width:]):
        return rows
    return [row[:width] for row in rows]


def _are_numbers(text: str) -> bool:
    """A figure, or figures separated by `;` (a distribution's parameters): no formula."""
    try:
        [float(part) for part in text.split(";")]
    except ValueError:
        return False
    return True


def distribution(name: _Cell, params: _Cell, unit_hours: float) -> Distribution | None:
    """R's distribution and its `;`-separated parameters, as a Distribution in hours."""
    if name.missing:
        return None
    shape = R_SHAPES.get(name.text.strip().lower())
    if shape is None:
        raise PathSimRError([f"{name.where()}: {name.text.strip()[:40]!r} is not one of "
                             f"{', '.join(R_SHAPES)}"])
    try:
        figures = [float(p) for p in params.text.replace(" ", "").split(";")]
    except ValueError:
        raise PathSimRError([f"{params.where()}: {params.text.strip()[:40]!r} is not figures "
                             "separated by ;"]) from None
    try:
        if shape is Shape.EXPONENTIAL:
            if len(figures) != 1 or not figures[0] > 0:
                raise DistributionError("an exp time takes one rate above 0")
            dist = Distribution.exponential(1 / figures[0])
        elif shape is Shape.GAMMA:
            if len(figures) != 2 or not figures[1] > 0:
                raise DistributionError("a gamma time takes a shape and a rate above 0")
            dist = Distribution(shape, (figures[0], 1 / figures[1]))
        else:
            dist = Distribution(shape, tuple(figures))
    except DistributionError as error:
        raise PathSimRError([f"{params.where()}: {error}"]) from None
    return dist.scaled(unit_hours)


@dataclass(frozen=True)
class _Layout:
    nodes: list[str]
    column: dict[str, int]  # the fixed columns' positions (0-based)
    delay_dist: dict[str, int]
    delay_params: dict[str, int]


def _layout(header: list[str], file: str) -> _Layout:
    names = [h.strip() for h in header]
    if "serv_dist" not in names:
        raise PathSimRError([f"{file}, row 1: no serv_dist column: is this PathSimR's network "
                             "template?"])
    first = names.index("serv_dist")
    nodes = names[1:first]
    if not nodes or len(nodes) > MAX_NODES:
        raise PathSimRError([f"{file}, row 1: between 1 and {MAX_NODES} nodes, not {len(nodes)}"])
    if len(set(nodes)) != len(nodes) or "" in nodes:
        raise PathSimRError([f"{file}, row 1: each node's column needs its own name"])
    column = {}
    for k, fixed in enumerate(FIXED):
        if first + k >= len(names) or names[first + k] != fixed:
            raise PathSimRError([f"{file}, row 1, column {first + k + 1}: expected {fixed}"])
        column[fixed] = first + k
    rest = names[first + len(FIXED):]
    if len(rest) != 2 * len(nodes):
        raise PathSimRError([f"{file}, row 1: {2 * len(nodes)} delay columns expected (a "
                             f"distribution and parameters for each node), not {len(rest)}"])
    start = first + len(FIXED)
    if rest[: len(nodes)] == [f"{n}_delay_dist" for n in nodes]:
        if rest[len(nodes):] != [f"{n}_delay_params" for n in nodes]:
            raise PathSimRError([f"{file}, row 1: the _delay_params columns follow the nodes' order"])
    elif rest != nodes + nodes:
        raise PathSimRError([f"{file}, row 1: the delay columns name the nodes in order"])
    dist = {n: start + i for i, n in enumerate(nodes)}
    params = {n: start + len(nodes) + i for i, n in enumerate(nodes)}
    return _Layout(nodes, column, dist, params)


def read_calendar(text: str, unit_hours: float, file: str = "calendar template"
                  ) -> tuple[dict[str, Calendar], dict[str, Calendar], list[tuple[str, int]]]:
    """(capacities, arrivals per hour) by node name, and each node named with its row."""
    rows = _rows(text, file)
    header = [h.strip().lower() for h in rows[0]]
    if header[:5] != ["metric", "node", "start", "end", "value"]:
        raise PathSimRError([f"{file}, row 1: the columns are metric,node,start,end,value"])
    if len(rows) > MAX_ROWS:
        raise PathSimRError([f"{file}: more than {MAX_ROWS} rows"])
    found: dict[tuple[str, str], list[tuple[float, float, float, int]]] = {}
    named: list[tuple[str, int]] = []
    for r, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise PathSimRError([f"{file}, row {r}: {len(row)} cells, the header has {len(rows[0])}"])
        cell = [_Cell(file, r, c + 1, header[c], row[c]) for c in range(5)]
        metric = cell[0].text.strip().lower()
        if metric not in ("cap", "ext_arr"):
            raise PathSimRError([f"{cell[0].where()}: the metric is cap or ext_arr, "
                                 f"not {cell[0].text.strip()[:40]!r}"])
        node = cell[1].text.strip()
        named.append((node, r))
        end = math.inf if cell[3].missing else cell[3].number() * unit_hours
        value = cell[4].number()
        found.setdefault((metric, node), []).append((cell[2].number() * unit_hours, end,
                                                     value if metric == "cap" else value / unit_hours, r))
    capacities: dict[str, Calendar] = {}
    arrivals: dict[str, Calendar] = {}
    for (metric, node), periods in found.items():
        periods.sort()
        try:
            calendar = Calendar(tuple(Period(a, b, v) for a, b, v, _ in periods))
        except CalendarError as error:
            rows_named = ", ".join(str(p[3]) for p in periods)
            raise PathSimRError([f"{file}, rows {rows_named} ({metric} of {node}): {error}"]) from None
        if metric == "cap" and any(p.value != round(p.value) for p in calendar.periods):
            raise PathSimRError([f"{file}, rows of cap for {node}: a capacity is a whole number"])
        (capacities if metric == "cap" else arrivals)[node] = calendar
    return capacities, arrivals, named


def read_templates(network_text: str, calendar_text: str, unit_hours: float) -> Network:
    """The Network of PathSimR's two templates; PathSimRError naming every place that is wrong."""
    if unit_hours <= 0:
        raise PathSimRError(["the unit of time must be above 0 hours"])
    file = "network template"
    rows = _rows(network_text, file)
    layout = _layout(rows[0], file)
    width = len(rows[0])
    header = [h.strip() for h in rows[0]]
    by_name: dict[str, list[_Cell]] = {}
    for r, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise PathSimRError([f"{file}, row {r}: {len(row)} cells, the header has {width}"])
        name = row[0].strip()
        if name not in layout.nodes:
            raise PathSimRError([f"{file}, row {r}, column 1: {name[:40]!r} is not a node of the "
                                 "header"])
        if name in by_name:
            raise PathSimRError([f"{file}, row {r}, column 1: {name[:40]!r} has a row already"])
        by_name[name] = [_Cell(file, r, c + 1, header[c], row[c]) for c in range(width)]
    missing = [n for n in layout.nodes if n not in by_name]
    if missing:
        raise PathSimRError([f"{file}: no row for {', '.join(missing[:5])}"])
    capacities, arrivals, named = read_calendar(calendar_text, unit_hours)
    ids = Ids()
    node_id = {n: ids.make(n, fallback="node") for n in layout.nodes}
    nodes, routes = [], []
    for name in layout.nodes:
        cells = by_name[name]
        serv = cells[layout.column["serv_dist"]]
        if serv.missing:  # an exit: every cell empty
            nodes.append(Node(node_id[name], label_of(name), is_exit=True))
            continue
        service = distribution(serv, cells[layout.column["serv_dist_param"]], unit_hours)
        limits = [cells[layout.column[k]].number(endless=True) for k in ("ext_queue", "int_queue")]
        for value, k in zip(limits, ("ext_queue", "int_queue"), strict=True):
            if math.isfinite(value) and value != round(value):
                raise PathSimRError([f"{cells[layout.column[k]].where()}: a whole number"])
        if name not in capacities:
            raise PathSimRError([f"calendar template: no cap row for {name[:40]!r}"])
        nodes.append(Node(
            node_id[name], label_of(name), capacity=capacities[name], service=service,
            arrivals=_some(arrivals.get(name)),
            outside_queue_limit=None if limits[0] >= UNLIMITED else int(limits[0]),
            inside_queue_limit=None if limits[1] >= UNLIMITED else int(limits[1]),
        ))
        routes.extend(_routes(name, cells, layout, node_id, unit_hours))
    exits = {n for n in layout.nodes if by_name[n][layout.column["serv_dist"]].missing}
    for node, r in named:
        if node not in by_name:
            raise PathSimRError([f"calendar template, row {r}, column 2: {node[:40]!r} is not a "
                                 "node of the network template"])
        if node in exits:
            raise PathSimRError([f"calendar template, row {r}, column 2: {node[:40]!r} is an exit"])
    return Network(nodes=tuple(nodes), routes=tuple(routes), time_unit_hours=unit_hours)


def label_of(name: str) -> str:
    """A node's name as people read it: R's names cannot hold a space, so PathSimR's modellers
    write `Shock_room`, and PathSimR's own charts show it as "Shock room"."""
    return " ".join(name.replace("_", " ").split()) or name


def _some(arrivals: Calendar | None) -> Calendar | None:
    """No arrivals for a rate of 0 around the clock (PathSimR writes a row for every node)."""
    return arrivals if arrivals is not None and arrivals.peak > 0 else None


def _routes(name: str, cells: list[_Cell], layout: _Layout, node_id: dict[str, str],
            unit_hours: float) -> list[Route]:
    shares = {}
    for i, target in enumerate(layout.nodes):
        cell = cells[1 + i]
        if not cell.missing:
            value = cell.number()
            if value > 1:
                raise PathSimRError([f"{cell.where()}: a probability is at most 1, not {value:g}"])
            if value > 0:
                shares[target] = value
    total = sum(shares.values())
    if abs(total - 1) > SHARE_TOLERANCE:
        raise PathSimRError([f"network template, row {cells[0].row}: the probabilities of leaving "
                             f"{name[:40]!r} add up to {total:.4g}, not 1"])
    routes = []
    for target, share in shares.items():
        delay = distribution(cells[layout.delay_dist[target]], cells[layout.delay_params[target]],
                             unit_hours)
        routes.append(Route(node_id[name], node_id[target], share / total, delay))
    return routes
