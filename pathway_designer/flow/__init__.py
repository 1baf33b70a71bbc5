"""Flow and capacity: how many people pass through a pathway, where they wait, what it costs.

`network.py` is the one description of a pathway as a queueing network (in hours), which the
analytic solution, the simulation and the PathSimR interchange all share.
"""
