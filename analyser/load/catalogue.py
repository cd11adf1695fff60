"""Read both workbooks into one frozen :class:`~analyser.records.Catalogue`, checked."""

from __future__ import annotations

import os
from pathlib import Path

from analyser.load.shipped import TABLE, TASKS, shipped_path
from analyser.records import Catalogue

__all__ = ["load_catalogue", "default_table", "default_tasks"]


def default_table() -> Path:
    """The shipped dependency table.

    Examples
    --------
    >>> default_table().name, default_table().is_file()
    ('riippuvuustaulukko.xlsx', True)
    """
    return shipped_path(TABLE)


def default_tasks() -> Path:
    """The shipped task workbook.

    Examples
    --------
    >>> default_tasks().name, default_tasks().is_file()
    ('kayttoonottotehtavat.xlsx', True)
    """
    return shipped_path(TASKS)


def load_catalogue(
    table: str | os.PathLike | None = None,
    tasks: str | os.PathLike | None = None,
    *,
    task_sheet: str | None = None,
    with_tasks: bool = True,
    cache: bool = True,
) -> Catalogue:
    """Read the dependency table and the task workbook (shipped ones by default).

    All findings of both files and of the checks across the table are
    collected, sorted, in ``Catalogue.findings``. ``-`` reads a file from
    standard input. With ``cache`` the result is kept in, and taken from, the
    parse cache (:mod:`analyser.load.cache`), keyed by the files' content:
    the same catalogue as reading them, faster.

    Raises
    ------
    InputError
        When a file cannot be read at all.

    Examples
    --------
    >>> len(c.items) > 10, [p.id for p in c.profiles][:2]
    (True, ['ARK', 'SOS-V1'])
    >>> load_catalogue(cache=False) == load_catalogue() == c
    True
    """
    table_path = Path(table) if table is not None else default_table()
    tasks_path = (Path(tasks) if tasks is not None else default_tasks()) if with_tasks else None
    key = None
    if cache:
        from analyser.load import cache as parse_cache

        key = parse_cache.catalogue_key(table_path, tasks_path, task_sheet=task_sheet)
        found = parse_cache.load_cached(key) if key is not None else None
        if found is not None:
            return found
    catalogue = _read(table_path, tasks_path, task_sheet)
    if key is not None:
        parse_cache.store(key, catalogue)
    return catalogue


def _read(table_path: Path, tasks_path: Path | None, task_sheet: str | None) -> Catalogue:
    from analyser.findings import sort_findings
    from analyser.load.dependency_table import read_dependency_table
    from analyser.load.task_workbook import read_task_workbook
    from analyser.load.validate import check_dependencies, check_groups, check_profiles

    data = read_dependency_table(table_path)
    findings = list(data.findings)
    findings += check_dependencies(data.items, data.dependencies)
    findings += check_groups(data.items)
    findings += check_profiles(data.profiles)
    task_data = None
    if tasks_path is not None:
        task_data = read_task_workbook(tasks_path, data.items, sheet=task_sheet)
        findings += task_data.findings
    return Catalogue(
        items=tuple(data.items),
        profiles=tuple(data.profiles),
        dependencies=tuple(data.dependencies),
        tasks=tuple(task_data.tasks) if task_data else (),
        periods=tuple(task_data.periods) if task_data else (),
        findings=tuple(sort_findings(findings)),
        table_path=str(table_path),
        tasks_path=str(task_data.path) if task_data else "",
    )
