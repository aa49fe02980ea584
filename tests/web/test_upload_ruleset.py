"""The rule set chosen on upload is kept with the document: the first scoring and every
rescoring after an edit use it (issue 11's rule-set choice, left over until documents kept it)."""

from __future__ import annotations

import re
from typing import Any

from jixiao.pipeline import run_bytes
from jixiao.score.ruleset import list_rulesets, load_ruleset
from tests.web.web_fixtures import bearer, make_doc

CHOSEN = "national-2020"


def upload(client: Any, token: str, ruleset: str | None, name: str = "自评表.txt") -> Any:
    data = {"ruleset": ruleset} if ruleset is not None else {}
    return client.post("/api/documents", files={"file": (name, make_doc(), "text/plain")}, data=data,
                       headers=bearer(token))


def rule_titles(card: dict[str, Any]) -> set[str]:
    """The rule sets the S005 findings say they recomputed by (按《…》规则重算)."""
    return {m for f in card["findings"] if f["code"] == "S005" for m in re.findall(r"按《(.+?)》规则", f["message"])}


def test_the_chosen_rule_set_scores_the_upload_and_every_rescoring(client: Any, users: dict[str, str]) -> None:
    chosen = load_ruleset(CHOSEN)
    assert run_bytes("自评表.txt", make_doc()).scorecards[0].ruleset != CHOSEN    # region and year choose another
    r = upload(client, users["editor"], CHOSEN)
    assert r.status_code == 201, r.text
    doc = r.json()["document"]
    assert doc["ruleset"] == CHOSEN
    [project] = client.get(f"/api/documents/{doc['id']}").json()["projects"]
    card = client.get(f"/api/projects/{project['id']}").json()
    assert rule_titles(card) == {chosen.title}

    # an edit rescores the whole document: still by the chosen rules, not by region and year
    row = next(i for i in card["indicators"] if i["name"] == "就业率")
    edited = client.patch(f"/api/indicators/{row['id']}", json={"version": card["version"], "reason": "招聘会推迟"},
                          headers=bearer(users["editor"]))
    assert edited.status_code == 200, edited.text
    assert rule_titles(edited.json()) == {chosen.title}
    page = client.get(f"/documents/{doc['id']}").text
    assert f"{chosen.title}（导入时选定）" in page


def test_without_a_choice_the_rules_follow_region_and_year(client: Any, users: dict[str, str]) -> None:
    r = upload(client, users["editor"], "")
    assert r.status_code == 201 and r.json()["document"]["ruleset"] is None
    [project] = client.get(f"/api/documents/{r.json()['document']['id']}").json()["projects"]
    titles = rule_titles(client.get(f"/api/projects/{project['id']}").json())
    assert titles and load_ruleset(CHOSEN).title not in titles


def test_an_unknown_rule_set_is_refused_and_nothing_stored(client: Any, users: dict[str, str]) -> None:
    r = upload(client, users["editor"], "不存在的规则")
    assert r.status_code == 400, r.text
    assert "未知规则集" in r.text and CHOSEN in r.text
    assert client.get("/api/documents").json()["total"] == 0


def test_the_upload_form_offers_every_rule_set(client: Any, users: dict[str, str]) -> None:
    form = client.get("/login").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    client.post("/login", data={"name": "editor", "password": "edit-pass-1", "csrf": csrf}, follow_redirects=False)
    page = client.get("/upload").text
    options = re.findall(r'<option value="([^"]*)">', page)
    assert options == ["", *(r.name for r in list_rulesets())]
