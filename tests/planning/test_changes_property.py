"""``diff_catalogues`` against edit scripts: a random table, random edits, both written as real workbooks
in random layouts and read back; the diff must list exactly the edits, each at the cells the workbook
writer put the values in."""

from __future__ import annotations

import datetime as dt
import graphlib
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from workbook_factory import Group, random_layout, random_spec, write_dependency_table
from workbook_factory._edits import Edit, apply_edits, expected_changes
from workbook_factory._oracles import classify_mark

from analyser.load.catalogue import load_catalogue
from analyser.planning.changes import diff_catalogues


_GROUPS = ("", Group.OLD, Group.PHASE1, Group.PHASE2, Group.JOINING)


def _spec(seed: int, n_items: int, n_profiles: int):
    spec = random_spec(seed, n_items=n_items, n_profiles=n_profiles)
    for k, item in enumerate(spec.items):
        item.group = _GROUPS[k % len(_GROUPS)] if item.group else ""
    return spec


def _order(spec) -> list[str]:
    """The item ids in an order where every item comes after what it requires."""
    return list(graphlib.TopologicalSorter({i.id: set(i.requires) for i in spec.items}).static_order())


@st.composite
def edit_scripts(draw, spec):
    """A valid edit script on ``spec``: fresh ids and names, the requirements kept acyclic."""
    from workbook_factory._edits import apply_edits as step

    edits: list[Edit] = []
    current = spec
    fresh = iter(range(1, 1000))
    for _ in range(draw(st.integers(0, 6))):
        ids = [i.id for i in current.items]
        op = draw(st.sampled_from(("add", "remove", "rename", "require", "unrequire", "flip", "date", "group")))
        if op == "add":
            k = next(fresh)
            requires = draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)) if ids else []
            edit = Edit("add", f"UU-{k}", f"Uusi osatoteutus {k}", tuple(requires))
        elif not ids or (op == "remove" and len(ids) < 3):
            continue
        elif op == "remove":
            edit = Edit("remove", draw(st.sampled_from(ids)))
        elif op == "rename":
            edit = Edit("rename", draw(st.sampled_from(ids)), f"RN-{next(fresh)}")
        elif op in ("require", "unrequire"):
            order = _order(current)
            if op == "require":
                pairs = [(a, b) for k, a in enumerate(order) for b in order[:k]
                         if b not in current.item(a).requires and b not in current.item(a).recommends]
            else:
                pairs = [(i.id, r) for i in current.items for r in i.requires]
            if not pairs:
                continue
            a, b = draw(st.sampled_from(pairs))
            edit = Edit(op, a, b)
        elif op == "flip":
            edit = Edit("flip", draw(st.sampled_from(ids)), draw(st.sampled_from([p.id for p in current.profiles])))
        elif op == "date":
            day = draw(st.one_of(st.none(), st.dates(dt.date(2019, 1, 1), dt.date(2031, 12, 31))))
            edit = Edit("date", draw(st.sampled_from(ids)), value=day)
        else:
            edit = Edit("group", draw(st.sampled_from(ids)), value=draw(st.sampled_from(_GROUPS)))
        edits.append(edit)
        current, _ = step(current, [edit])
    return edits


def _cell(ref) -> str:
    return f"{ref.sheet}!{ref.cell}"


def _check_cells(change, written_old, written_new, old_spec, new_spec, renames) -> None:
    """Every change names the cells the writer put its values in (a matrix cell for a matrix's requirement)."""
    old_id = next((a for a, b in renames.items() if b == change.id), change.id)
    if change.kind == "added":
        assert (change.old_cell, change.new_cell) == ("", _cell(written_new.cell(change.id, "id")))
        return
    if change.kind == "removed":
        assert (change.old_cell, change.new_cell) == (_cell(written_old.cell(change.id, "id")), "")
        return
    for written, cell, item_id in ((written_old, change.old_cell, old_id), (written_new, change.new_cell, change.id)):
        if change.field == "requires" and written.layout.matrix == "only":
            candidates = {_cell(ref) for (row, _), ref in written.matrix_cells.items() if row == item_id}
            assert cell in candidates | {_cell(written.cell(item_id, "id"))}, (change, cell)
        else:
            assert cell == _cell(written.cell(item_id, change.field)), (change, cell)


@settings(max_examples=30)
@given(seed=st.integers(0, 10_000), layouts=st.tuples(st.integers(0, 2**30), st.integers(0, 2**30)), data=st.data())
def test_the_diff_lists_exactly_the_edits_at_their_cells(seed, layouts, data):
    old_spec = _spec(seed, data.draw(st.integers(3, 8)), data.draw(st.integers(1, 3)))
    edits = data.draw(edit_scripts(old_spec))
    new_spec, renames = apply_edits(old_spec, edits)
    with tempfile.TemporaryDirectory() as tmp:
        written = []
        for name, spec, layout_seed in (("old", old_spec, layouts[0]), ("new", new_spec, layouts[1])):
            layout = random_layout(layout_seed, include_profile_sheet=True)
            suffix = "" if layout.fmt == "csv" else f".{layout.fmt}"
            written.append(write_dependency_table(spec, Path(tmp) / f"{name}{suffix}", layout))
        old = load_catalogue(written[0].path, with_tasks=False)
        new = load_catalogue(written[1].path, with_tasks=False)
    assert not old.errors and not new.errors
    diff = diff_catalogues(old, new)
    got = {(ch.kind, ch.id, ch.field) for ch in diff.changes}
    assert got == expected_changes(old_spec, new_spec, renames), edits
    assert dict(diff.renames) == renames
    for change in diff.changes:
        _check_cells(change, *written, old_spec, new_spec, renames)
        if change.field.startswith("mark:"):
            profile = change.field[5:]
            before = old_spec.item(next((a for a, b in renames.items() if b == change.id), change.id))
            assert classify_mark(change.old) == classify_mark(before.marks.get(profile))
            assert classify_mark(change.new) == classify_mark(new_spec.item(change.id).marks.get(profile))
        if change.field == "requires":
            assert set(filter(None, change.new.split(", "))) == set(new_spec.item(change.id).requires)
        if change.field == "available_from":
            assert change.new == (str(new_spec.item(change.id).available_from or ""))


@settings(max_examples=10)
@given(seed=st.integers(0, 10_000), layout_seeds=st.tuples(st.integers(0, 2**30), st.integers(0, 2**30)))
def test_the_same_table_in_two_layouts_has_no_changes(seed, layout_seeds):
    spec = _spec(seed, 6, 2)
    with tempfile.TemporaryDirectory() as tmp:
        cats = []
        for k, layout_seed in enumerate(layout_seeds):
            layout = random_layout(layout_seed, include_profile_sheet=True)
            suffix = "" if layout.fmt == "csv" else f".{layout.fmt}"
            cats.append(load_catalogue(write_dependency_table(spec, Path(tmp) / f"v{k}{suffix}", layout).path,
                                       with_tasks=False))
    assert diff_catalogues(*cats).changes == ()
