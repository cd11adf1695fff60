"""analyser: plan how to extend the use of Kanta services.

Reads Kanta's dependency table and task workbook, builds the dependency
graph, and answers a planner's questions: what can be taken into use next,
what blocks the rest, in which orders one may proceed, and by when each task
is due.
"""

__version__ = "0.1.0"
