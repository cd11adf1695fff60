"""References typed by people: the one resolver, its suggestions, and a library that refuses to guess.

Oracles: a reference one edit away from an id suggests that id; every
unique prefix of an id resolves to it (on the command line, which says
so); a prefix shared by several ids raises, listing exactly those ids.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analyser.findings import UnknownReference, UsageError
from analyser.load.catalogue import load_catalogue
from analyser.model import build_graph
from analyser.planning.answers import check_answer, next_answer, orders_answer
from analyser.planning.plan import make_plan, plan_periods
from analyser.planning.situation import Situation, item_ids, resolve_item, resolve_items, resolve_profile
from analyser.records import Catalogue, Item, Profile
from analyser.report.briefing import render_next, render_orders, render_plan
from analyser.text import words_answers, words_planning
from analyser.text.suggest import edit_distance, lookup, match_key, suggest
from analyser.text.vocabulary import ALLOWED, natural_key

C = load_catalogue()
G = build_graph(C)
ITEMS = [(i.id, i.name) for i in C.items]
PROFILES = [(p.id, p.name) for p in C.profiles]


def _one_edit(text: str):
    """Every text one character dropped or changed away from ``text``."""
    for k in range(len(text)):
        yield text[:k] + text[k + 1:]
        for ch in "x7Ä":
            if ch != text[k]:
                yield text[:k] + ch + text[k + 1:]


def _taken_by_another(variant: str, own: str, candidates) -> bool:
    """The variant is another candidate's id or name, as the resolver compares them."""
    key = match_key(variant)
    return any(key in (match_key(i), match_key(n)) for i, n in candidates if i != own)


# -- suggestions ---------------------------------------------------------------
@pytest.mark.parametrize("candidates", [ITEMS, PROFILES], ids=["items", "profiles"])
def test_one_edit_from_an_id_suggests_it(candidates):
    for own, _ in candidates:
        for variant in _one_edit(own):
            if not match_key(variant) or _taken_by_another(variant, own, candidates):
                continue
            found = lookup(variant, candidates)
            if found.found:
                assert found.id == own, (variant, found)
            else:
                assert own in found.candidates, (variant, found)


@settings(max_examples=200)
@given(st.lists(st.text("ABCDEFKLMPS0123-", min_size=1, max_size=8), min_size=1, max_size=12, unique=True),
       st.data())
def test_one_edit_suggests_the_id_among_random_ids(ids, data):
    candidates = [(i, "") for i in ids]
    own = data.draw(st.sampled_from(ids))
    variant = data.draw(st.sampled_from(list(_one_edit(own)) or [own]))
    if not match_key(variant) or _taken_by_another(variant, own, candidates):
        return
    assert own == lookup(variant, candidates).id or own in suggest(variant, candidates, n=len(ids))


def test_suggestions_are_deterministic_and_close_first():
    assert suggest("SOS-VANHA", ITEMS) == ["SOS-VANHAT"]
    assert suggest("SOS-V1-ARKK", ITEMS) == ["SOS-V1-ARK"]
    assert suggest("kielot", ITEMS) == ["SOS-LV-KIE"]  # a name one letter off
    assert suggest("PT", ITEMS)[0] == "PTA"
    assert suggest("zzzzzzzz", ITEMS) == []
    assert suggest("SOS-L", ITEMS) == suggest("SOS-L", list(reversed(ITEMS)))


def test_match_key_ignores_case_spaces_hyphens_and_diacritics():
    assert {match_key(t) for t in ("SOS-LV", "sos lv", "Sos–Lv", "SOSLV", " sos_lv ")} == {"soslv"}
    assert match_key("Kieltojä") == match_key("kieltoja")
    assert edit_distance("abc", "acb") == 1 and edit_distance("abc", "") == 3


# -- the resolver: unique prefixes, ambiguous ones ------------------------------
def _exact(variant: str, candidates) -> bool:
    key = match_key(variant)
    return any(key in (match_key(i), match_key(n)) for i, n in candidates)


@pytest.mark.parametrize("kind", ["items", "profiles"])
def test_every_unique_prefix_resolves_and_is_said(kind):
    candidates = ITEMS if kind == "items" else PROFILES
    for own, _ in candidates:
        for k in range(1, len(own) + 1):
            prefix = own[:k]
            if not match_key(prefix) or _exact(prefix, candidates):
                continue
            fits = sorted((i for i, _ in candidates if match_key(i).startswith(match_key(prefix))), key=natural_key)
            notes: list = []
            if fits == [own]:
                resolved = (resolve_items(C, prefix, notes=notes)[0] if kind == "items"
                            else resolve_profile(C, prefix, notes=notes))
                assert resolved == own
                assert [(n.ref, n.id, n.how) for n in notes] == [(prefix, own, "prefix")]
                with pytest.raises(UnknownReference) as info:  # the library does not take a prefix
                    resolve_item(C, prefix) if kind == "items" else resolve_profile(C, prefix)
                assert own in info.value.suggestions
            else:
                with pytest.raises(UnknownReference) as info:
                    resolve_items(C, prefix, notes=notes) if kind == "items" else resolve_profile(C, prefix, notes=notes)
                assert info.value.key.startswith("ambiguous_")
                assert info.value.suggestions == fits and not notes


def test_the_examples_of_the_issue():
    notes: list = []
    assert resolve_profile(C, "SOS-L", notes=notes) == "SOS-LV"
    assert resolve_profile(C, "SOSLV", notes=notes) == "SOS-LV"
    assert resolve_profile(C, "sos-lv", notes=notes) == "SOS-LV"
    assert resolve_profile(C, "Liittymisvelvoitteen asiakastietojärjestelmä", notes=notes) == "SOS-LV"
    assert resolve_items(C, "SOS-VANHA, SOS-V1ARK", notes=notes) == ["SOS-VANHAT", "SOS-V1-ARK"]
    assert [n.how for n in notes] == ["prefix", "spelling", "name", "prefix", "spelling"]
    assert notes[0].text("en") == "'SOS-L' was taken as the profile SOS-LV (the only id that starts so)."
    with pytest.raises(UnknownReference) as info:
        resolve_items(C, "SOS-V1-ARKK", "--deployed")
    assert info.value.suggestions == ["SOS-V1-ARK"]
    assert info.value.text("en") == "--deployed: unknown functionality 'SOS-V1-ARKK'. Did you mean SOS-V1-ARK?"
    assert info.value.text("fi") == "--deployed: tuntematon osatoteutus 'SOS-V1-ARKK'. Tarkoititko SOS-V1-ARK?"


def test_nothing_close_lists_what_exists():
    with pytest.raises(UnknownReference) as info:
        resolve_profile(C, "XYZ")
    assert info.value.key == "unknown_profile_known" and info.value.params["known"] == [p for p, _ in PROFILES]
    with pytest.raises(UnknownReference) as info:
        resolve_items(C, "QQQQQQ")
    assert info.value.key == "unknown_item_nearest" and len(info.value.params["known"]) == 5
    assert info.value.params["count"] == len(ITEMS)
    small = Catalogue(items=(Item("A", "Alpha"), Item("B", "Beta")))
    with pytest.raises(UnknownReference) as info:
        resolve_items(small, "QQQQQQ")
    assert info.value.key == "unknown_item_known" and info.value.params["known"] == ["A", "B"]
    assert "The table's functionalities are A, B." in info.value.text("en")
    with pytest.raises(UnknownReference) as info:
        resolve_profile(small, "P")
    assert info.value.key == "unknown_profile_none"


def test_several_unknown_items_are_named_together():
    with pytest.raises(UnknownReference) as info:
        resolve_items(C, "SOS, SOS-VANHA, SOS-V1-ARKK", "--deployed")
    err = info.value
    assert err.key == "unknown_items" and err.params["refs"] == ["'SOS-VANHA'", "'SOS-V1-ARKK'"]
    assert err.suggestions == ["SOS-VANHAT", "SOS-V1-ARK"]
    assert "Tarkoititko jotakin näistä: SOS-VANHAT, SOS-V1-ARK?" in err.text("fi")


def test_an_ambiguous_name_is_refused():
    c = Catalogue(items=(Item("A", "Sama"), Item("B", "Sama")))
    with pytest.raises(UnknownReference) as info:
        resolve_items(c, "sama")
    assert info.value.key == "ambiguous_item" and info.value.suggestions == ["A", "B"]


def test_a_profile_only_marks_name_is_still_a_profile():
    c = Catalogue(items=(Item("A", "a", marks=(("P", ALLOWED),)),))
    assert Situation(c, build_graph(c), "p").profile == "P"


# -- a library that refuses to guess ---------------------------------------------
def test_situation_resolves_or_raises_through_the_resolver():
    s = Situation(C, G, "sos-lv", deployed=("SOS",))
    assert s.profile == "SOS-LV" and s.available and not s.notes
    by_name = Situation(C, G, "Liittymisvelvoitteen asiakastietojärjestelmä", deployed=["sos"])
    assert by_name.profile == "SOS-LV" and by_name.available == s.available
    assert [(n.how, n.kind) for n in by_name.notes] == [("name", "profile")]
    for bad, suggestion in (("SOS-L", "SOS-LV"), ("SOSL", "SOS-LV")):
        with pytest.raises(UnknownReference) as info:
            Situation(C, G, bad, deployed=("SOS",))
        assert info.value.suggestions == [suggestion]
        assert isinstance(info.value, (KeyError)) and isinstance(info.value, ValueError)


def test_unknown_deployed_item_is_an_unknown_reference_not_a_bare_key_error():
    with pytest.raises(UnknownReference) as info:
        Situation(C, G, "SOS-LV", deployed=("SOS-VANHA",))
    assert info.value.suggestions == ["SOS-VANHAT"] and info.value.params["what"] == "deployed"
    with pytest.raises(UnknownReference):
        Situation(C, G, "SOS-LV", deployed=("SOS",), certified=("SOS-LV-IN",))


@pytest.mark.parametrize("field", ["deployed", "certified"])
def test_a_text_where_ids_are_expected_is_refused(field):
    with pytest.raises(UsageError) as info:
        Situation(C, G, "SOS-LV", **{field: "SOS"})
    assert not isinstance(info.value, UnknownReference)
    assert info.value.key == "not_a_list" and info.value.params["example"] == "['SOS']"
    assert info.value.text("en") == f"{field} takes a list of ids, not one text: write {field}=['SOS']."


def test_other_entry_points_take_references_through_the_resolver():
    s = Situation(C, G, "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    periods = plan_periods(C.periods, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    plan = make_plan(s, target="sos-lv-inf", periods=periods)
    assert plan.target == "SOS-LV-INF" and [e.item for e in plan.extensions] == ["SOS-LV-INF"]
    with pytest.raises(UnknownReference) as info:
        make_plan(s, target="SOS-LV-IN", periods=periods)
    assert info.value.params["what"] == "target"
    with pytest.raises(UsageError) as info:
        make_plan(s, periods=periods, capacity=0)
    assert info.value.key == "capacity"
    assert check_answer(s, ["sos-lv-inf", "SOS-LV-INF"])["violations"][0]["reason"] == "duplicate"
    with pytest.raises(UsageError):
        check_answer(s, "SOS-LV-INF")
    with pytest.raises(UnknownReference):
        s.path_to("SOS-LV-HAK")
    assert s.missing("sos-lv-haku") == s.missing("SOS-LV-HAKU")
    with pytest.raises(UnknownReference):
        s.allowed("SOS-LV-HAK")
    with pytest.raises(UsageError) as info:
        orders_answer(s, level="group")
    assert info.value.suggestions == ["groups"]
    recommended = orders_answer(s)["recommended"]
    ranked = orders_answer(s, rank=[recommended[0].lower(), *recommended[1:]])["rank"]
    assert ranked["order"] == recommended
    assert item_ids(C, ["SOS", "sos"], "order", unique=False) == ("SOS", "SOS")


def test_reprs_are_one_short_line():
    s = Situation(C, G, "SOS-LV", deployed=("SOS",))
    for obj in (C, s):
        text = repr(obj)
        assert "\n" not in text and len(text) < 200, text
    many = Situation(C, G, "POT", deployed=[i for i, _ in ITEMS])
    assert "<20 items>" in repr(many)


# -- the planner's language --------------------------------------------------------
def _placeholders(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("module", [words_planning, words_answers])
def test_words_have_both_languages_with_the_same_placeholders(module):
    for key, (fi, en) in module.WORDS.items():
        assert type(fi) is type(en), key
        forms = [*fi, *en] if isinstance(fi, tuple) else [fi, en]
        assert all(form.strip() for form in forms), key
        assert len({frozenset(_placeholders(f)) for f in forms}) <= 2, key
        if not isinstance(fi, tuple):
            assert _placeholders(fi) == _placeholders(en), key


def test_situation_findings_are_worded_from_params():
    s = Situation(C, G, "ARK", deployed=("SOS-V1-ARK",))
    found = {f.code: f for f in s.findings}
    assert dict(found["deployed-not-allowed"].params) == {"id": "SOS-V1-ARK", "profile": "ARK"}
    missing = found["deployed-prerequisite-missing"]
    assert dict(missing.params) == {"id": "SOS-V1-ARK", "missing": ("SOS",), "n": 1}
    assert missing.text("fi") == "SOS-V1-ARK on käytössä, mutta sen edellytys SOS ei ole käytössä"
    two = Situation(C, G, "SOS-LV", deployed=("SOS-LV-HAKU",)).findings[0]
    assert two.text("en").startswith("SOS-LV-HAKU is in use but its prerequisites ") and two.text("en").endswith("are not in use")


def test_answers_speak_the_language_asked():
    s = Situation(C, G, "SOS-V2", deployed=("SOS", "SOS-V1-ARK"))
    fi, en = next_answer(s), next_answer(s, lang="en")
    assert fi["excluded"][0]["reason"].startswith("edellyttää osatoteutuksia SOS-LV-KIE")
    assert en["excluded"][0]["reason"].startswith("requires SOS-LV-KIE")
    assert fi["excluded"][0]["blockers"] == en["excluded"][0]["blockers"]
    text = render_next(fi, C, "fi")
    assert "requires" not in text and "which the profile" not in text
    assert "requires SOS-LV-KIE" in render_next(fi, C, "en")  # the renderer words the reason in its own language
    groups = orders_answer(Situation(C, G, "SOS-LV"), level="groups")
    fi_text, en_text = render_orders(groups, C, "fi"), render_orders(groups, C, "en")
    for key in ("old", "phase-1", "joining-obligation"):
        assert key not in fi_text and key not in en_text
    assert "Aalto 1: Vanhat asiakirjat, 1. vaiheen asiakirjat" in fi_text
    assert groups["labels"]["old"] == "Vanhat asiakirjat"


def test_plural_forms_of_the_plan():
    s = Situation(C, G, "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    periods = plan_periods(C.periods, start=dt.date(2027, 1, 1), today=dt.date(2026, 11, 1))
    one = render_plan(make_plan(s, target="SOS-LV-INF", periods=periods).as_dict(), C, "fi")
    assert "Tavoitteeseen tarvitaan 1 osatoteutus;" in one
    two = render_plan(make_plan(s, target="SOS-LV-KIE", periods=periods).as_dict(), C, "fi")
    assert "Tavoitteeseen tarvitaan 2 osatoteutusta;" in two
    assert "Oletukset: käyttöönotto jakson ensimmäisenä arkipäivänä" in one
    en = render_plan(make_plan(s, target="SOS-LV-INF", periods=periods).as_dict(), C, "en")
    assert "The target needs 1 functionality;" in en


def test_profile_candidates_of_a_hand_built_catalogue():
    c = Catalogue(items=(Item("A", "a", marks=(("P", ALLOWED),)),), profiles=(Profile("Q", "Kuu"),))
    assert resolve_profile(c, "kuu") == "Q"
    assert resolve_profile(c, "P") == "P"



def test_repeated_period_names_are_said_in_words():
    from analyser.planning.plan import PlanPeriod

    s = Situation(C, G, "SOS-LV", deployed=("SOS", "SOS-VANHAT", "SOS-V1-ARK"))
    periods = [PlanPeriod("2027/1", dt.date(2027, 1, 11)), PlanPeriod("2027/1", dt.date(2027, 4, 12))]
    with pytest.raises(UsageError) as info:
        make_plan(s, target="SOS-LV-INF", periods=periods)
    assert info.value.key == "period_names_repeat" and info.value.params["names"] == ["2027/1"]
    assert info.value.text("en") == "the name 2027/1 is given to more than one deployment period"
