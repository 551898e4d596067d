"""Documents: metadata rows, blobs on disk (or shared seed blobs), download responses."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.responses import FileResponse, Response

from dossier_sandbox import dossiers
from dossier_sandbox.blobs import MIME_BY_EXTENSION, seed_blob
from dossier_sandbox.db import Change, Database
from dossier_sandbox.errors import ApiError, detail
from dossier_sandbox.schema import DOCUMENT_TYPE_VALUES
from dossier_sandbox.uploads import Upload, extension


def parse_fields(fields: dict[str, str], today: date) -> dict[str, Any]:
    """Validate the form fields of an upload; raises ApiError 400 with targets."""
    errors = []
    unknown = sorted(set(fields) - {"description", "documentType", "documentDate", "confidential"})
    errors.extend(detail(f"Unknown form field '{name}'.", name) for name in unknown)
    document_type = fields.get("documentType") or "Administrative"
    if document_type not in DOCUMENT_TYPE_VALUES:
        errors.append(
            detail(f"documentType must be one of {', '.join(DOCUMENT_TYPE_VALUES)}.", "documentType")
        )
    document_date = fields.get("documentDate") or today.isoformat()
    try:
        date.fromisoformat(document_date)
    except ValueError:
        errors.append(detail("documentDate must be a date (YYYY-MM-DD).", "documentDate"))
    confidential = (fields.get("confidential") or "false").lower()
    if confidential not in ("true", "false"):
        errors.append(detail("confidential must be 'true' or 'false'.", "confidential"))
    description = fields.get("description", "")
    if len(description) > 250:
        errors.append(detail("description may be at most 250 characters long.", "description"))
    if errors:
        raise ApiError(400, errors[0]["message"], details=errors)
    return {
        "description": description,
        "document_type": document_type,
        "document_date": document_date,
        "confidential": int(confidential == "true"),
    }


def store(
    db: Database, blob_dir: Path, dossier_id: str, upload: Upload, meta: dict[str, Any], user: str
) -> list[str]:
    """Create one document per uploaded file (moving each file into place); returns the new ids."""
    ids = []
    with db.tx() as conn:
        for received in upload.files:
            document_id = str(uuid.uuid4())
            target = blob_dir / document_id
            received.path.replace(target)
            mime = (
                MIME_BY_EXTENSION.get(extension(received.filename))
                or received.content_type
                or "application/octet-stream"
            )
            version, stamp = db.stamp()
            conn.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    document_id,
                    dossier_id,
                    meta["description"] or received.filename,
                    meta["document_type"],
                    meta["document_date"],
                    received.filename,
                    received.size,
                    mime,
                    user,
                    stamp,
                    meta["confidential"],
                    f"file:{document_id}",
                    version,
                    stamp,
                ),
            )
            data = {"id": document_id, "dossierId": dossier_id, "fileName": received.filename}
            db.record_change(Change("documents", document_id, "created", stamp, "document.added", data))
            ids.append(document_id)
        dossiers.touch(db, dossier_id)
    return ids


def delete(db: Database, blob_dir: Path, document_id: str, dossier_id: str) -> None:
    with db.tx() as conn:
        blob = conn.execute("SELECT blob FROM documents WHERE id = ?", (document_id,)).fetchone()
        conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        _version, stamp = db.stamp()
        db.record_change(Change("documents", document_id, "deleted", stamp))
        dossiers.touch(db, dossier_id)
    if blob is not None:
        remove_blob(blob_dir, blob[0])


def remove_blob(blob_dir: Path, blob: str) -> None:
    if blob.startswith("file:"):
        (blob_dir / blob[5:]).unlink(missing_ok=True)


def content_disposition(filename: str) -> str:
    """``attachment; filename="ascii"; filename*=UTF-8''...`` (RFC 6266 / RFC 5987)."""
    fallback = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "_" for c in filename) or "document"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def content_response(blob_dir: Path, blob: str, filename: str, mime: str) -> Response:
    headers = {"Content-Disposition": content_disposition(filename)}
    if blob.startswith("seed:"):
        return Response(seed_blob(blob[5:]), media_type=mime, headers=headers)
    path = blob_dir / blob[5:]
    if not path.exists():
        raise ApiError(404, "The document's content is missing.")
    # FileResponse streams from disk in chunks; no whole-file read into memory.
    return FileResponse(path, media_type=mime, headers=headers)
