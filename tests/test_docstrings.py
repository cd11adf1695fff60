"""Every example in the package's docstrings runs and shows what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import analyser

MODULES = sorted(info.name for info in pkgutil.walk_packages(analyser.__path__, "analyser.")
                 if not info.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_public_functions_have_examples():
    """Public functions of the modules named in __all__ show a runnable example (numpydoc "Examples")."""
    missing = []
    for name in MODULES:
        module = importlib.import_module(name)
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if callable(obj) and getattr(obj, "__module__", None) == name and not isinstance(obj, type):
                if ">>>" not in (obj.__doc__ or ""):
                    missing.append(f"{name}.{attr}")
    assert not missing, "no example in:\n" + "\n".join(missing)
