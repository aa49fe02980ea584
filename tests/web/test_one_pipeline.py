"""One pipeline, three faces: the seeds give the same findings by ``jixiao audit`` on the
folder, by ``jixiao import`` of the folder and by uploading them through the API.

The linkage findings (L0xx: a self-evaluation against the target table of the same project,
printed in another file) are the ones that used to differ: the store must check a document
against those already stored, whichever arrives first. The import goes in name order (the
targets last: stored self-evaluations are checked again), the upload in reverse (the targets
first: a new self-evaluation is checked against them).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.store.db import transaction
from jixiao.store.schema import DocumentRow, FindingRow
from tests.shared import SEEDS, requires_shared
from tests.web.web_fixtures import bearer

pytestmark = requires_shared
Key = tuple[str, str | None, str | None, str]


def stored(factory: Any) -> Counter[Key]:
    with transaction(factory) as s:
        return Counter((r.code, r.project, r.indicator, r.message) for r in s.execute(
            select(FindingRow.code, FindingRow.project, FindingRow.indicator, FindingRow.message)))


def database_url(engine: Any, schema: str | None) -> str:
    if schema is None:
        return str(engine.url.render_as_string(hide_password=False))
    base = os.environ["JIXIAO_TEST_DATABASE_URL"]
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def test_seeds_give_the_same_findings_by_audit_import_and_upload(
        tmp_path: Path, engine: Any, factory: Any, client: Any, users: dict[str, str],
        pg_schema_url: str | None) -> None:
    runner = CliRunner()
    report = tmp_path / "audit.json"
    audited = runner.invoke(app, ["audit", str(SEEDS), "--format", "json", "--out", str(report)])
    assert audited.exit_code in (0, 1), audited.output
    by_audit: Counter[Key] = Counter((f["code"], f["project"], f["indicator"], f["message"])
                                     for f in json.loads(report.read_text("utf-8"))["findings"])
    linkage = sum(n for k, n in by_audit.items() if k[0].startswith("L"))
    assert linkage >= 10, "the seeds link self-evaluations to targets printed in another file"

    imported = runner.invoke(app, ["import", str(SEEDS), "--workers", "1",
                                   "--database", database_url(engine, pg_schema_url)])
    assert imported.exit_code in (0, 1), imported.output
    by_import = stored(factory)
    assert by_import == by_audit, (by_audit - by_import, by_import - by_audit)

    with transaction(factory) as s:       # start again, empty, for the uploads
        s.execute(delete(FindingRow))
        s.execute(delete(DocumentRow))
    for path in sorted(SEEDS.glob("*.txt"), reverse=True):
        r = client.post("/api/documents", headers=bearer(users["admin"]),
                        files={"file": (path.name, path.read_bytes(), "text/plain")})
        assert r.status_code == 201, r.text
    by_upload = stored(factory)
    assert by_upload == by_audit, (by_audit - by_upload, by_upload - by_audit)


def test_deleting_the_targets_takes_their_linkage_findings_away(client: Any, factory: Any,
                                                               users: dict[str, str]) -> None:
    ids = {}
    for path in sorted(SEEDS.glob("*.txt")):
        r = client.post("/api/documents", headers=bearer(users["admin"]),
                        files={"file": (path.name, path.read_bytes(), "text/plain")})
        ids[path.name[:3]] = r.json()["document"]["id"]
    assert any(k[0].startswith("L") for k in stored(factory))
    assert client.delete(f"/api/documents/{ids['004']}", headers=bearer(users["admin"])).status_code == 204
    assert not any(k[0].startswith("L") for k in stored(factory))
