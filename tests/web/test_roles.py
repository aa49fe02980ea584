"""Roles, enforced by the API and the repository (not only hidden in the pages)."""

from __future__ import annotations

import re
from typing import Any

from tests.web.web_fixtures import bearer, make_doc


def setup_doc(client: Any, users: dict[str, str]) -> tuple[int, int, int]:
    """A document of 中卫市就业创业和人才服务中心: (project id, an indicator id, a finding id)."""
    doc = client.post("/api/documents", files={"file": ("a.txt", make_doc())},
                      headers=bearer(users["admin"])).json()["document"]
    project = client.get(f"/api/documents/{doc['id']}").json()["projects"][0]
    card = client.get(f"/api/projects/{project['id']}").json()
    s004 = next(f for f in card["findings"] if f["code"] == "S004")
    return project["id"], card["indicators"][1]["id"], s004["id"]


def test_editor_refused_another_units_project(client: Any, users: dict[str, str]) -> None:
    _, indicator, _ = setup_doc(client, users)
    r = client.patch(f"/api/indicators/{indicator}", json={"version": 1, "actual": "1"},
                     headers=bearer(users["other"]))
    assert r.status_code == 403
    assert r.json()["error"]["code"] == "forbidden" and "无权修改" in r.json()["error"]["message"]
    assert client.get(f"/api/indicators/{indicator}").json()["actual"] == "1464"
    mine = client.patch(f"/api/indicators/{indicator}", json={"version": 1, "actual": "1470"},
                        headers=bearer(users["editor"]))
    assert mine.status_code == 200


def test_reviewer_reads_and_marks_but_does_not_edit_or_upload(client: Any, users: dict[str, str]) -> None:
    _, indicator, finding = setup_doc(client, users)
    h = bearer(users["reviewer"])
    assert client.patch(f"/api/indicators/{indicator}", json={"version": 1, "actual": "1"}, headers=h).status_code == 403
    assert client.post("/api/documents", files={"file": ("b.txt", make_doc(year=2020))}, headers=h).status_code == 403
    assert client.patch(f"/api/findings/{finding}", json={"status": "resolved"}, headers=h).status_code == 200


def test_editor_cannot_mark_findings(client: Any, users: dict[str, str]) -> None:
    _, _, finding = setup_doc(client, users)
    r = client.patch(f"/api/findings/{finding}", json={"status": "resolved"}, headers=bearer(users["editor"]))
    assert r.status_code == 403


def test_public_reads_without_login_and_writes_nothing(client: Any, users: dict[str, str]) -> None:
    project, indicator, finding = setup_doc(client, users)
    assert client.get(f"/api/projects/{project}").status_code == 200
    assert [f["code"] for f in client.get("/api/findings").json()["items"]] == ["S004", "S005"]
    assert client.get(f"/projects/{project}").status_code == 200
    assert client.patch(f"/api/indicators/{indicator}", json={"version": 1, "actual": "1"}).status_code == 401
    assert client.patch(f"/api/findings/{finding}", json={"status": "resolved"}).status_code == 401
    assert "修改</summary>" not in client.get(f"/projects/{project}").text


def test_edit_form_shown_only_to_who_may_edit(client: Any, users: dict[str, str]) -> None:
    project, indicator, _ = setup_doc(client, users)
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"name": "other", "password": "other-pass-1", "csrf": csrf})
    html = client.get(f"/projects/{project}").text
    assert "修改</summary>" not in html
    csrf = re.search(r'name="csrf" value="([^"]+)"', html).group(1)
    # Posting the form anyway is refused by the repository.
    r = client.post(f"/indicators/{indicator}", data={"version": "1", "actual": "1", "csrf": csrf},
                    headers={"accept": "text/html"})
    assert r.status_code == 403 and "无权修改" in r.text
