"""The command line: a thin layer over the library (FORMATS.md §4–5).

``main(argv, stdout=..., stderr=...)`` takes its streams as parameters so
tests run it in-process. Expected problems print one line each on standard
error and set the exit code: 0 done and the input is valid; 1 done, but the
input has error findings or a checked plan is not allowed; 2 the input
could not be read or the arguments are wrong. Everything it says, its help
and argparse's messages included, is in the language ``--lang`` names
(Finnish when none is named).

The package: ``_parser`` (the parser class and the shared argument groups),
``_commands`` (the command table), one module per command (``_validate``,
``_orders``, ``_next``, ``_check``, ``_plan``, ``_plot``, ``_export``,
``_report``), ``_shared`` (what the commands share) and ``_main``
(``build_parser`` and ``main`` with the error handling).

Examples
--------
>>> import io
>>> out = io.StringIO()
>>> main(["next", "--profile", "SOS-V1", "--deployed", "SOS", "--format", "json"], stdout=out)
0
>>> '"available"' in out.getvalue()
True
"""

from analyser.cli._main import build_parser, main

__all__ = ["main", "build_parser"]
