"""Every example in the package's docstrings runs and shows what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest
from conftest import doctest_namespace

import analyser

MODULES = sorted(info.name for info in pkgutil.walk_packages(analyser.__path__, "analyser.")
                 if not info.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    """Examples run with the shared setup of conftest.doctest_namespace (``c``, ``g``, ``nx``, ``dt``...)."""
    module = importlib.import_module(name)
    result = doctest.testmod(module, extraglobs=doctest_namespace(),
                             optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_public_functions_have_examples():
    """Every public function (named in some module's __all__, wherever it is defined) shows a runnable
    example (numpydoc "Examples"): a package that re-exports a function from a private module counts."""
    missing = set()
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if callable(obj) and not isinstance(obj, type) and getattr(obj, "__module__", "").startswith("analyser"):
                if ">>>" not in (obj.__doc__ or ""):
                    missing.add(f"{obj.__module__}.{obj.__qualname__}")
    assert not missing, "no example in:\n" + "\n".join(sorted(missing))
