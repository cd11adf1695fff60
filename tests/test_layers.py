"""The data flows one way: no module imports a later stage (DESIGN.md, "Target layout").

Ranks as in DESIGN.md; a fraction orders two packages of one rank where one
draws on the other (planning on orders, the report on its diagrams). Two
different packages of one rank above 0 do not import each other. Imports
inside functions count too.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "analyser"

RANKS = {
    "findings": 0, "records": 0, "output": 0, "palette": 0, "text": 0,
    "load": 1,
    "model": 2,
    "orders": 3, "planning": 3.5,
    "export": 4, "plot": 4, "report": 4.5,
    "notebook": 5, "cli": 5, "examples": 5,
    "__init__": 6, "__main__": 6,
}


def _unit(module: str) -> str:
    """The stage of a dotted module name: its first part below ``analyser``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path, root: Path) -> str:
    return ".".join(["analyser", *path.relative_to(root).with_suffix("").parts])


def _imports(path: Path, root: Path) -> list[tuple[int, str]]:
    module = _module_name(path, root)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the module's package
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            found += [(node.lineno, f"{base}.{a.name}" if base == "analyser" else base) for a in node.names]
    return [(line, name) for line, name in found if name.startswith("analyser.")]


def violations(root: Path) -> list[str]:
    """Imports of a later stage (or of a sibling stage of the same rank above 0) under ``root``."""
    wrong = []
    for path in sorted(root.rglob("*.py")):
        here = _unit(_module_name(path, root))
        for line, name in _imports(path, root):
            there = _unit(name)
            if there == here or there not in RANKS:  # not a stage: a name the top package defines
                continue
            if RANKS[there] > RANKS[here] or (RANKS[there] == RANKS[here] and RANKS[here] > 0):
                wrong.append(f"{path.relative_to(root.parent)}:{line} ({here}, rank {RANKS[here]}) "
                             f"imports {name} ({there}, rank {RANKS[there]})")
    return wrong


def test_every_stage_has_a_rank():
    stages = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
              if (p.suffix == ".py" or (p / "__init__.py").is_file())}
    assert stages <= set(RANKS), f"stages without a rank: {sorted(stages - set(RANKS))}"


def test_no_module_imports_a_later_stage():
    wrong = violations(PACKAGE)
    assert not wrong, "imports against the flow:\n" + "\n".join(wrong)


def test_the_layer_check_finds_imports_against_the_flow(tmp_path):
    root = tmp_path / "analyser"
    (root / "load").mkdir(parents=True)
    (root / "load" / "reader.py").write_text("def f():\n    from analyser.plot import draw\n")
    (root / "load" / "ok.py").write_text("from analyser.findings import Finding\nfrom . import reader\n")
    (root / "plot").mkdir()
    (root / "plot" / "draw.py").write_text("from ..report import files\nfrom analyser import export\n")
    assert [w.split(" imports ")[1] for w in violations(root)] == [
        "analyser.plot (plot, rank 4)", "analyser.report (report, rank 4.5)", "analyser.export (export, rank 4)"]


def test_only_plot_imports_matplotlib():
    wrong = [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.relative_to(PACKAGE).parts[0] != "plot"
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, (ast.Import, ast.ImportFrom))
             and any((n.name if isinstance(node, ast.Import) else node.module or "").startswith("matplotlib")
                     for n in node.names)]
    assert not wrong, "matplotlib imported outside analyser/plot: " + ", ".join(wrong)
