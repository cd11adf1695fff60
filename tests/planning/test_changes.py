"""``diff_catalogues`` on chosen edits the property test does not make: profiles renamed, added and removed,
tasks and deployment periods changed, marks written another way, ambiguous renames."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from workbook_factory import (Mark, ProfileRow, small_spec, small_task_spec, write_dependency_table,
                              write_task_workbook)

from analyser.load.catalogue import load_catalogue
from analyser.planning.changes import diff_catalogues


def _cell(ref) -> str:
    return f"{ref.sheet}!{ref.cell}"


def _diff(tmp: Path, old_spec, new_spec, old_tasks=None, new_tasks=None, **layout):
    written = []
    for name, spec, tasks in (("old", old_spec, old_tasks), ("new", new_spec, new_tasks)):
        table = write_dependency_table(spec, tmp / f"{name}.xlsx", **layout)
        task_path = None
        if tasks is not None:
            written_tasks = write_task_workbook(tasks, tmp / f"{name}-tasks.xlsx")
            task_path = written_tasks.path
        written.append((table, task_path and written_tasks))
    old = load_catalogue(written[0][0].path, written[0][1] and written[0][1].path, with_tasks=old_tasks is not None)
    new = load_catalogue(written[1][0].path, written[1][1] and written[1][1].path, with_tasks=new_tasks is not None)
    return diff_catalogues(old, new), written


def test_a_renamed_profile_keeps_its_marks(tmp_path):
    old = small_spec()
    new = copy.deepcopy(old)
    new.profiles[1].id = "B2"
    for item in new.items:
        if "B" in item.marks:
            item.marks["B2"] = item.marks.pop("B")
    diff, written = _diff(tmp_path, old, new)
    assert [(c.kind, c.subject, c.id, c.field, c.old, c.new) for c in diff.changes] == [
        ("changed", "profile", "B2", "id", "B", "B2")]
    assert diff.matched_profiles["B"] == "B2"
    change = diff.changes[0]
    assert (change.old_cell, change.new_cell) == (_cell(written[0][0].profile_cells["B", "id"]),
                                                  _cell(written[1][0].profile_cells["B2", "id"]))


def test_profiles_added_removed_and_changed(tmp_path):
    old = small_spec()
    new = copy.deepcopy(old)
    new.profiles[2].valid_until = dt.date(2029, 12, 31)
    new.profiles[0].name = "Laajin asiakastietojärjestelmä"
    new.profiles.append(ProfileRow("D", "Uusi profiili"))
    for item in new.items:
        item.marks["D"] = Mark.ALLOWED
    removed = copy.deepcopy(new)
    removed.profiles = [p for p in removed.profiles if p.id != "B"]
    for item in removed.items:
        item.marks.pop("B", None)
    diff, written = _diff(tmp_path, old, removed)
    got = [(c.kind, c.subject, c.id, c.field, c.old, c.new) for c in diff.changes]
    assert got == [("changed", "profile", "A", "name", "Laaja asiakastietojärjestelmä", "Laajin asiakastietojärjestelmä"),
                   ("removed", "profile", "B", "", "Suppea asiakastietojärjestelmä", ""),
                   ("changed", "profile", "C", "valid_until", "", "2029-12-31"),
                   ("added", "profile", "D", "", "", "Uusi profiili")]
    names = {c.field: c for c in diff.changes if c.id == "A"}
    assert names["name"].new_cell == _cell(written[1][0].profile_cells["A", "name"])


def test_the_same_mark_written_otherwise_is_no_change(tmp_path):
    old = small_spec()
    new = copy.deepcopy(old)
    new.item("ARK-1").marks["A"] = "kyllä"  # "X" before: the same mark
    new.item("ARK-2").marks["C"] = "(X)"  # partly: a change
    diff, _ = _diff(tmp_path, old, new)
    assert [(c.id, c.field, c.old, c.new) for c in diff.changes] == [("ARK-2", "mark:C", "X", "(X)")]


def test_tasks_and_periods(tmp_path):
    spec = small_spec()
    old_tasks = small_task_spec()
    new_tasks = copy.deepcopy(old_tasks)
    new_tasks.tasks[0].timing = "viimeistään 4 viikkoa ennen käyttöönottoa"
    new_tasks.tasks[1].responsible = "järjestelmätoimittaja"
    new_tasks.tasks[2].after = []
    new_tasks.tasks[4].applies_to = ["ARK-1"]
    del new_tasks.tasks[3]
    new_tasks.tasks[-1].after = ["2"]
    new_tasks.periods[1].start = dt.date(2025, 9, 8)
    new_tasks.periods[0].registration_deadline = dt.date(2025, 1, 24)
    diff, written = _diff(tmp_path, spec, spec, old_tasks, new_tasks)
    got = [(c.kind, c.subject, c.id, c.field) for c in diff.changes]
    assert got == [("changed", "task", "1", "timing"), ("changed", "task", "2", "responsible"),
                   ("changed", "task", "3", "after"), ("removed", "task", "4", ""),
                   ("changed", "task", "5", "applies_to"), ("changed", "task", "5", "after"),
                   ("changed", "period", "2025/1", "deadline"), ("changed", "period", "2025/2", "start")]
    timing = diff.changes[0]
    assert (timing.old, timing.new) == ("viimeistään 3 viikkoa ennen käyttöönottoa",
                                        "viimeistään 4 viikkoa ennen käyttöönottoa")
    assert timing.old_cell == _cell(written[0][1].cells["1", "timing"])
    start = diff.changes[-1]
    assert (start.old, start.new, start.new_cell) == ("2025-09-01", "2025-09-08",
                                                      _cell(written[1][1].period_cells["2025/2", "start"]))


def test_two_new_items_with_a_removed_name_are_no_rename(tmp_path):
    """A name that two new ids carry cannot say which one the old id became: a removal and two additions."""
    old = small_spec()
    new = copy.deepcopy(old)
    new.items = [i for i in new.items if i.id != "LIITE"]
    for k in (1, 2):
        extra = copy.deepcopy(old.item("LIITE"))
        extra.id, extra.note = f"LIITE-{k}", str(k)
        new.items.append(extra)
    new.items[-1].name += " "  # the same name after normalising
    diff, _ = _diff(tmp_path, old, new)
    assert [(c.kind, c.id) for c in diff.changes] == [("removed", "LIITE"), ("added", "LIITE-1"), ("added", "LIITE-2")]
    assert diff.renames == {}
