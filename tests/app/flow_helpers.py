"""A small pathway with flow figures (illustrative), for the flow tab's tests: the falls pathway of
`app_helpers` with people arriving, places, costs and the shares after the decision."""

from __future__ import annotations

from app_helpers import SMALL

FLOW = (
    SMALL.replace(
        "    owner: trust\n    wait: 2d\n",
        "    owner: trust\n    wait: 2d\n    arrivals: 10/w\n",
    )
    .replace(
        "    owner: trust\n    wait: 1w\n",
        "    owner: trust\n    wait: 1w\n    duration: 2h\n    capacity: 1\n    cost: £120 per person\n",
    )
    .replace(
        "    duration: 12w\n",
        "    duration: 12w\n    capacity: 100\n    cost: £15 per day\n",
    )
    .replace(
        "    to: strength\n    when: 'Yes'\n",
        "    to: strength\n    when: 'Yes'\n    share: 40%\n",
    )
    .replace(
        "    to: discharge\n    when: 'No'\n",
        "    to: discharge\n    when: 'No'\n    share: rest\n",
    )
)
assert FLOW.count("arrivals") == 1 and FLOW.count("share:") == 2 and FLOW.count("capacity") == 2
