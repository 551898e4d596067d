"""Document upload (multipart, upload rules), download (Content-Disposition) and deletion."""

from __future__ import annotations

import zipfile
from io import BytesIO

import httpx
import pytest

from dossier_sandbox.blobs import minimal_docx, minimal_pdf, minimal_png
from tests.sandbox_fixtures import client_of, new_dossier


@pytest.fixture
def small_sandbox(sandbox_factory):
    return sandbox_factory(
        dossiers=50, max_upload_bytes=64 * 1024, max_files_per_request=3, upload_rules_endpoint=True
    )


def test_upload_list_download_delete(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    pdf = minimal_pdf("Verslag")
    response = api_client.post(
        f"dossiers({dossier['id']})/documents",
        data={
            "description": "Gespreksverslag",
            "documentType": "Administrative",
            "documentDate": "2026-02-03",
            "confidential": "false",
        },
        files=[
            ("file", ("verslag.pdf", pdf, "application/pdf")),
            ("file", ("foto.png", minimal_png(), "image/png")),
        ],
    )
    assert response.status_code == 201, response.text
    created = response.json()["value"]
    assert [d["fileName"] for d in created] == ["verslag.pdf", "foto.png"]
    assert created[0]["fileSize"] == len(pdf)
    assert created[0]["mimeType"] == "application/pdf"
    assert created[0]["documentDate"] == "2026-02-03"
    assert created[0]["description"] == "Gespreksverslag"
    assert response.headers["location"].endswith(f"/documents({created[0]['id']})")
    touched = api_client.get(f"dossiers({dossier['id']})").json()
    assert touched["@odata.etag"] != dossier["@odata.etag"]

    listed = api_client.get(f"dossiers({dossier['id']})/documents").json()["value"]
    assert {d["id"] for d in listed} == {d["id"] for d in created}
    content = api_client.get(f"documents({created[0]['id']})/content")
    assert content.status_code == 200
    assert content.content == pdf
    assert content.headers["content-type"].startswith("application/pdf")
    assert (
        content.headers["content-disposition"]
        == "attachment; filename=\"verslag.pdf\"; filename*=UTF-8''verslag.pdf"
    )

    doc = api_client.get(f"documents({created[1]['id']})").json()
    assert api_client.delete(f"documents({doc['id']})").status_code == 412  # BC: 412, not 428
    assert (
        api_client.delete(f"documents({doc['id']})", headers={"If-Match": doc["@odata.etag"]}).status_code
        == 204
    )
    assert api_client.get(f"documents({doc['id']})").status_code == 404


def test_download_filename_rfc5987_for_non_ascii(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    name = 'Ziekmelding Zoë "Müller" €.docx'
    created = api_client.post(
        f"dossiers({dossier['id']})/documents", files={"file": (name, minimal_docx())}
    ).json()
    doc = created["value"][0]
    assert doc["fileName"] == name
    disposition = api_client.get(f"documents({doc['id']})/content").headers["content-disposition"]
    assert "filename*=UTF-8''Ziekmelding%20Zo%C3%AB%20%22M%C3%BCller%22%20%E2%82%AC.docx" in disposition
    assert 'filename="Ziekmelding Zo_ _M_ller_ _.docx"' in disposition


def test_path_in_filename_is_stripped(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    doc = api_client.post(
        f"dossiers({dossier['id']})/documents", files={"file": ("..\\..\\C:\\temp\\brief.txt", b"hallo")}
    ).json()["value"][0]
    assert doc["fileName"] == "brief.txt"


def test_upload_rules_endpoint(small_sandbox) -> None:
    with client_of(small_sandbox) as client:
        rules = client.get("uploadRules").json()
        assert rules["maxFileSize"] == 64 * 1024
        assert rules["maxFilesPerRequest"] == 3
        assert ".pdf" in rules["allowedExtensions"]
        assert ".exe" not in rules["allowedExtensions"]


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ([("file", ("virus.exe", b"MZ"))], 400),
        ([("file", ("noextension", b"x"))], 400),
        ([("file", ("big.pdf", b"0" * (64 * 1024 + 1)))], 413),
        ([("file", (f"f{i}.txt", b"x")) for i in range(4)], 400),
        ([("attachment", ("a.pdf", b"x"))], 400),
    ],
)
def test_upload_rules_enforced(small_sandbox, files: list, status: int) -> None:
    with client_of(small_sandbox) as client:
        dossier = new_dossier(client)
        count = len(client.get(f"dossiers({dossier['id']})/documents").json()["value"])
        response = client.post(f"dossiers({dossier['id']})/documents", files=files)
        assert response.status_code == status, response.text
        assert response.json()["error"]["details"][0]["target"] in ("file", "attachment")
        assert len(client.get(f"dossiers({dossier['id']})/documents").json()["value"]) == count
    leftovers = list((small_sandbox.data_dir / "blobs").glob("upload-*"))
    assert leftovers == []


def test_upload_without_file_part(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    body = b'--b1\r\nContent-Disposition: form-data; name="description"\r\n\r\nonly text\r\n--b1--\r\n'
    response = api_client.post(
        f"dossiers({dossier['id']})/documents",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=b1"},
    )
    assert response.status_code == 400
    assert response.json()["error"]["details"][0]["target"] == "file"


def test_bad_form_fields(api_client: httpx.Client) -> None:
    dossier = new_dossier(api_client)
    response = api_client.post(
        f"dossiers({dossier['id']})/documents",
        files={"file": ("a.pdf", b"x")},
        data={"documentType": "Secret", "confidential": "maybe"},
    )
    assert response.status_code == 400
    assert {d["target"] for d in response.json()["error"]["details"]} == {"documentType", "confidential"}
    not_multipart = api_client.post(f"dossiers({dossier['id']})/documents", json={"file": "x"})
    assert not_multipart.status_code == 415


def test_upload_streams_to_disk_at_exact_size(sandbox_factory) -> None:
    server = sandbox_factory(dossiers=50, max_upload_bytes=3 * 1024 * 1024)
    payload = bytes(range(256)) * (3 * 1024 * 1024 // 256)  # exactly the limit
    with client_of(server) as client:
        dossier = new_dossier(client)
        doc = client.post(
            f"dossiers({dossier['id']})/documents", files={"file": ("scan.pdf", payload)}
        ).json()["value"][0]
        assert doc["fileSize"] == len(payload)
        assert client.get(f"documents({doc['id']})/content").content == payload


def test_seeded_documents_are_real_files(client_for) -> None:
    doctor = client_for("occhealth@demo")
    docs = doctor.get("documents", params={"$top": "200"}).json()["value"]
    kinds = {}
    for doc in docs:
        kinds.setdefault(doc["fileName"].rsplit(".", 1)[-1], doc)
    assert {"pdf", "png", "docx", "txt"} <= set(kinds)
    assert doctor.get(f"documents({kinds['pdf']['id']})/content").content.startswith(b"%PDF-1.4")
    assert doctor.get(f"documents({kinds['png']['id']})/content").content.startswith(b"\x89PNG\r\n\x1a\n")
    docx = doctor.get(f"documents({kinds['docx']['id']})/content").content
    assert "word/document.xml" in zipfile.ZipFile(BytesIO(docx)).namelist()
