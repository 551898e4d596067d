"""DossierApi against the variant_sandbox over real HTTP: every operation, roles, and the error classes."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from dossier_desk.api import (
    ApiProfile,
    AuthenticationError,
    ConflictError,
    Dossier,
    DossierApi,
    ExtensionMissingError,
    F,
    NetworkError,
    NotFoundError,
    PermissionDeniedError,
    PreconditionRequiredError,
    Query,
    ValidationError,
    key_segment,
)
from dossier_desk.api.models import DEFAULT_UPLOAD_RULES
from dossier_desk.api.tokens import CallbackTokenProvider, StaticTokenProvider
from dossier_desk.api.transport import Transport
from dossier_sandbox import SandboxServer

pytestmark = pytest.mark.anyio

MakeApi = Callable[..., DossierApi]


@pytest.fixture
def make_api(variant_sandbox: SandboxServer) -> MakeApi:
    def make(
        user: str = "caseworker@demo", server: SandboxServer | None = None, **kwargs: object
    ) -> DossierApi:
        srv = server or variant_sandbox
        profile = ApiProfile(srv.api_root, srv.company_id)
        return DossierApi(profile, CallbackTokenProvider(lambda: srv.issue_token(user)), **kwargs)  # type: ignore[arg-type]

    return make


async def _a_dossier(api: DossierApi, **filters: str) -> Dossier:
    query = Query().top(1)
    for name, value in filters.items():
        query = query.filter(F(name) == value)
    async for page in api.iter_dossier_pages(query):
        return page[0]
    raise AssertionError("no dossier matches")


async def _new_dossier(api: DossierApi, **extra: object) -> Dossier:
    template = await _a_dossier(api, status="Open")
    fields = {
        "description": "Integration test",
        "dossierTypeCode": template.dossier_type_code,
        "primaryContactNo": template.primary_contact_no,
        "externalDocumentNo": f"IT-{uuid.uuid4().hex[:12]}",
        **extra,
    }
    return await api.create_dossier(fields)


async def test_companies_and_extension_check(make_api: MakeApi, variant_sandbox: SandboxServer) -> None:
    async with make_api() as api:
        companies = await api.list_companies()
        assert [c.id for c in companies] == [variant_sandbox.company_id]
        assert companies[0].name
        await api.check_extension()


async def test_missing_extension_is_reported_readably(variant_sandbox: SandboxServer) -> None:
    root = variant_sandbox.api_root.replace("/qteam/dossier/", "/otherpublisher/dossier/")
    api = DossierApi(
        ApiProfile(root, variant_sandbox.company_id),
        StaticTokenProvider(variant_sandbox.issue_token("caseworker@demo")),
    )
    async with api:
        with pytest.raises(ExtensionMissingError) as info:
            await api.check_extension()
    message = info.value.user_message()
    assert "Dynamics Dossier extension is not installed" in message
    assert "Traceback" not in message
    assert info.value.correlation_id


async def test_read_operations(make_api: MakeApi) -> None:
    async with make_api("occhealth@demo") as api:
        dossier = await _a_dossier(api)
        assert dossier.etag.startswith('W/"')
        assert await api.get_dossier(dossier.id) == dossier
        assert len(await api.list_dossier_ids()) >= 300
        types = await api.list_dossier_types()
        assert {t.code for t in types} >= {dossier.dossier_type_code}
        contacts = await api.list_contacts(Query().filter(F("no") == dossier.primary_contact_no))
        assert [c.no for c in contacts] == [dossier.primary_contact_no]
        mine = await api.contact_dossiers(dossier.primary_contact_no)
        assert dossier.id in {d.id for d in mine}
        assert all(d.primary_contact_no == dossier.primary_contact_no for d in mine)
        log = await api.workflow_log(dossier.id)
        assert [e.line_no for e in log] == sorted(e.line_no for e in log)
        assert await api.server_upload_rules() is None  # no reference document defines the endpoint
        assert await api.get_upload_rules() == DEFAULT_UPLOAD_RULES


async def test_filters_select_order_count(make_api: MakeApi) -> None:
    async with make_api() as api:
        query = (
            Query()
            .filter((F("status") == "Open") | (F("status") == "In Process"))
            .order_by("no", desc=True)
            .select("id", "no", "status")
            .count()
        )
        progress: list[tuple[int, int | None]] = []
        rows: list[Dossier] = []
        async for page in api.iter_dossier_pages(
            query, page_size=40, on_progress=lambda n, t: progress.append((n, t))
        ):
            rows.extend(page)
        assert rows
        assert {r.status for r in rows} <= {"Open", "In Process"}
        assert [r.no for r in rows] == sorted((r.no for r in rows), reverse=True)
        assert all(r.description == "" for r in rows)  # not selected
        assert progress[-1] == (len(rows), len(rows))


async def test_create_update_delete_round_trip(make_api: MakeApi) -> None:
    async with make_api() as api:
        created = await _new_dossier(api, description="It's a 'quoted' description")
        assert created.id
        assert created.status == "New"
        found = await api.find_dossier_by_external_no(created.external_document_no)
        assert found == created
        assert await api.find_dossier_by_external_no("does-not-exist-" + uuid.uuid4().hex) is None
        updated = await api.update_dossier(
            created.id, created.etag, {"description": "changed", "priority": "High"}
        )
        assert (updated.description, updated.priority) == ("changed", "High")
        assert updated.etag != created.etag
        await api.delete_dossier(created.id, updated.etag)
        with pytest.raises(NotFoundError):
            await api.get_dossier(created.id)


async def test_create_for_contact(make_api: MakeApi) -> None:
    async with make_api() as api:
        template = await _a_dossier(api)
        created = await api.create_dossier_for_contact(
            template.primary_contact_no,
            {"description": "For contact", "dossierTypeCode": template.dossier_type_code},
        )
        assert created.primary_contact_no == template.primary_contact_no
        await api.delete_dossier(created.id, created.etag)


async def test_412_conflict_round_trip(make_api: MakeApi) -> None:
    async with make_api() as mine, make_api("occhealth@demo") as theirs:
        original = await _new_dossier(mine)
        their_version = await theirs.update_dossier(original.id, original.etag, {"description": "theirs"})
        with pytest.raises(ConflictError) as info:
            await mine.update_dossier(original.id, original.etag, {"description": "mine"})
        conflict = info.value
        assert conflict.status == 412
        assert conflict.current == their_version
        assert "changed this record" in conflict.user_message()
        # resolve: keep mine on top of their version
        resolved = await mine.update_dossier(original.id, conflict.current.etag, {"description": "mine"})
        assert resolved.description == "mine"
        with pytest.raises(ConflictError) as stale_delete:
            await mine.delete_dossier(original.id, original.etag)
        assert stale_delete.value.current == resolved
        await mine.delete_dossier(original.id, resolved.etag)


async def test_conflict_on_deleted_record_has_no_current(make_api: MakeApi) -> None:
    async with make_api() as api:
        created = await _new_dossier(api)
        await api.delete_dossier(created.id, created.etag)
        with pytest.raises(NotFoundError):
            await api.update_dossier(created.id, created.etag, {"description": "x"})


async def test_user_edits_never_send_wildcard_etags(make_api: MakeApi) -> None:
    async with make_api() as api:
        with pytest.raises(ValueError, match="etag"):
            await api.update_dossier(str(uuid.uuid4()), "*", {"description": "x"})
        with pytest.raises(ValueError, match="etag"):
            await api.delete_dossier(str(uuid.uuid4()), "")
        with pytest.raises(ValueError, match="not writable"):
            await api.update_dossier(str(uuid.uuid4()), 'W/"x"', {"category": "Medical"})


async def test_missing_if_match_is_refused(
    variant_sandbox: SandboxServer, sandbox_variant: str, make_api: MakeApi
) -> None:
    async with make_api() as api:
        dossier = await _a_dossier(api)
    # DossierApi refuses to send a write without an etag, so talk to the transport directly.
    transport = Transport(StaticTokenProvider(variant_sandbox.issue_token("caseworker@demo")))
    url = f"{variant_sandbox.company_url}/{key_segment('dossiers', dossier.id)}"
    # BC answers 412, a generic OData v4 server 428: both are refusals, neither is a success.
    expected = {"bc": ConflictError, "bc23": ConflictError}.get(sandbox_variant, PreconditionRequiredError)
    with pytest.raises(expected) as info:
        await transport.request("PATCH", url, json={"description": "no etag"})
    assert info.value.status == (412 if expected is ConflictError else 428)
    await transport.aclose()


async def test_validation_error_names_the_field(make_api: MakeApi) -> None:
    async with make_api() as api:
        with pytest.raises(ValidationError) as info:
            await _new_dossier(api, dossierTypeCode="NO-SUCH-TYPE")
        assert "dossierTypeCode" in info.value.field_errors
        assert "dossierTypeCode" in info.value.user_message()


async def test_not_found(make_api: MakeApi) -> None:
    async with make_api() as api:
        with pytest.raises(NotFoundError) as info:
            await api.get_dossier(str(uuid.uuid4()))
        assert info.value.correlation_id
        with pytest.raises(NotFoundError):
            await api.get_dossier("not-a-guid'); drop table dossiers; --")


async def test_read_only_roles_get_permission_denied(make_api: MakeApi) -> None:
    async with make_api("auditor@demo") as auditor, make_api() as caseworker:
        dossier = await _a_dossier(caseworker)
        with pytest.raises(PermissionDeniedError) as info:
            await auditor.update_dossier(dossier.id, dossier.etag, {"description": "x"})
        assert "permission" in info.value.user_message()
        with pytest.raises(PermissionDeniedError):
            await auditor.create_dossier({"description": "x"})


async def test_line_manager_sees_blanked_medical_details(make_api: MakeApi) -> None:
    async with make_api("linemanager@demo") as manager, make_api("occhealth@demo") as occ:
        medical = await _a_dossier(occ, category="Medical", status="Open")
        try:
            seen = await manager.get_dossier(medical.id)
        except NotFoundError:
            return  # above the manager's clearance: invisible, which is also correct
        assert seen.description == ""
        assert seen.department == ""


async def test_expired_token_is_refreshed_once(variant_sandbox: SandboxServer) -> None:
    issued = iter(
        [
            variant_sandbox.issue_token("caseworker@demo", lifetime_s=-60),
            variant_sandbox.issue_token("caseworker@demo"),
        ]
    )
    tokens = CallbackTokenProvider(lambda: next(issued))
    async with DossierApi(ApiProfile(variant_sandbox.api_root, variant_sandbox.company_id), tokens) as api:
        await api.check_extension()
    assert tokens.issued == 2


async def test_invalid_token_raises_authentication_error(variant_sandbox: SandboxServer) -> None:
    async with DossierApi(
        ApiProfile(variant_sandbox.api_root, variant_sandbox.company_id), StaticTokenProvider("garbage")
    ) as api:
        with pytest.raises(AuthenticationError) as info:
            await api.list_dossier_types()
    assert info.value.status == 401
    assert "garbage" not in info.value.user_message()
    assert "garbage" not in str(info.value)


async def test_workflow_action_moves_the_workflow(make_api: MakeApi) -> None:
    async with make_api("occhealth@demo") as api:
        created = await _new_dossier(api)
        log = await api.workflow_log(created.id)
        assert log, "a new dossier gets its type's workflow"
        open_line = next(e for e in log if e.state not in ("Completed", "Rejected"))
        new_log = await api.workflow_action(created.id, "complete", open_line.line_no, "done in a test")
        done = next(e for e in new_log if e.line_no == open_line.line_no)
        assert done.state == "Completed"
        assert done.comments == "done in a test"
        with pytest.raises(ConflictError) as info:
            await api.workflow_action(created.id, "reopen", open_line.line_no, etag=created.etag)
        assert info.value.current is not None
        assert info.value.current.etag != created.etag
        with pytest.raises(ValueError, match="workflow action"):
            await api.workflow_action(created.id, "approve", open_line.line_no)
        current = await api.get_dossier(created.id)
        await api.delete_dossier(created.id, current.etag)


async def test_verify_setting_reaches_https(variant_sandbox: SandboxServer) -> None:
    # The sandbox's OIDC side is https with a self-signed certificate: untrusted unless its CA is given.
    root = variant_sandbox.authority.rsplit("/", 1)[0] + "/v2.0/x/y/api/qteam/dossier/v1.0"
    async with DossierApi(ApiProfile(root, "c"), StaticTokenProvider("t")) as api:
        with pytest.raises(NetworkError) as untrusted:
            await api.check_extension()
    assert "certificate" in untrusted.value.message
    async with DossierApi(
        ApiProfile(root, "c", verify=variant_sandbox.ca_cert_path), StaticTokenProvider("t")
    ) as api:
        with pytest.raises(ExtensionMissingError):  # trusted now; the OIDC app has no dossiers
            await api.check_extension()
