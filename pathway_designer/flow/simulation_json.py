"""A `SimulationResult` as JSON (`simulate --format json`), for modellers: per step the averages
under PathSimR's names (occupancy, bed occupancy, wait, length of stay, capacity delay, transition
delay, rejection rate), each with its 95% interval, in the network's own unit of time
(`time_unit_hours`: 1 for hours, 24 for a PathSimR model in days) so the figures compare directly;
the same in hours beside them."""

from __future__ import annotations

import json
from typing import Any

from pathway_designer.flow.simulation_results import Estimate, SimulationResult

# Figures that are lengths of time (scaled to the unit) or rates per unit of time
_TIMES = {"wait", "wait_p95", "active_service", "capacity_delay", "transition_delay",
          "length_of_stay", "delay_to_transfer", "time_in_step", "time_in_system",
          "time_in_system_p95", "time_in_system_by_visits"}
_RATES = {"rejection_rate"}


def _estimate(est: Estimate, factor: float = 1.0) -> dict[str, Any]:
    e = est.scaled(factor)
    return {"mean": e.mean, "low": e.low, "high": e.high, "runs": e.runs}


def _figures(figures: dict[str, Estimate], unit: float) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, est in figures.items():
        factor = 1 / unit if name in _TIMES else unit if name in _RATES else 1.0
        out[name] = _estimate(est, factor)
    return out


def as_data(result: SimulationResult) -> dict[str, Any]:
    unit = result.time_unit_hours
    return {
        "days": result.days,
        "warm_up_days": result.warm_up_days,
        "runs": result.runs,
        "seed": result.seed,
        "time_unit_hours": unit,
        "pathway": _figures(result.pathway, unit),
        "steps": [
            {
                "id": s.step_id, "label": s.label, "organisation": s.organisation,
                "wait_standard_hours": s.wait_standard,
                "figures": _figures(s.figures, unit),
                "figures_in_hours": _figures(s.figures, 1.0),
            }
            for s in result.steps
        ],
        "exits": [{"id": e.exit_id, "label": e.label, "people": _estimate(e.people)}
                  for e in result.exits],
    }


def as_json(result: SimulationResult) -> str:
    return json.dumps(as_data(result), indent=2, ensure_ascii=False) + "\n"
