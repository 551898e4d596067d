"""``$batch`` calls of :class:`~dossier_desk.api.client.DossierApi` (a mixin)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from dossier_desk.api.batch import (
    MAX_BATCH_OPERATIONS,
    BatchForm,
    BatchOp,
    BatchResult,
    DossierUpdate,
    UpdateOutcome,
    run_batch,
)
from dossier_desk.api.decoding import convert_record, normalise_rows
from dossier_desk.api.enums import EnumForms
from dossier_desk.api.errors import ApiError, ConflictError
from dossier_desk.api.models import Dossier
from dossier_desk.api.odata import key_segment
from dossier_desk.api.profile import ApiProfile
from dossier_desk.api.transport import Transport


class BatchCalls:
    """Operations through ``$batch`` at the service root, and many dossier edits in one round trip."""

    _http: Transport
    enum_forms: EnumForms
    profile: ApiProfile

    if TYPE_CHECKING:

        def _service_url(self, *segments: str) -> str: ...

        async def _write_body(self, fields: Mapping[str, Any]) -> dict[str, Any]: ...

        async def get_dossier(self, dossier_id: str) -> Dossier: ...

    async def batch(
        self, requests: Sequence[BatchOp], *, atomic: bool = False, form: BatchForm = "json"
    ) -> list[BatchResult]:
        """Run operations through ``$batch`` in chunks of at most 100; results in input order.

        Operation URLs are relative to the company; the batch goes to the service root with each
        URL relative to it. ``form="multipart"`` uses ``multipart/mixed`` instead of BC's JSON.
        Operations a multipart server did not run come back with :class:`NotExecutedError`.
        """
        if not requests:
            return []
        return await run_batch(
            self._http,
            self._service_url("$batch"),
            requests,
            atomic=atomic,
            form=form,
            url_prefix=key_segment("companies", self.profile.company_id) + "/",
        )

    async def update_dossiers(
        self, updates: Sequence[DossierUpdate], *, atomic: bool = False, form: BatchForm = "json"
    ) -> list[UpdateOutcome]:
        """PATCH up to 100 dossiers in one ``$batch`` round trip; one outcome per update, in order.

        Each update carries its own ``If-Match``; a stale one fails alone (:class:`ConflictError`
        with ``current``) unless ``atomic`` (all-or-nothing, only where the user asked for it).
        Replies without the entity are completed with a GET.
        """
        if len(updates) > MAX_BATCH_OPERATIONS:
            raise ValueError(f"at most {MAX_BATCH_OPERATIONS} updates per call")
        ops = [
            BatchOp(
                "PATCH",
                key_segment("dossiers", u.dossier_id),
                await self._write_body(u.changes),
                {"If-Match": _user_etag(u.etag)},
            )
            for u in updates
        ]
        results = await self.batch(ops, atomic=atomic, form=form)
        outcomes: list[UpdateOutcome] = []
        for update, result in zip(updates, results, strict=True):
            outcomes.append(await self._outcome(update.dossier_id, result))
        return outcomes

    async def _outcome(self, dossier_id: str, result: BatchResult) -> UpdateOutcome:
        if result.error is not None:
            if isinstance(result.error, ConflictError) and result.error.current is not None:
                result.error.current = normalise_rows([result.error.current], self.enum_forms)[0]
            return UpdateOutcome(dossier_id, None, result.error)
        body = result.body if isinstance(result.body, Mapping) else {}
        if body.get("@odata.etag") and body.get("id"):
            try:
                dossier = normalise_rows([convert_record(body, Dossier)], self.enum_forms)[0]
                return UpdateOutcome(dossier_id, dossier, None)
            except msgspec.ValidationError:
                pass
        try:
            return UpdateOutcome(dossier_id, await self.get_dossier(dossier_id), None)
        except ApiError as exc:
            return UpdateOutcome(dossier_id, None, exc)


def _user_etag(etag: str) -> str:
    if not etag or etag.strip() == "*":
        raise ValueError("a user edit needs the etag it was based on (never '*')")
    return etag
