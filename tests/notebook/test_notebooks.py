"""The planners' notebooks run top to bottom on the shipped data, and are committed without outputs.

Each notebook is executed headless with nbclient (a per-cell timeout as a hang guard,
the non-GUI matplotlib backend, outputs written into a temporary folder
through ``ANALYSER_NOTEBOOK_OUT``) and must finish without an error,
showing its pictures and writing its files. Each is also run once
more with other parameters injected after its ``parameters`` cell, the way
papermill does. What the code cells print or display follows ``KIELI``: run
in Finnish it shows no English sentence of the tool's own, and in English no
Finnish one (the word-list check of ``tests/test_language.py``; workbook text
is shown as written). The notebooks only call the library: their code cells
hold no functions, classes or loops, and import only the library and a few
standard helpers.
"""

from __future__ import annotations

import ast
import base64
import os
import re
from pathlib import Path

import pytest
from language_check import leaks

from analyser.findings import CODES

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
CELL_TIMEOUT = 60  # seconds per cell: a hang guard, not a speed limit

#: The parameters each notebook must offer (papermill sets them by name).
PARAMETERS = {
    "01_laajennuksen_suunnittelu": {"TAULUKKO", "TEHTAVAT", "PROFIILI", "KAYTOSSA", "SERTIFIOITU", "TAVOITE",
                                    "ALKAEN", "TANAAN", "KIELI", "TULOKSET"},
    "02_profiilien_vertailu": {"TAULUKKO", "PROFIILI", "KAYTOSSA", "SERTIFIOITU", "UUSI_PROFIILI", "TANAAN",
                               "KIELI", "TULOKSET"},
    "03_organisaatioraportti": {"TAULUKKO", "TEHTAVAT", "ORGANISAATIOT", "TANAAN", "KIELI", "TULOKSET"},
    "04_taulukon_muutokset": {"VANHA", "UUSI", "TEHTAVAT", "ORGANISAATIOT", "PROFIILI", "TANAAN", "KIELI",
                              "TULOKSET"},
}

#: Files each notebook writes into TULOKSET.
WRITES = {
    "01_laajennuksen_suunnittelu": {"tilanne.png", "aikataulu.png", "suunnitelma.xlsx"},
    "02_profiilien_vertailu": {"profiilit.png", "tilanne_nyt.png", "tilanne_uusi.png"},
    "03_organisaatioraportti": {"organisaatiot.csv", "tehtavat.csv", "profiilit.csv", "raportti.xlsx"},
    "04_taulukon_muutokset": {"riippuvuustaulukko_uusi.xlsx", "muutokset.png", "muutokset.csv",
                              "muutosvaikutukset.csv", "muutokset.xlsx"},
}

#: Pictures each notebook shows (figures displayed as PNG).
PICTURES = {"01_laajennuksen_suunnittelu": 2, "02_profiilien_vertailu": 3, "03_organisaatioraportti": 3,
            "04_taulukon_muutokset": 1}

ALLOWED_IMPORTS = {"os", "datetime", "pathlib", "pandas", "analyser"}


def _parameters_cell(notebook):
    return [c for c in notebook.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


def _code(notebook) -> list[str]:
    return [c.source for c in notebook.cells if c.cell_type == "code"]


def _execute(path: Path, out_dir: Path, monkeypatch, inject: str | None = None):
    """Run a notebook as CI does; with ``inject``, a papermill-style parameters cell goes after the tagged one."""
    notebook = nbformat.read(path, as_version=4)
    if inject is not None:
        position = notebook.cells.index(_parameters_cell(notebook)[0]) + 1
        cell = nbformat.v4.new_code_cell(inject)
        cell.metadata["tags"] = ["injected-parameters"]
        notebook.cells.insert(position, cell)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("ANALYSER_NOTEBOOK_OUT", str(out_dir))
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    client = nbclient.NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return notebook


def _outputs(notebook):
    return [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]


def _errors(notebook) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in _outputs(notebook) if o.output_type == "error"]


def _pictures(notebook) -> list[bytes]:
    return [base64.b64decode(o.data["image/png"]) for o in _outputs(notebook)
            if o.output_type in ("display_data", "execute_result") and "image/png" in o.get("data", {})]


def _text(notebook) -> str:
    parts = []
    for o in _outputs(notebook):
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("display_data", "execute_result"):
            parts.extend(str(o.data.get(kind, "")) for kind in ("text/plain", "text/markdown", "text/html"))
    return "\n".join(parts)


#: The shipped organisations file's column headers: workbook text, which findings name as written.
HEADERS = tuple((ROOT / "data" / "esimerkkiorganisaatiot.csv").read_text(encoding="utf-8-sig").splitlines()[0]
                .split(";"))


def _language_leaks(notebook, lang: str, workbook_texts=HEADERS) -> list[str]:
    """Words of the other language in what the code cells print or display as text.

    The HTML copies of the tables are left out (their style sheet is English),
    and so are the given workbook texts, the links to written files and the
    finding codes (which stay English in both languages).
    """
    parts = []
    for o in _outputs(notebook):
        if o.output_type == "stream":
            parts.append(o.text)
        elif o.output_type in ("display_data", "execute_result"):
            parts.extend(str(o.data.get(kind, "")) for kind in ("text/plain", "text/markdown"))
    text = "\n".join(parts)
    for piece in sorted(workbook_texts, key=len, reverse=True):
        text = text.replace(piece, " ")
    text = re.sub(r"`[^`]*`", " ", text)
    for code in sorted(CODES, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(code)}(?![\w-])", " ", text)
    return leaks(text, lang)


def test_there_are_notebooks():
    names = [p.name for p in NOTEBOOKS]
    assert names == ["01_laajennuksen_suunnittelu.ipynb", "02_profiilien_vertailu.ipynb",
                     "03_organisaatioraportti.ipynb", "04_taulukon_muutokset.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear the outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_has_a_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    tagged = _parameters_cell(notebook)
    assert len(tagged) == 1 and tagged[0].cell_type == "code"
    tree = ast.parse(tagged[0].source)
    # papermill adds a cell of plain assignments after it: the cell holds nothing else
    assert all(isinstance(node, (ast.Assign, ast.Import)) for node in tree.body), "only assignments"
    names = {target.id for node in tree.body if isinstance(node, ast.Assign) for target in node.targets}
    assert names == PARAMETERS[path.stem]
    assert 'os.environ.get("ANALYSER_NOTEBOOK_OUT", "tulokset")' in tagged[0].source
    # papermill reads "NAME = value  # comment" line by line; an "=" in the comment hides the parameter
    comments = [line.split("#", 1)[1] for line in tagged[0].source.splitlines() if "#" in line]
    assert not any("=" in c for c in comments), comments
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert first_code is tagged[0], "the parameters cell is the first code cell"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_only_calls_the_library(path):
    notebook = nbformat.read(path, as_version=4)
    for source in _code(notebook):
        tree = ast.parse(source)
        for node in ast.walk(tree):
            assert not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda, ast.For,
                                         ast.While, ast.ListComp, ast.DictComp, ast.SetComp, ast.GeneratorExp,
                                         ast.If)), \
                f"{path.name}: analysis belongs in the library, not in the notebook:\n{source}"
            if isinstance(node, ast.Import):
                assert {a.name.split(".")[0] for a in node.names} <= ALLOWED_IMPORTS, source
            if isinstance(node, ast.ImportFrom):
                assert node.module.split(".")[0] in ALLOWED_IMPORTS, source


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_markdown_between_the_steps(path):
    notebook = nbformat.read(path, as_version=4)
    kinds = [c.cell_type for c in notebook.cells]
    assert kinds[0] == "markdown" and notebook.cells[0].source.startswith("# ")
    assert sum(k == "markdown" for k in kinds) >= 6
    # no two code cells in a row without words in between, except the pictures that follow a table
    runs = "".join("c" if k == "code" else "m" for k in kinds)
    assert "ccc" not in runs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom(path, tmp_path, monkeypatch):
    notebook = _execute(path, tmp_path, monkeypatch)
    assert not _errors(notebook), _errors(notebook)
    pictures = _pictures(notebook)
    assert len(pictures) >= PICTURES[path.stem]
    assert all(p.startswith(b"\x89PNG") and len(p) > 10_000 for p in pictures)
    text = _text(notebook)
    assert "<Figure size" not in text, "a figure was shown as text, not as a picture"
    assert "Traceback" not in text
    leaked = _language_leaks(notebook, "fi")
    assert not leaked, f"English words under KIELI = 'fi': {leaked}"
    written = {p.name for p in tmp_path.iterdir()}
    assert WRITES[path.stem] <= written, WRITES[path.stem] - written


ORGANISATIONS_CSV = (
    "Organisaatio;Tietojärjestelmäprofiili;Käytössä;Sertifioitu;Tavoitepäivä;Suunniteltu järjestys\n"
    "Alfa Oy;SOS-LV;SOS, SOS-V1-ARK;SOS-LV-INF;1.6.2027;SOS-LV-INF, SOS-LV-LUP\n"
    "Beeta Oy;Potilastietojärjestelmä;PTA;;1.9.2027;\n"
    "Gamma Oy;ei-profiili;SOS;;;\n")


def _organisations_csv(folder: Path) -> Path:
    path = folder / "organisaatiot_testi.csv"
    path.write_text(ORGANISATIONS_CSV, encoding="utf-8")
    return path


OTHER_VALUES = {
    "01_laajennuksen_suunnittelu": (
        'PROFIILI = "2. vaiheen asiakastietojärjestelmä"\nKAYTOSSA = "SOS, SOS-V1-ARK"\n'
        'SERTIFIOITU = ["SOS-V2-ALL", "SOS-VANHAT"]\nTAVOITE = None\nALKAEN = None\nTANAAN = "1.12.2026"\n'
        'KIELI = "en"\n', ("Status", "Recommended position", "Go-live", "Due", "waits for certification",
                           "No findings: the tables are in order.")),
    "02_profiilien_vertailu": (
        'PROFIILI = "POT"\nKAYTOSSA = ["PTA", "RES"]\nUUSI_PROFIILI = "SOS-V2"\nTANAAN = "2027-02-01"\n'
        'KIELI = "en"\n', ("Allowed orders", "In use but not allowed", "Status under SOS-V2")),
    "03_organisaatioraportti": (
        'ORGANISAATIOT = {csv!r}\nTANAAN = "2027-03-01"\nKIELI = "en"\n',
        ("Read 3 organisations.", "Can extend now", "Organisation", "Alfa Oy", "Gamma Oy")),
    "04_taulukon_muutokset": (
        'PROFIILI = None\nORGANISAATIOT = {csv!r}\nTANAAN = "2027-03-01"\nKIELI = "en"\n',
        ("Read 3 organisations.", "Allowed orders before", "Became unreachable", "Old cell", "available from",
         "Affected by the changes")),
}


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_with_other_parameters(path, tmp_path, monkeypatch):
    inject, expected = OTHER_VALUES[path.stem]
    inject = inject.format(csv=str(_organisations_csv(tmp_path)))
    out = tmp_path / "out"
    notebook = _execute(path, out, monkeypatch, inject=inject)
    assert not _errors(notebook), _errors(notebook)
    text = _text(notebook)
    for words in expected:
        assert words in text, words
    csv_texts = {cell.strip() for cell in re.split(r"[;,\n]", ORGANISATIONS_CSV) if len(cell.strip()) > 1}
    leaked = _language_leaks(notebook, "en", (*HEADERS, *csv_texts))
    assert not leaked, f"Finnish words under KIELI = 'en': {leaked}"
    assert WRITES[path.stem] <= {p.name for p in out.iterdir()}


# -- the library helpers the notebooks call (analyser/notebook.py) ------------------------------


def test_plan_workbook_has_real_dates(tmp_path):
    import datetime as dt

    import openpyxl

    from analyser import notebook as nb
    from analyser.load.catalogue import load_catalogue
    from analyser.model import build_graph
    from analyser.findings import OutputError
    from analyser.planning.plan import make_plan, plan_periods

    catalogue = load_catalogue()
    situation = nb.make_situation(catalogue, build_graph(catalogue), "SOS-LV", "SOS, SOS-VANHAT, SOS-V1-ARK")
    today, start = dt.date(2026, 11, 2), dt.date(2027, 1, 1)
    plan = make_plan(situation, target=nb.item_id(catalogue, "Luovutuslupa"),
                     periods=plan_periods(catalogue.periods, start=start, today=today), start=start, today=today)
    path = nb.write_plan_xlsx(plan, catalogue, tmp_path / "suunnitelma.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Yhteenveto", "Suunnitelma", "Tehtävät"]
    plan_rows = list(book["Suunnitelma"].iter_rows(min_row=2, values_only=True))
    assert [(r[3], r[5].date()) for r in plan_rows] == [("SOS-LV-INF", dt.date(2027, 1, 11)),
                                                        ("SOS-LV-LUP", dt.date(2027, 4, 12))]
    tasks = list(book["Tehtävät"].iter_rows(min_row=2, values_only=True))
    assert len(tasks) == len(plan.tasks) and all(isinstance(r[0], dt.datetime) for r in tasks)
    assert [r[0] for r in tasks] == sorted(r[0] for r in tasks)
    # the table a notebook shows holds the same rows, dates as planners read them
    table = nb.task_table(plan)
    assert len(table) == len(tasks) and table.iloc[0, 0] == f"{tasks[0][0].day}.{tasks[0][0].month}.{tasks[0][0].year}"
    with pytest.raises(OutputError):
        nb.write_plan_xlsx(plan, catalogue, catalogue.table_path)


def test_batch_tables_and_charts():
    import datetime as dt

    from matplotlib.figure import Figure

    from analyser import notebook as nb
    from analyser.report.batch import run_batch
    from analyser.load.catalogue import load_catalogue
    from analyser.load.organisations import read_organisations
    from analyser.model import build_graph
    from analyser.load.shipped import ORGANISATIONS, shipped_path

    catalogue = load_catalogue()
    rows, found = read_organisations(shipped_path(ORGANISATIONS), catalogue)
    today = dt.date(2026, 11, 25)
    batch = run_batch(catalogue, build_graph(catalogue), rows, findings=found, today=today)
    standing = nb.standing_counts(batch)
    assert int(standing["Organisaatioita"].sum()) == len(rows)
    assert standing.loc["Voi laajentaa nyt", "Organisaatioita"] == batch.summary["can_extend_now"]
    blockers = nb.blocker_counts(batch, catalogue, "en")
    top = {b["id"]: b["organisations"] for b in batch.summary["most_common_blockers"]}
    assert {i: blockers.loc[i, "Organisations"] for i in top} == top
    months = nb.deadlines_by_month(batch)
    assert int(months.to_numpy().sum()) == sum(1 for r in batch.results for k in r.tasks if k.due)
    assert int(months["Myöhässä"].sum()) == batch.summary["late_tasks"]
    assert len(nb.organisation_table(batch)) == len(rows)
    assert list(nb.organisation_table(batch, "en", columns=["organisation", "next"]).columns) == \
        ["Organisation", "Next extension"]
    upcoming = nb.batch_task_table(batch, catalogue, today=today, days=30)
    assert len(upcoming) < len(nb.batch_task_table(batch, catalogue))
    for fig in (nb.standing_chart(batch), nb.blocker_chart(batch, catalogue), nb.deadline_chart(batch, today=today)):
        assert isinstance(fig, Figure)
