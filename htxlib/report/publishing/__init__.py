"""How a report run is published: the runner, warm kernels, batches, the reports folder.

The index of the reports folder too. The top of the flow: it may import everything before it.
"""
