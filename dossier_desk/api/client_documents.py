"""Document and workflow calls of :class:`~dossier_desk.api.client.DossierApi` (a mixin)."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TypeVar

from dossier_desk.api.decoding import Rows
from dossier_desk.api.documents import MultipartUpload, check_upload, download
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import ApiError, ConflictError
from dossier_desk.api.models import (
    DEFAULT_UPLOAD_RULES,
    WORKFLOW_ACTION_VALUES,
    Document,
    UploadRules,
    WorkflowEntry,
)
from dossier_desk.api.odata import key_segment
from dossier_desk.api.paging import decode_page
from dossier_desk.api.transport import Transport
from dossier_desk.api.wire import decode_upload_reply

T = TypeVar("T")


class DocumentCalls:
    """Documents (list, upload rules, upload, download, delete) and the workflow log and actions."""

    _http: Transport
    enum_forms: EnumForms
    _upload_rules: UploadRules | None
    _upload_rules_known: bool

    if TYPE_CHECKING:

        def _url(self, *segments: str) -> str: ...

        async def _get_all(
            self, url: str, item_type: type[T], params: Any = None, *, entity_set: str = ""
        ) -> Rows[T]: ...

        async def _get_one(self, url: str, item_type: type[T]) -> T: ...

        async def _fill_conflict(self, exc: ConflictError, dossier_id: str) -> None: ...

    # -- documents ---------------------------------------------------------------------------------
    async def list_documents(self, dossier_id: str) -> list[Document]:
        """Metadata of the dossier's documents the user may see."""
        return await self._get_all(
            self._url(key_segment("dossiers", dossier_id), "documents"), Document, entity_set="documents"
        )

    async def server_upload_rules(self) -> UploadRules | None:
        """The server's upload rules if it offers them (``uploadRules``), else ``None``.

        No reference document defines that endpoint: a 404 (or 400/405/501) means "not offered" and
        the caller falls back to the profile's rules, then :data:`DEFAULT_UPLOAD_RULES`. Cached.
        """
        if not self._upload_rules_known:
            try:
                self._upload_rules = await self._get_one(self._url("uploadRules"), UploadRules)
            except ApiError as exc:
                if exc.status not in (400, 404, 405, 501):
                    raise
                self._upload_rules = None
            self._upload_rules_known = True
        return self._upload_rules

    async def get_upload_rules(self) -> UploadRules:
        """The server's upload rules, else the FlowOn defaults (:data:`DEFAULT_UPLOAD_RULES`)."""
        return await self.server_upload_rules() or DEFAULT_UPLOAD_RULES

    async def upload_document(
        self,
        dossier_id: str,
        path: Path,
        *,
        description: str,
        document_type: str,
        document_date: str = "",
        confidential: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
        rules: UploadRules | None = None,
        opener: Callable[[], BinaryIO] | None = None,
        size: int | None = None,
    ) -> Document | None:
        """Stream ``path`` to the dossier as a new document without loading it into memory.

        ``opener`` and ``size`` give the content when it is not ``path``'s bytes as they are on disk
        (the store's encrypted upload copies): ``opener()`` returns a new binary file object each
        time (a retried request reads again) and ``path`` then only names the file.

        ``rules`` (the store's choice: server, profile or FlowOn defaults) are checked first
        (:class:`ValidationError` with ``status == 0``); without them, the server's own if it
        offers any (else the server alone judges the file).
        ``on_progress(bytes_sent, file_size)`` after each chunk. Cancel by cancelling the task.
        Returns the created document, or ``None`` when the server answered without one
        (200 with an empty body): the upload succeeded, re-list the documents to see it.
        """
        path = Path(path)
        size = path.stat().st_size if size is None else size
        rules = rules if rules is not None else await self.server_upload_rules()
        if rules is not None:
            check_upload(path, size, rules)
        fields = {
            "description": description,
            "documentType": document_type,
            "documentDate": document_date,
            "confidential": "true" if confidential else "false",
        }
        upload = MultipartUpload(path, fields, opener=opener)
        headers = {"Content-Type": upload.content_type, "Content-Length": str(upload.content_length(size))}
        bodies: list[AsyncGenerator[bytes, None]] = []

        def body() -> AsyncGenerator[bytes, None]:
            bodies.append(upload.stream(size, on_progress))
            return bodies[-1]

        try:
            documents = await self._http.fetch(
                "POST",
                self._url(key_segment("dossiers", dossier_id), "documents"),
                decode_upload_reply,
                content=body,
                headers=headers,
            )
        finally:
            # httpx leaves a body it stopped reading (cancelled, failed) open: close the file now,
            # not whenever the garbage collector gets to it.
            for stream in bodies:
                await stream.aclose()
        return documents[0] if documents else None

    async def download_document(self, document: Document, directory: Path) -> Path:
        """Stream the document's content into ``directory``; returns the path written.

        The name comes from Content-Disposition (else the metadata), sanitised; existing files are
        never overwritten and a failed download leaves nothing behind. A connection that drops
        mid-body is retried from the start (twice); failures before the body are retried by the
        transport as for any GET.
        """
        url = self._url(key_segment("documents", document.id), "content")
        return await download(self._http, url, Path(directory), document)

    async def delete_document(self, document: Document) -> None:
        """DELETE the document with ``If-Match`` set to its etag."""
        headers = {"If-Match": _user_etag(document.etag)}
        await self._http.request("DELETE", self._url(key_segment("documents", document.id)), headers=headers)

    # -- workflow ----------------------------------------------------------------------------------
    async def workflow_log(self, dossier_id: str) -> list[WorkflowEntry]:
        """The dossier's workflow log, ordered by line number."""
        return await self._get_all(
            self._url(key_segment("dossiers", dossier_id), "workflowLog"),
            WorkflowEntry,
            entity_set="workflowLog",
        )

    async def workflow_action(
        self, dossier_id: str, action: str, line_no: int, comments: str = "", *, etag: str | None = None
    ) -> list[WorkflowEntry]:
        """Complete, reject or reopen workflow line ``line_no``; returns the new log.

        With ``etag`` (the dossier's), a concurrent change gives :class:`ConflictError` instead of
        acting on a dossier the user has not seen. The dossier's etag changes: re-fetch it afterwards.
        """
        if action not in WORKFLOW_ACTION_VALUES:
            raise ValueError(f"unknown workflow action {action!r}")
        body = {"action": action, "workflowLineNo": int(line_no), "comments": comments}
        url = self._url(key_segment("dossiers", dossier_id), "workflowActions")
        headers = {"If-Match": _user_etag(etag)} if etag is not None else None
        try:
            page = await self._http.fetch(
                "POST",
                url,
                lambda r: decode_page(r, WorkflowEntry, forms=self.enum_forms, entity_set="workflowLog"),
                json=body,
                headers=headers,
            )
        except ConflictError as exc:
            await self._fill_conflict(exc, dossier_id)
            raise
        return page.value


def _user_etag(etag: str) -> str:
    if not etag or etag.strip() == "*":
        raise ValueError("a user edit needs the etag it was based on (never '*')")
    return etag
