"""The calendars (RFC 5545) of ``analyser report`` and ``analyser plan --format ics``.

Read back with icalendar; each event's date recomputed from the task rows the report and the plan write
(tehtavat.csv, ``plan --format json``) and the catalogue's periods; UIDs stable across runs and unique;
the same bytes under any PYTHONHASHSEED; hostile organisation names give safe file names; lines folded at
75 octets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from icalendar import Calendar
from language_check import leaks

from analyser.cli import main
from analyser.load.catalogue import load_catalogue
from analyser.load.shipped import ORGANISATIONS, shipped_path
from analyser.report import calendar as calendar_module
from analyser.report.calendar import calendar_bytes, calendar_file_name, report_calendars
from analyser.text.labels import format_date, t

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 25)
CATALOGUE = load_catalogue()
SITUATION = ["--profile", "SOS-LV", "--deployed", "SOS,SOS-VANHAT,SOS-V1-ARK", "--target", "SOS-LV-HAKU",
             "--start", "2027-01-01", "--today", TODAY.isoformat()]


def _run(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue()


def _report(tmp: Path, *extra: str, organisations: Path | None = None, lang: str = "fi") -> Path:
    out = tmp / f"report-{lang}"
    argv = ["report", "--out", str(out), "--today", TODAY.isoformat(), "--diagrams", "none", "--csv", "rfc4180",
            "--lang", lang, *extra]
    if organisations:
        argv += ["--organisations", str(organisations)]
    _run(argv)
    return out


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def _day(event, name: str) -> dt.date:
    value = event.decoded(name)
    assert type(value) is dt.date, f"{name} is not an all-day date: {value!r}"
    return value


def _organisation_names() -> list[str]:
    with open(shipped_path(ORGANISATIONS), encoding="utf-8-sig", newline="") as handle:
        return [row[0] for row in csv.reader(handle, delimiter=";")][1:]


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return _report(tmp_path_factory.mktemp("calendar"))


def test_every_calendar_reads_back_with_its_header_and_all_day_events(report):
    files = sorted((report / "kalenterit").iterdir())
    assert len(files) == 9  # the shipped example: ten organisations, one not analysed
    for path in files:
        calendar = Calendar.from_ical(path.read_bytes())
        assert str(calendar["VERSION"]) == "2.0" and "analyser" in str(calendar["PRODID"])
        for event in calendar.walk("VEVENT"):
            assert _day(event, "DTEND") - _day(event, "DTSTART") == dt.timedelta(days=1)
            assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 25, tzinfo=dt.timezone.utc)
            assert str(event["SUMMARY"]) and str(event["DESCRIPTION"])


def test_each_event_is_a_task_row_of_the_report_on_its_due_date(report):
    """Recomputed from tehtavat.csv (the report's own task rows) and the catalogue's periods: one event per
    dated task row on its due date, named by its title, with who does it; the registration deadline of the
    organisation's period when its next item needs registration; late ones said so."""
    with open(report / "tehtavat.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    with open(report / "organisaatiot.csv", encoding="utf-8", newline="") as handle:
        organisations = list(csv.reader(handle))
    header = organisations[0]
    organisations = {row[0]: dict(zip(header, row)) for row in organisations[1:]}
    periods = {p.name: p for p in CATALOGUE.periods}
    checked = 0
    for number, name in enumerate(_organisation_names(), start=2):
        path = report / "kalenterit" / calendar_file_name(number, name)
        tasks = [row for row in rows if row[0] == name and row[8]]
        if not tasks:
            assert not path.exists()
            continue
        events = _events(path.read_bytes())
        expected = Counter((dt.date.fromisoformat(row[8]), t("cal.task", "fi", title=row[4], items=row[1]), row[5])
                           for row in tasks)
        organisation = organisations[name]
        item = CATALOGUE.item(organisation[t("col.org.next", "fi")])
        period = periods[organisation[t("col.org.period", "fi")]]
        deadline_title = t("cal.deadline", "fi", period=period.name)
        found = Counter()
        for event in events:
            summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
            day = _day(event, "DTSTART")
            if summary == deadline_title:
                assert item.period and day == period.deadline
                continue
            who = re.search("^" + re.escape(t("cal.responsible", "fi", who="")) + "(.*)$", description, re.M)[1]
            found[day, summary, who] += 1
            late = t("cal.late", "fi", due=format_date(day), today=format_date(TODAY))
            assert (late in description) == (day < TODAY), summary
            checked += 1
        assert found == expected, name
        assert any(str(e["SUMMARY"]) == deadline_title for e in events) == bool(item.period and period.deadline)
    assert checked == sum(1 for row in rows if row[8])
    assert any(row[9] for row in rows), "the example has late tasks, so the late line is tested"


def test_the_plan_calendar_holds_the_plans_task_rows_and_deadlines(tmp_path):
    code, text = _run(["plan", *SITUATION, "--format", "json", "--lang", "en"])
    answer = json.loads(text)
    out = tmp_path / "plan.ics"
    assert _run(["plan", *SITUATION, "--format", "ics", "--lang", "en", "--out", str(out)])[0] == code == 0
    events = _events(out.read_bytes())
    expected = Counter((dt.date.fromisoformat(row["due"]), t("cal.task", "en", title=row["title"], items=row["items"]))
                       for row in answer["tasks"] if row["due"])
    registering = {e["period"] for e in answer["extensions"] if e["needs_registration"]}
    deadlines = Counter((dt.date.fromisoformat(p["registration_deadline"]), t("cal.deadline", "en", period=p["name"]))
                        for p in answer["periods"] if p["name"] in registering and p["registration_deadline"])
    assert deadlines and Counter((_day(e, "DTSTART"), str(e["SUMMARY"])) for e in events) == expected + deadlines
    # standard output gives the same bytes
    result = subprocess.run([sys.executable, "-m", "analyser", "plan", *SITUATION, "--format", "ics", "--lang", "en"],
                            capture_output=True, cwd=ROOT, timeout=300)
    assert result.stdout == out.read_bytes()


def test_uids_are_unique_and_the_same_in_another_run_and_language(tmp_path, report):
    again = _report(tmp_path, lang="en")
    uids = []
    for path in sorted((report / "kalenterit").iterdir()):
        first = [str(e["UID"]) for e in _events(path.read_bytes())]
        second = [str(e["UID"]) for e in _events((again / "kalenterit" / path.name).read_bytes())]
        assert first == second
        uids += first
    assert len(uids) == len(set(uids)) > 50
    assert all(re.fullmatch(r"[0-9a-f]{32}@analyser", uid) for uid in uids)


def test_the_batch_writer_gives_the_bytes_icalendar_writes_for_the_whole_calendar():
    """The report renders shared events once and puts each organisation's UIDs in: the result is what
    icalendar writes for each organisation's calendar built whole."""
    from analyser.examples import example_batch

    c, batch = example_batch(TODAY)
    for lang in ("fi", "en"):
        files, _ = report_calendars(batch, c, Path("out"), lang=lang, today=TODAY)
        for result in batch.results:
            path = Path("out/kalenterit") / calendar_file_name(result.row.place.row + 1, result.row.name)
            if path not in files:
                continue
            handle = io.BytesIO()
            files[path].write(handle)
            events = calendar_module._organisation_events(result, c, lang, TODAY)
            assert handle.getvalue() == calendar_bytes(events, title=t("cal.name", lang, organisation=result.row.name),
                                                       organisation=result.row.name, today=TODAY)


def test_calendars_are_byte_identical_under_any_hash_seed(tmp_path):
    outputs = []
    for seed in ("0", "4242"):
        out = tmp_path / f"seed-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "MPLBACKEND": "Agg"}
        subprocess.run([sys.executable, "-m", "analyser", "report", "--out", str(out), "--today", TODAY.isoformat(),
                        "--diagrams", "none"], cwd=ROOT, env=env, capture_output=True, timeout=600)
        plan = subprocess.run([sys.executable, "-m", "analyser", "plan", *SITUATION, "--format", "ics"], cwd=ROOT,
                              env=env, capture_output=True, timeout=600)
        files = {p.name: p.read_bytes() for p in sorted((out / "kalenterit").iterdir())}
        outputs.append((files, plan.stdout))
    assert outputs[0][0] and outputs[0][1].startswith(b"BEGIN:VCALENDAR")
    assert outputs[0] == outputs[1]


def test_lines_are_folded_at_75_octets_with_crlf(report, tmp_path):
    code, _ = _run(["plan", *SITUATION, "--format", "ics", "--out", str(tmp_path / "p.ics")])
    folded = 0
    for path in [*sorted((report / "kalenterit").iterdir()), tmp_path / "p.ics"]:
        data = path.read_bytes()
        assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
        for line in data.split(b"\r\n")[:-1]:
            assert len(line) <= 75, line
            line.decode("utf-8")  # a fold never splits a character
            folded += line.startswith(b" ")
    assert folded > 100  # long titles and descriptions are folded, so the rule is exercised


HOSTILE = ["../../pois", "a/b\\c:d*e?f|g", "Ohjaus\x01\x07merkit", "x" * 300 + "ä", "..", "🙂🙂",
           "Sama Oy", "Sama Oy", "CON", "nimi\ttabilla"]


def test_hostile_organisation_names_give_safe_unique_file_names(tmp_path):
    source = tmp_path / "org.csv"
    lines = ["Organisaatio;Tietojärjestelmäprofiili;Käytössä;Sertifioitu;Tavoitepäivä;Suunniteltu järjestys"]
    lines += [f'"{name}";SOS-LV;SOS, SOS-V1-ARK;;1.6.2027;' for name in HOSTILE]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = _report(tmp_path, organisations=source)
    folder = out / "kalenterit"
    written = sorted(folder.iterdir())
    assert len(written) == len(HOSTILE)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["org.csv", "report-fi"]  # nothing written outside
    for path in written:
        assert path.parent == folder and re.fullmatch(r"rivi-\d{4}-[a-z0-9-]+\.ics", path.name) and len(path.name) < 80
        title = str(Calendar.from_ical(path.read_bytes())["X-WR-CALNAME"])
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", title)


def test_auto_skips_calendars_of_a_big_batch_and_none_makes_none(monkeypatch):
    from analyser.examples import example_batch

    c, batch = example_batch(TODAY)
    monkeypatch.setattr(calendar_module, "AUTO_LIMIT", 5)
    files, note = report_calendars(batch, c, Path("out"), mode="auto", lang="en", today=TODAY)
    assert not files and note == t("cal.skipped", "en", n=9, limit=5)
    assert len(report_calendars(batch, c, Path("out"), mode="all", today=TODAY)[0]) == 9
    assert report_calendars(batch, c, Path("out"), mode="none", today=TODAY) == ({}, None)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_calendar_words_are_in_one_language(tmp_path, lang):
    out = _report(tmp_path, lang=lang)
    _, plan = _run(["plan", *SITUATION, "--format", "ics", "--lang", lang])
    calendars = [Calendar.from_ical(plan), *(Calendar.from_ical(p.read_bytes()) for p in (out / "kalenterit").iterdir())]
    said = [str(c["X-WR-CALNAME"]) for c in calendars]
    said += [str(e[name]) for c in calendars for e in c.walk("VEVENT") for name in ("SUMMARY", "DESCRIPTION")]
    assert len(said) > 100 and not leaks("\n".join(said), lang)
