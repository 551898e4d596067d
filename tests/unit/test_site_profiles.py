"""Machine-wide provisioning (site.ini, managed preferences, site profiles.json) merged with the user's
profiles, the last used profile, and the sign-in defaults the start window uses."""

from __future__ import annotations

import json
import plistlib
from pathlib import Path

import pytest

from dossier_desk import config, site_config
from dossier_desk.config import (
    BC_ENVIRONMENTS_URL,
    DEFAULT_AUTHORITY,
    DEFAULT_CLIENT_ID,
    Profile,
    ProfileError,
    ProfileStore,
    SignInSettings,
)

TENANT = "3f1c2a9e-0000-4000-8000-00000000c0de"


def _store(tmp_path: Path, **kwargs) -> ProfileStore:
    user, site = tmp_path / "user", tmp_path / "site"
    user.mkdir(exist_ok=True)
    site.mkdir(exist_ok=True)
    return ProfileStore(user, site_directory=site, **kwargs)


def _site_ini(tmp_path: Path, body: str) -> None:
    (tmp_path / "site").mkdir(exist_ok=True)
    (tmp_path / "site" / "site.ini").write_text(body, encoding="utf-8")


def test_defaults_without_any_site_file(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.load() == []
    settings = store.sign_in_settings()
    assert settings == SignInSettings()
    assert settings.authority == DEFAULT_AUTHORITY == "https://login.microsoftonline.com/organizations"
    assert settings.client_id == DEFAULT_CLIENT_ID
    assert settings.environments_url == BC_ENVIRONMENTS_URL
    # Entra: a profile signs in at its own tenant once the tenant is known
    assert settings.profile_authority(TENANT) == f"https://login.microsoftonline.com/{TENANT}"


def test_site_ini_as_the_msi_writes_it_gives_a_profile_and_sign_in_defaults(tmp_path: Path) -> None:
    # WiX IniFile writes "Key=Value" lines; an editor on Windows may add a BOM
    _site_ini(
        tmp_path,
        "\ufeff[DossierDesk]\nTenant=" + TENANT + "\nClientId=11111111-2222-3333-4444-555555555555\n"
        "Environment=Production\nCompany=CRONUS Nederland BV\n",
    )
    store = _store(tmp_path)
    settings = store.sign_in_settings()
    assert settings.authority == f"https://login.microsoftonline.com/{TENANT}"
    assert settings.client_id == "11111111-2222-3333-4444-555555555555"
    [profile] = store.load()
    assert profile.site
    assert profile.name == "CRONUS Nederland BV"
    assert profile.api_root == (
        f"https://api.businesscentral.dynamics.com/v2.0/{TENANT}/Production/api/qteam/dossier/v1.0"
    )
    assert profile.company_name == "CRONUS Nederland BV"
    assert profile.company_id == ""  # found by name at the first start
    assert profile.client_id == "11111111-2222-3333-4444-555555555555"


def test_site_ini_with_only_a_tenant_sets_sign_in_but_no_profile(tmp_path: Path) -> None:
    _site_ini(tmp_path, "[DossierDesk]\nTenant=" + TENANT + "\nClientId=\nEnvironment=\nCompany=\n")
    store = _store(tmp_path)
    assert store.load() == []
    assert store.sign_in_settings().authority.endswith(TENANT)
    assert store.sign_in_settings().client_id == DEFAULT_CLIENT_ID  # an empty MSI property is "not set"


def test_user_profiles_add_to_site_profiles_and_the_site_wins_a_name_clash(tmp_path: Path) -> None:
    _site_ini(tmp_path, f"[DossierDesk]\nTenant={TENANT}\nEnvironment=Production\n")
    site_profiles = [
        {
            "name": "Contoso HR",
            "api_root": "https://bc.contoso.example/api/qteam/dossier/v1.0",
            "authority": "https://login.microsoftonline.com/contoso",
        }
    ]
    (tmp_path / "site" / "profiles.json").write_text(json.dumps(site_profiles), encoding="utf-8")
    store = _store(tmp_path)
    mine = Profile(
        name="Mine", api_root="https://bc.example/api/x/y/v1.0", authority="https://login.example/t"
    )
    clash = Profile(
        name="Contoso HR",
        api_root="https://elsewhere.example/api/x/y/v1.0",  # the user's copy cannot move it
        authority="https://login.example/other",
        company_id="c-1",
        company_name="Contoso",
        case_manager_code="SVD",
    )
    store.save([mine, clash])
    names = [p.name for p in store.load()]
    assert names == ["Production", "Contoso HR", "Mine"], "provisioned, site file, then the user's"
    merged = store.get("Contoso HR")
    assert merged.site
    assert merged.api_root == "https://bc.contoso.example/api/qteam/dossier/v1.0"
    assert merged.authority == "https://login.microsoftonline.com/contoso"
    # what the site leaves open comes from the user's copy
    assert (merged.company_id, merged.company_name, merged.case_manager_code) == ("c-1", "Contoso", "SVD")
    assert store.get("Mine") == mine


def test_a_site_company_overrides_the_users_company_choice(tmp_path: Path) -> None:
    _site_ini(tmp_path, f"[DossierDesk]\nTenant={TENANT}\nEnvironment=Production\nCompany=Nieuw BV\n")
    store = _store(tmp_path)
    old = store.get("Nieuw BV")
    store.put(old.with_company("id-of-oud", "Oud BV"))
    assert store.get("Nieuw BV").company_id == "", "the user's id of another company is dropped"
    store.put(old.with_company("id-of-nieuw", "Nieuw BV"))
    assert store.get("Nieuw BV").company_id == "id-of-nieuw"
    # writing the user's copy never writes a "site" flag into the user's file
    assert all("site" not in row for row in json.loads((tmp_path / "user" / "profiles.json").read_text()))


def test_managed_preferences_plist_comes_before_site_ini(tmp_path: Path) -> None:
    _site_ini(tmp_path, "[DossierDesk]\nTenant=from-ini\nEnvironment=Production\n")
    plist = tmp_path / "com.qteam.dossierdesk.plist"
    plist.write_bytes(plistlib.dumps({"Tenant": TENANT, "Environment": "Sandbox", "Company": "Test BV"}))
    store = _store(tmp_path, managed_plist=plist)
    found = store.provisioning()
    assert (found.tenant, found.environment, found.company) == (TENANT, "Sandbox", "Test BV")
    assert found.source == str(plist)
    assert [p.name for p in store.load()] == ["Test BV"]
    assert Path("/Library/Managed Preferences/com.qteam.dossierdesk.plist") == site_config.MANAGED_PREFERENCES


@pytest.mark.usefixtures("logging_expected")
def test_damaged_site_files_do_not_stop_the_app(tmp_path: Path) -> None:
    _site_ini(tmp_path, "this is not an ini file [[[")
    plist = tmp_path / "broken.plist"
    plist.write_bytes(b"not a plist")
    store = _store(tmp_path, managed_plist=plist)
    assert store.provisioning().is_empty
    assert store.sign_in_settings() == SignInSettings()


def test_damaged_user_file_is_a_profile_error(tmp_path: Path) -> None:
    store = _store(tmp_path)
    (tmp_path / "user" / "profiles.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(ProfileError, match="damaged"):
        store.load()
    (tmp_path / "user" / "profiles.json").write_text('[{"name": "x"}]', encoding="utf-8")
    with pytest.raises(ProfileError, match="without a name or API address"):
        store.load()


def test_unknown_keys_in_a_profile_are_ignored(tmp_path: Path) -> None:
    store = _store(tmp_path)
    rows = [
        {"name": "A", "api_root": "https://bc.example/api/a/b/v1.0", "authority": "https://l/t", "future": 1}
    ]
    (tmp_path / "user" / "profiles.json").write_text(json.dumps(rows), encoding="utf-8")
    assert store.get("A").api_root == "https://bc.example/api/a/b/v1.0"


def test_last_used_profile(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.last_used() is None
    store.put(
        Profile(name="Work account", api_root="https://bc.example/api/a/b/v1.0", authority="https://l/t")
    )
    store.set_last_used("Work account")
    assert store.last_used() == "Work account"
    assert (tmp_path / "user" / config.LAST_PROFILE_FILE).stat().st_mode & 0o777 == 0o600
    store.save([])  # the profile is gone: nothing to open
    assert store.last_used() is None
    store.set_last_used(None)
    assert not (tmp_path / "user" / config.LAST_PROFILE_FILE).exists()
    assert store.unused_name("Work account") == "Work account"
    store.put(
        Profile(name="Work account", api_root="https://bc.example/api/a/b/v1.0", authority="https://l/t")
    )
    assert store.unused_name("Work account") == "Work account 2"


def test_remembered_account_per_profile(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.remembered_account("Work") is None
    work = config.RememberedAccount("uid.tid", "anouk@example.nl", "login.example", "Anouk Bakker")
    store.remember_account("Work", work)
    store.remember_account("Other", config.RememberedAccount("other.tid"))
    assert store.remembered_account("Work") == work
    assert store.remembered_account("Other") == config.RememberedAccount("other.tid")
    path = tmp_path / "user" / config.SIGNED_IN_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert "token" not in path.read_text(encoding="utf-8").lower()
    store.forget_account("Work")
    assert store.remembered_account("Work") is None
    assert store.remembered_account("Other") is not None, "forgetting one profile keeps the others"
    path.write_text("{damaged", encoding="utf-8")
    assert store.remembered_account("Other") is None, "a damaged file means: sign in first"
    path.write_text(json.dumps({"Work": {"home_account_id": ""}, "X": "y"}), encoding="utf-8")
    assert store.remembered_account("Work") is None
    assert store.remembered_account("X") is None


def test_site_config_dir_is_the_platforms_and_relocatable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(site_config.SITE_ENV, str(tmp_path))
    assert site_config.site_config_dir() == tmp_path
    monkeypatch.delenv(site_config.SITE_ENV)
    monkeypatch.delenv("XDG_CONFIG_DIRS", raising=False)
    if site_config.sys.platform.startswith("linux"):
        assert site_config.site_config_dir() == Path("/etc/xdg/DossierDesk")
