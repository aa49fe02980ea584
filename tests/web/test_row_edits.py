"""Editing what reviewers need: 偏差原因, 年度指标值 and 实际完成值, the printed value kept
beside the edited one, a history on the project page, and conflicts checked per row.

The document leaves 补贴人数 (1464 of ≥1500, 48.80 of 50) without a deviation reason: S010.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.web.test_api import login, upload
from tests.web.web_fixtures import DEFAULT_PROJECT, bearer, make_doc


def no_reason() -> bytes:
    project = copy.deepcopy(DEFAULT_PROJECT)
    project["indicators"][0].pop("reason")
    return make_doc(projects=[project])


def rows(client: Any, users: dict[str, str]) -> tuple[int, dict[str, dict[str, Any]]]:
    doc = upload(client, users["editor"], no_reason()).json()["document"]
    project = client.get(f"/api/documents/{doc['id']}").json()["projects"][0]
    card = client.get(f"/api/projects/{project['id']}").json()
    return project["id"], {i["name"]: i for i in card["indicators"]}


def codes(client: Any, project_id: int) -> list[str]:
    return sorted(f["code"] for f in client.get(f"/api/projects/{project_id}").json()["findings"])


def test_a_deviation_reason_filled_in_closes_its_finding(client: Any, users: dict[str, str]) -> None:
    project_id, by_name = rows(client, users)
    assert "S010" in codes(client, project_id)
    row = by_name["补贴人数（人）"]
    r = client.patch(f"/api/indicators/{row['id']}", json={"version": 1, "reason": "部分人员未按期申报"},
                     headers=bearer(users["editor"]))
    assert r.status_code == 200, r.text
    assert "S010" not in codes(client, project_id)
    edited = client.get(f"/api/indicators/{row['id']}").json()
    assert edited["reason"] == "部分人员未按期申报" and edited["printed"]["reason"] is None
    assert edited["printed"]["actual"] == "1464"


def test_a_target_edited_rescores_and_keeps_the_printed_value_beside(client: Any, users: dict[str, str]) -> None:
    project_id, by_name = rows(client, users)
    row = by_name["补贴人数（人）"]
    assert row["recomputed_score"] != "50"
    r = client.patch(f"/api/indicators/{row['id']}", json={"version": 1, "target": "≥1400"},
                     headers=bearer(users["editor"]))
    assert r.status_code == 200, r.text
    after = next(i for i in r.json()["indicators"] if i["id"] == row["id"])
    assert (after["target"], after["recomputed_score"]) == ("≥1400", "50")      # 1464 meets ≥1400
    login(client, "editor", "edit-pass-1")
    html = client.get(f"/projects/{project_id}").text
    assert "≥1400" in html and "原印：≥1500" in html
    # the history: who, which row, from what to what
    assert 'id="history"' in html and "editor" in html and "年度指标值：≥1500 → ≥1400" in html


def test_the_public_sees_no_history(client: Any, users: dict[str, str]) -> None:
    project_id, by_name = rows(client, users)
    client.patch(f"/api/indicators/{by_name['就业率']['id']}", json={"version": 1, "score": "40"},
                 headers=bearer(users["editor"]))
    html = client.get(f"/projects/{project_id}").text
    assert 'id="history"' not in html and "修改记录" not in html


def test_two_people_editing_different_rows_both_succeed(client: Any, users: dict[str, str]) -> None:
    project_id, by_name = rows(client, users)
    first = client.patch(f"/api/indicators/{by_name['补贴人数（人）']['id']}",
                         json={"version": 1, "actual": "1500"}, headers=bearer(users["editor"]))
    second = client.patch(f"/api/indicators/{by_name['就业率']['id']}",       # saw version 1 as well
                          json={"version": 1, "score": "40"}, headers=bearer(users["admin"]))
    assert first.status_code == 200 and second.status_code == 200, second.text
    assert client.get(f"/api/projects/{project_id}").json()["version"] == 3
    values = {i["name"]: (i["actual"], i["printed_score"]) for i in client.get(f"/api/projects/{project_id}").json()["indicators"]}
    assert values["补贴人数（人）"][0] == "1500" and values["就业率"][1] == "40"      # both edits kept
    assert "S004" not in codes(client, project_id)


def test_the_same_row_conflicts_naming_the_row_and_the_other_value(client: Any, users: dict[str, str]) -> None:
    _, by_name = rows(client, users)
    row = by_name["补贴人数（人）"]
    assert client.patch(f"/api/indicators/{row['id']}", json={"version": 1, "actual": "1490"},
                        headers=bearer(users["admin"])).status_code == 200
    late = client.patch(f"/api/indicators/{row['id']}", json={"version": 1, "reason": "迟到的修改"},
                        headers=bearer(users["editor"]))
    assert late.status_code == 409
    message = late.json()["error"]["message"]
    assert "“补贴人数（人）”已被 admin" in message and "实际完成值“1490”" in message and "当前版本 2" in message
    assert client.get(f"/api/indicators/{row['id']}").json()["reason"] is None       # nothing saved


def test_bad_edits_are_clear_messages(client: Any, users: dict[str, str]) -> None:
    _, by_name = rows(client, users)
    fund = next(i for i in by_name.values() if i["row"] == "fund")
    h = bearer(users["editor"])
    r = client.patch(f"/api/indicators/{fund['id']}", json={"version": 1, "reason": "x"}, headers=h)
    assert r.status_code == 400 and "不能修改字段“reason”" in r.json()["error"]["message"]
    r = client.patch(f"/api/indicators/{by_name['就业率']['id']}", json={"version": 1, "score": "很高"}, headers=h)
    assert r.status_code == 400 and "得分须为数字" in r.json()["error"]["message"]
    r = client.patch(f"/api/indicators/{by_name['就业率']['id']}", json={"version": 99, "score": "1"}, headers=h)
    assert r.status_code == 409


def test_a_form_sending_unchanged_values_records_only_the_change(client: Any, users: dict[str, str]) -> None:
    """The page's form sends every field; the history lists only what the person changed."""
    project_id, by_name = rows(client, users)
    row = by_name["就业率"]
    csrf = login(client, "editor", "edit-pass-1")
    form = {"csrf": csrf, "version": "1", "target": row["target"], "actual": row["actual"],
            "weight": row["weight"], "score": "40", "reason": ""}
    r = client.post(f"/indicators/{row['id']}", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(f"#row-{row['id']}")
    log = client.get("/api/audit", params={"entity": "indicator"}, headers=bearer(users["reviewer"])).json()
    assert {k for k in log["items"][0]["after"] if k not in ("version", "project_id")} == {"score"}
    again = client.post(f"/indicators/{row['id']}", data=form | {"version": "2"}, headers={"Accept": "text/html"})
    assert again.status_code == 400 and "没有要修改的值" in again.text
