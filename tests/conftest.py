"""Shared test setup.

``DOCTEST_NAMESPACE`` is the setup every docstring example may take for
granted, injected once (as networkx's conftest does) instead of repeated in
hundreds of examples: the shipped catalogue ``c`` and its graph ``g``, and
the names most examples import. The fixtures ``catalogue`` and ``graph`` are
the same for tests, built once per module; a module that needs another
catalogue defines its own ``catalogue``, and ``graph`` is built from that.
"""

from __future__ import annotations

import datetime
import functools
import os
import shutil
import sys
import tempfile
from pathlib import Path

import networkx
import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the test helpers (workbook factory, hostile files)

# Property tests check behaviour, never speed: no per-example deadline or slowness check on a shared, busy machine.
settings.register_profile("analyser", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("analyser")


@functools.cache
def doctest_namespace() -> dict:
    """The names docstring examples may use without importing them."""
    from analyser.examples import example_batch, example_plan
    from analyser.load.catalogue import load_catalogue
    from analyser.model import build_graph
    from analyser.planning.situation import Situation

    catalogue = load_catalogue()
    return {
        "nx": networkx, "dt": datetime, "date": datetime.date,
        "load_catalogue": load_catalogue, "build_graph": build_graph, "Situation": Situation,
        "example_batch": example_batch, "example_plan": example_plan,
        "c": catalogue, "g": build_graph(catalogue),
    }


@pytest.fixture(scope="module")
def catalogue():
    """The shipped catalogue, task workbook included."""
    from analyser.load.catalogue import load_catalogue

    return load_catalogue()


@pytest.fixture(scope="module")
def graph(catalogue):
    """The graph of the module's ``catalogue``."""
    from analyser.model import build_graph

    return build_graph(catalogue)


def pytest_configure(config):
    """The parse cache of the whole run lives in a fresh temporary folder, never the user's; it is set
    before collection, since some test modules read the shipped workbooks when imported."""
    config.analyser_cache = os.environ["ANALYSER_CACHE_DIR"] = tempfile.mkdtemp(prefix="analyser-cache-")


def pytest_unconfigure(config):
    if getattr(config, "analyser_cache", None):
        shutil.rmtree(config.analyser_cache, ignore_errors=True)
