"""``next --target``: every profile ranked against a target, checked against brute force on small random tables.

The oracle knows nothing of :class:`Situation`: for each profile it walks every
way of taking items into use round by round (any set of items whose
prerequisites, directly or through others, are in use may go in one round) and
reads off what the profile can reach, the fewest items and rounds to the
target, and what it loses (FORMATS.md §5 ``profiles``).
"""

from __future__ import annotations

import io
import itertools
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.cli import main
from analyser.findings import UsageError
from analyser.model import build_graph
from analyser.planning.answers import next_answer, profile_rows
from analyser.planning.situation import Situation
from analyser.records import Catalogue, Dependency, Item, Profile
from analyser.text.vocabulary import ALLOWED, NOT_ALLOWED, PARTLY

PROFILES = ("P2", "P10", "Q1")


@st.composite
def cases(draw, max_items=6):
    n = draw(st.integers(1, max_items))
    ids = [f"I{k}" for k in range(n)]
    perm = draw(st.permutations(ids))
    deps = [(perm[a], perm[b]) for a, b in itertools.combinations(range(n), 2) if draw(st.integers(0, 2)) == 0]
    if n > 2 and draw(st.integers(0, 5)) == 0:  # now and then a cycle
        deps.append((perm[n - 1], perm[0]))
    marks = {(i, p): draw(st.sampled_from([ALLOWED, ALLOWED, PARTLY, NOT_ALLOWED])) for i in ids for p in PROFILES}
    requires = {i: tuple(a for a, b in deps if b == i) for i in ids}
    items = tuple(Item(i, f"Name {i}", requires=requires[i], marks=tuple((p, marks[i, p]) for p in PROFILES))
                  for i in ids)
    catalogue = Catalogue(items=items, profiles=tuple(Profile(p, p) for p in PROFILES),
                          dependencies=tuple(Dependency(a, b) for a, b in deps))
    deployed = [i for i in ids if draw(st.integers(0, 3)) == 0]
    undeployed = [i for i in ids if i not in deployed]
    target = draw(st.sampled_from(undeployed)) if undeployed else None
    certified = draw(st.none() | st.lists(st.sampled_from(ids), unique=True))
    return catalogue, draw(st.sampled_from(PROFILES)), deployed, certified, target


def _closure(catalogue: Catalogue, item: str) -> set[str]:
    """Everything ``item`` requires, directly or through others (itself too when it lies on a cycle)."""
    requires = {i.id: i.requires for i in catalogue.items}
    seen: set[str] = set()
    stack = list(requires[item])
    while stack:
        x = stack.pop()
        if x not in seen:
            seen.add(x)
            stack.extend(requires[x])
    return seen


def _rounds(catalogue: Catalogue, profile: str, deployed: set[str]) -> dict[frozenset, int]:
    """Every set of items a profile can take into use, with the fewest rounds it takes (breadth first)."""
    allowed = {i.id for i in catalogue.items if i.allowed_by(profile)}
    needs = {i.id: _closure(catalogue, i.id) - deployed for i in catalogue.items}
    depth = {frozenset(): 0}
    frontier = [frozenset()]
    while frontier:
        following = []
        for done in frontier:
            ready = [i for i in sorted(allowed - deployed - done) if needs[i] <= done]
            for k in range(1, len(ready) + 1):
                for chosen in itertools.combinations(ready, k):
                    state = done | set(chosen)
                    if state not in depth:
                        depth[state] = depth[done] + 1
                        following.append(state)
        frontier = following
    return depth


def _natural(text: str) -> tuple:
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", text))


def _oracle(catalogue, current, deployed, certified, target):
    deployed = set(deployed)
    reach = {p: _rounds(catalogue, p, deployed) for p in PROFILES}
    reachable = {p: set().union(*reach[p]) for p in PROFILES}
    item = {i.id: i for i in catalogue.items}
    now = [i for i in item if i not in deployed and item[i].allowed_by(current)
           and not _closure(catalogue, i) - deployed and (certified is None or i in certified)]
    path = (_closure(catalogue, target) - deployed) | {target}
    rows = {}
    for p in PROFILES:
        with_target = [s for s in reach[p] if target in s]
        row = {"profile": p, "reaches_target": bool(with_target),
               "gains": sorted(reachable[p] - reachable[current]), "losses": sorted(reachable[current] - reachable[p]),
               "lost": sorted(i for i in deployed | set(now) if not item[i].allowed_by(p))}
        if with_target:
            fewest = min(len(s) for s in with_target)
            smallest = {s for s in with_target if len(s) == fewest}
            assert len(smallest) == 1, "the smallest way to the target is unique"
            row["still_to_deploy"] = sorted(smallest.pop())
            row["min_rounds"] = min(reach[p][s] for s in with_target)
        else:
            row["still_to_deploy"], row["min_rounds"] = sorted(path), None
        rows[p] = row
    ranked = sorted(rows.values(), key=lambda r: (not r["reaches_target"], len(r["still_to_deploy"]),
                                                  r["min_rounds"] is None, r["min_rounds"] or 0, len(r["lost"]),
                                                  _natural(r["profile"])))
    return ranked, path


@settings(max_examples=150, deadline=None)
@given(cases())
def test_ranking_equals_brute_force(case):
    catalogue, current, deployed, certified, target = case
    if target is None:
        return
    situation = Situation(catalogue, build_graph(catalogue), current, deployed=tuple(deployed),
                          certified=None if certified is None else tuple(certified))
    expected, path = _oracle(catalogue, current, deployed, certified, target)
    got = profile_rows(situation, target)
    assert [r["profile"] for r in got] == [r["profile"] for r in expected]
    for row, want in zip(got, expected):
        for key, value in want.items():
            assert sorted(row[key]) == value if isinstance(value, list) else row[key] == value, (key, row, want)
        assert row["current"] == (row["profile"] == current)
        if row["reaches_target"]:
            assert row["blocked_by"] == [] and row["reason"] is None
        else:
            # what keeps it out lies on the way to the target, and really does keep it out
            assert row["blocked_by"] and set(row["blocked_by"]) <= path
            if row["reason"] == "not-allowed":
                assert not any(catalogue.item(i).allowed_by(row["profile"]) for i in row["blocked_by"])
            else:
                assert all(i in _closure(catalogue, i) for i in row["blocked_by"])


@settings(max_examples=60, deadline=None)
@given(cases())
def test_what_if_comes_from_the_same_rows(case):
    """Without a target ``what_if`` is every other profile's gains and losses, in the catalogue's order."""
    catalogue, current, deployed, certified, target = case
    situation = Situation(catalogue, build_graph(catalogue), current, deployed=tuple(deployed))
    answer = next_answer(situation)
    expected, _ = _oracle(catalogue, current, deployed, None, target or catalogue.items[0].id)
    by_profile = {r["profile"]: r for r in expected}
    assert [w["profile"] for w in answer["what_if"]] == [p for p in PROFILES if p != current]
    for row in answer["what_if"]:
        assert row["gains"] == by_profile[row["profile"]]["gains"]
        assert row["losses"] == by_profile[row["profile"]]["losses"]
    if target is not None:
        with_target = next_answer(situation, target=target)
        assert "what_if" not in with_target and len(with_target["profiles"]) == len(PROFILES)


def test_target_in_use_or_unknown_is_refused():
    c = Catalogue(items=(Item("A", "Alpha", marks=(("P", ALLOWED),)),), profiles=(Profile("P", "P"),))
    s = Situation(c, build_graph(c), "P", deployed=("A",))
    with pytest.raises(UsageError):
        profile_rows(s, "A")
    with pytest.raises(UsageError):
        profile_rows(s, "B")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_json_ranks_every_profile():
    code, out, _ = run("next", "--profile", "SOS-V1", "--deployed", "SOS", "--target", "SOS-LV-HAKU",
                       "--format", "json")
    answer = json.loads(out)
    assert code == 0 and answer["target"] == "SOS-LV-HAKU" and "what_if" not in answer
    rows = answer["profiles"]
    assert sorted(r["profile"] for r in rows) == ["ARK", "POT", "SOS-LV", "SOS-V1", "SOS-V2"]
    for row in rows:
        assert {"profile", "reaches_target", "still_to_deploy", "min_rounds", "lost"} <= set(row)
    assert [r["profile"] for r in rows if r["reaches_target"]] == ["SOS-LV"]
    assert rows[0]["min_rounds"] == 4  # SOS-V1-ARK, SOS-LV-INF, then KIE and LUP together, then HAKU


def test_cli_text_one_sentence_per_profile_in_both_languages():
    for lang, one, rounds in (("fi", "vielä 1 osatoteutus ", "yhdessä kierroksessa"),
                              ("en", "1 more functionality to take", "in one round")):
        code, out, _ = run("next", "--profile", "SOS-V1", "--deployed", "SOS", "--target", "SOS-V1-ARK",
                           "--lang", lang)
        ranking = out.split("\n\n")[-1].strip().splitlines()
        assert code == 0 and len(ranking) == 1 + 5
        assert [line.split()[0] for line in ranking[1:]] == ["1.", "2.", "3.", "4.", "5."]
        assert all(line.endswith(".") for line in ranking[1:])
        assert one in ranking[1] and rounds in ranking[1]
    _, out, _ = run("next", "--profile", "SOS-V1", "--deployed", "SOS", "--target", "SOS-LV-HAKU")
    assert "vielä 5 osatoteutusta vähintään 4 kierroksessa" in out and "Jos profiili vaihdettaisiin" not in out


def test_cli_target_errors_exit_2_with_one_line():
    for target in ("SOS-LV-HAKUX", "SOS"):
        code, out, err = run("next", "--profile", "SOS-V1", "--deployed", "SOS", "--target", target)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
