"""Bad uploads: refused with a Chinese message, nothing stored (a folder of bad inputs, by defect)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.web.web_fixtures import bearer, make_doc

BAD = {
    "binary": ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
    "empty": ("empty.txt", b""),
    "prose_without_tables": ("letter.txt", "尊敬的领导：本单位今年工作顺利。<script>alert(1)</script>".encode()),
    "gbk_nonsense": ("bad.txt", b"\xff\xfe\xfd" * 50 + b"\x00" * 10),
}


@pytest.mark.parametrize("defect", sorted(BAD))
def test_not_a_document_is_400_and_nothing_stored(client: Any, users: dict[str, str], defect: str) -> None:
    name, data = BAD[defect]
    r = client.post("/api/documents", files={"file": (name, data)}, headers=bearer(users["admin"]))
    assert r.status_code == 400, r.text
    error = r.json()["error"]
    assert error["code"] == "not_a_document" and re.search(r"[\u4e00-\u9fff]", error["message"])
    assert client.get("/api/documents").json()["total"] == 0


def test_too_large_is_413(client: Any, users: dict[str, str]) -> None:
    big = make_doc() + b" " * 250_000      # the test app allows 200 000 bytes
    r = client.post("/api/documents", files={"file": ("big.txt", big)}, headers=bearer(users["admin"]))
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"
    assert "文件过大" in r.json()["error"]["message"]
    slightly = make_doc() + b" " * 201_000   # under the body check, over the per-file limit
    r = client.post("/api/documents", files={"file": ("big.txt", slightly)}, headers=bearer(users["admin"]))
    assert r.status_code == 413
    assert client.get("/api/documents").json()["total"] == 0


@pytest.mark.parametrize("name, stored", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\system.ini", "system.ini"),
    ("/abs/path/自评表.txt", "自评表.txt"),
    ("....hidden.txt", "hidden.txt"),
    ("a<script>b.txt", "ascriptb.txt"),
    ("a|b?c*.txt", "abc.txt"),
    ("../", "未命名文件"),
])
def test_names_lose_their_paths(client: Any, users: dict[str, str], name: str, stored: str) -> None:
    data = make_doc(unit=name)      # a different content each time
    r = client.post("/api/documents", files={"file": (name, data)}, headers=bearer(users["admin"]))
    assert r.status_code == 201, r.text
    assert r.json()["document"]["name"] == stored
    disposition = client.get(f"/api/documents/{r.json()['document']['id']}/original").headers["content-disposition"]
    assert "/" not in disposition.split("filename*=")[1].replace("%2F", "/").split("''")[0]


def test_web_form_upload_many_keeps_good_refuses_bad(client: Any, users: dict[str, str]) -> None:
    page = client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
    client.post("/login", data={"name": "editor", "password": "edit-pass-1", "csrf": csrf})
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/upload").text).group(1)
    files = [("files", ("good.txt", make_doc())), ("files", BAD["binary"]), ("files", BAD["empty"])]
    r = client.post("/upload", files=files, data={"csrf": csrf})
    assert r.status_code == 200
    assert r.text.count("未保存：") == 2 and "已导入" in r.text
    assert client.get("/api/documents").json()["total"] == 1
    refused = client.post("/upload", files=[("files", ("g2.txt", make_doc(year=2001)))], data={"csrf": "wrong"},
                          headers={"accept": "text/html"})
    assert refused.status_code == 403 and client.get("/api/documents").json()["total"] == 1


def test_safe_name_drops_control_characters() -> None:
    from jixiao.web.uploads import safe_name

    assert safe_name("x\x00y\n.txt") == "xy.txt"
    assert safe_name(None) == "未命名文件"
    assert len(safe_name("长" * 500 + ".txt")) == 200 and safe_name("长" * 500 + ".txt").endswith(".txt")
