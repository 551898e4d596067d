"""The installer scripts cannot run here (Windows, macOS), so their wiring is checked statically.

Every repository path the spec, the build scripts, the WiX sources and the CI workflow reference must
exist; generated files they consume must be among make_icons.py's outputs; and names that several
files must agree on (executable, bundle id, preprocessor variables, the user-data folder) do.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import plistlib
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dossier_desk import config

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
SPEC = PACKAGING / "dossier_desk.spec"
LINUX_SH = PACKAGING / "build_linux.sh"
WIN_PS1 = PACKAGING / "windows" / "build_windows.ps1"
WXS = PACKAGING / "windows" / "DossierDesk.wxs"
MAC_SH = PACKAGING / "macos" / "build_macos.sh"
INFO_PLIST = PACKAGING / "macos" / "Info.plist"
ENTITLEMENTS = PACKAGING / "macos" / "entitlements.plist"
WORKFLOW = REPO / ".github" / "workflows" / "installers.yml"
WIX_NS = "{http://wixtoolset.org/schemas/v4/wxs}"

# directories the scripts create, never part of the repository
GENERATED_ROOTS = ("packaging/dist", "packaging/build")


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _is_generated(rel: str) -> bool:
    return rel.startswith(GENERATED_ROOTS)


def spec_paths() -> set[str]:
    """``ROOT / "a" / "b"`` and ``PACKAGING / "a"`` expressions in the spec."""
    text = SPEC.read_text(encoding="utf-8")
    found = set()
    for base, parts in re.findall(r'\b(ROOT|PACKAGING)((?:\s*/\s*"[^"]+")+)', text):
        segments = re.findall(r'"([^"]+)"', parts)
        prefix = [] if base == "ROOT" else ["packaging"]
        found.add("/".join(prefix + segments))
    return found


def shell_paths(script: Path, anchors: dict[str, str]) -> set[str]:
    """``"$var/relative/path"`` where ``$var`` is one of the script's anchor directories."""
    text = script.read_text(encoding="utf-8")
    found = set()
    for var, rest in re.findall(r"\$\{?(\w+)\}?/([\w./-]+)", text):
        if var in anchors:
            found.add(f"{anchors[var]}/{rest}".strip("/"))
    return found


def ps1_paths() -> set[str]:
    """``Join-Path $Anchor 'name'`` in build_windows.ps1, resolved against the anchors it defines."""
    text = WIN_PS1.read_text(encoding="utf-8")
    anchors = {"Root": "", "Here": "packaging/windows", "Packaging": "packaging"}
    found = set()
    for var, name in re.findall(r"Join-Path \$(\w+) '([^']+)'", text):
        if var in anchors:
            found.add(f"{anchors[var]}/{name.replace(chr(92), '/')}".strip("/"))
    return found


def workflow_paths() -> set[str]:
    text = WORKFLOW.read_text(encoding="utf-8")
    found = {m for m in re.findall(r"\./((?:packaging|\.github)/[\w./-]+)", text)}
    # pull_request path filters: their directory part must exist
    found |= {m.rstrip("/*") for m in re.findall(r'^\s+- "([\w./-]+(?:/\*\*)?)"\s*$', text, re.M)}
    return found


def all_referenced_paths() -> dict[str, set[str]]:
    return {
        "spec": spec_paths(),
        "build_linux.sh": shell_paths(LINUX_SH, {"here": "packaging", "root": ""}),
        "build_macos.sh": shell_paths(
            MAC_SH, {"here": "packaging/macos", "packaging": "packaging", "root": ""}
        ),
        "build_windows.ps1": ps1_paths(),
        "installers.yml": workflow_paths(),
    }


def test_scripts_reference_existing_repo_paths() -> None:
    referenced = all_referenced_paths()
    # the parsers must actually find the references (a format change would silently check nothing)
    assert "packaging/launcher.py" in referenced["spec"]
    assert "packaging/macos/entitlements.plist" in referenced["spec"]
    assert "packaging/dossier_desk.spec" in referenced["build_linux.sh"]
    assert "packaging/macos/dmgbuild_settings.py" in referenced["build_macos.sh"]
    windows = {f"packaging/windows/{name}" for name in ("harvest.py", "DossierDesk.wxs", "license.rtf")}
    assert windows <= referenced["build_windows.ps1"]
    assert "packaging/windows/build_windows.ps1" in referenced["installers.yml"]
    missing = {
        source: sorted(p for p in paths if not _is_generated(p) and not (REPO / p).exists())
        for source, paths in referenced.items()
    }
    assert not any(missing.values()), missing


def test_generated_inputs_come_from_make_icons(tmp_path: Path) -> None:
    """The icon files the scripts take from the build folder are what make_icons.py writes."""
    out = tmp_path / "icons"
    subprocess.run(
        [sys.executable, str(PACKAGING / "make_icons.py"), str(out)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    produced = {p.name for p in out.iterdir()}
    consumed = set(re.findall(r"Join-Path \$IconDir '([^']+)'", WIN_PS1.read_text(encoding="utf-8")))
    consumed |= set(re.findall(r"icons/([\w.-]+\.icns)", MAC_SH.read_text(encoding="utf-8")))
    consumed |= {"dossier-desk.ico", "dossier-desk.icns"}  # the spec's ICON per platform
    assert consumed >= {"dossier-desk.ico", "wix-banner.bmp", "wix-dialog.bmp", "dossier-desk.icns"}
    assert consumed <= produced, consumed - produced
    # the scripts look for them where the spec writes them: <workpath>/<spec name>/icons
    assert "$Work 'dossier_desk\\icons'" in WIN_PS1.read_text(encoding="utf-8")
    assert "$work/dossier_desk/icons/" in MAC_SH.read_text(encoding="utf-8")
    assert 'ICON_DIR = Path(workpath) / "icons"' in SPEC.read_text(encoding="utf-8")
    assert SPEC.stem == "dossier_desk"
    # the containers hold real images: ICO directory + PNG, ICNS header + PNG
    ico = (out / "dossier-desk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    icns = (out / "dossier-desk.icns").read_bytes()
    assert icns[:4] == b"icns"
    assert struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert (out / "wix-dialog.bmp").read_bytes()[:2] == b"BM"


def test_spec_is_valid_python_and_names_agree() -> None:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    constants = {
        node.targets[0].id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant)
    }
    assert constants["EXE_NAME"] == "DossierDesk"
    assert constants["BUNDLE_ID"] == "nl.qteam.dossierdesk"
    harvest = _load("harvest", PACKAGING / "windows" / "harvest.py")
    assert f"{constants['EXE_NAME']}.exe" == harvest.EXE_NAME
    assert f"packaging/dist/{constants['EXE_NAME']}/{constants['EXE_NAME']}.exe" in WORKFLOW.read_text(
        encoding="utf-8"
    )
    assert f"{constants['APP_NAME']}.app/Contents/MacOS/{constants['EXE_NAME']}" in WORKFLOW.read_text(
        encoding="utf-8"
    )


def test_info_plist_template() -> None:
    text = INFO_PLIST.read_text(encoding="utf-8")
    assert "${VERSION}" in text
    info = plistlib.loads(text.replace("${VERSION}", "1.2.3").encode("utf-8"))
    assert info["CFBundleIdentifier"] == "nl.qteam.dossierdesk"
    assert info["CFBundleExecutable"] == "DossierDesk"
    assert info["CFBundleShortVersionString"] == "1.2.3"
    assert info["NSHighResolutionCapable"] is True
    assert info["CFBundleIconFile"] == "dossier-desk.icns"
    # Qt 6.11's macOS wheels are tagged macosx_13_0: the app cannot run on anything older
    assert info["LSMinimumSystemVersion"] == "13.0"


def test_entitlements_grant_nothing_needless() -> None:
    entitlements = plistlib.loads(ENTITLEMENTS.read_bytes())
    assert "com.apple.security.cs.allow-jit" not in entitlements
    assert "com.apple.security.cs.disable-library-validation" not in entitlements
    assert "com.apple.security.app-sandbox" not in entitlements


def test_wxs_preprocessor_variables_are_all_defined_by_the_build_script() -> None:
    used = set(re.findall(r"\$\(var\.(\w+)\)", WXS.read_text(encoding="utf-8")))
    harvest_text = (PACKAGING / "windows" / "harvest.py").read_text(encoding="utf-8")
    used |= set(re.findall(r"\$\(var\.(\w+)\)", harvest_text))
    defined = set(re.findall(r'-d "(\w+)=', WIN_PS1.read_text(encoding="utf-8")))
    assert used == defined, {"used, not defined": used - defined, "defined, not used": defined - used}


def test_wxs_structure() -> None:
    root = ET.parse(WXS).getroot()
    package = root.find(f"{WIX_NS}Package")
    assert package is not None
    assert package.get("Scope") == "perUserOrMachine"
    assert re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", package.get("UpgradeCode", ""))
    assert package.find(f"{WIX_NS}MajorUpgrade") is not None
    ids = {el.get("Id") for el in root.iter() if el.get("Id")}
    assert "APPLICATIONFOLDER" in ids  # WixUI_Advanced requires this directory id
    refs = {el.get("Id") for el in root.iter(f"{WIX_NS}ComponentGroupRef")}
    assert refs == {"AppFiles"}
    shortcut = next(root.iter(f"{WIX_NS}Shortcut"))
    harvest = _load("harvest", PACKAGING / "windows" / "harvest.py")
    assert shortcut.get("Target") == f"[#{harvest.EXE_FILE_ID}]"


def test_uninstall_keeps_user_data_unless_asked_and_targets_the_apps_folder() -> None:
    root = ET.parse(WXS).getroot()
    setprop = next(el for el in root.iter(f"{WIX_NS}SetProperty") if el.get("Id") == "USERDATAFOLDER")
    condition = setprop.get("Condition", "")
    assert "REMOVEUSERDATA=1" in condition
    assert "NOT UPGRADINGPRODUCTCODE" in condition
    # platformdirs on Windows: %LOCALAPPDATA%\<author>\<app> holds config, data and cache
    assert setprop.get("Value") == f"[LocalAppDataFolder]{config.APP_AUTHOR}\\{config.APP_NAME}\\"
    remove = next(root.iter("{http://wixtoolset.org/schemas/v4/wxs/util}RemoveFolderEx"))
    assert remove.get("Property") == "USERDATAFOLDER"
    assert remove.get("On") == "uninstall"


def test_harvest_emits_a_valid_fragment(tmp_path: Path) -> None:
    app = tmp_path / "DossierDesk"
    for rel in (
        "DossierDesk.exe",
        "_internal/python311.dll",
        "_internal/PySide6/Qt6Core.dll",
        "_internal/PySide6/plugins/platforms/qwindows.dll",
        "_internal/resources/icons/dossier-desk.svg",
        "_internal/name with spaces & ampersand.txt",
    ):
        path = app / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    harvest = _load("harvest", PACKAGING / "windows" / "harvest.py")
    root = ET.fromstring(harvest.harvest(app))
    components = list(root.iter(f"{WIX_NS}Component"))
    assert len(components) == 6
    refs = [el.get("Id") for el in root.iter(f"{WIX_NS}ComponentRef")]
    assert sorted(refs) == sorted(c.get("Id") for c in components)
    ids = [el.get("Id") for el in root.iter() if el.get("Id") and el.tag != f"{WIX_NS}ComponentRef"]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]{0,71}", i) for i in ids)
    sources = {el.get("Source") for el in root.iter(f"{WIX_NS}File")}
    assert "$(var.AppDir)\\_internal\\PySide6\\plugins\\platforms\\qwindows.dll" in sources
    assert "$(var.AppDir)\\_internal\\name with spaces & ampersand.txt" in sources
    exe = next(el for el in root.iter(f"{WIX_NS}File") if el.get("Id") == harvest.EXE_FILE_ID)
    assert exe.get("Source") == "$(var.AppDir)\\DossierDesk.exe"
    # stable between builds: same tree, same text
    assert harvest.harvest(app) == harvest.harvest(app)


def test_harvest_refuses_a_tree_without_the_executable(tmp_path: Path) -> None:
    harvest = _load("harvest", PACKAGING / "windows" / "harvest.py")
    (tmp_path / "other.txt").write_text("x")
    with pytest.raises(SystemExit, match="build the bundle first"):
        harvest.harvest(tmp_path)


def test_spec_keeps_and_drops_the_right_files() -> None:
    """Run the spec's file filter (its ``keep`` function) on representative bundle paths."""
    source = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(source)
    wanted = {"QT", "DROP_PATTERNS", "KEEP_PATTERNS", "keep", "IS_MAC"}
    nodes = []
    for node in tree.body:
        names = set()
        if isinstance(node, ast.Assign):
            names = {t.id for t in node.targets if isinstance(t, ast.Name)}
        elif isinstance(node, ast.AugAssign | ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = {node.target.id}
        elif isinstance(node, ast.FunctionDef):
            names = {node.name}
        elif isinstance(node, ast.If):  # the platform-specific DROP_PATTERNS additions
            names = {"DROP_PATTERNS"} if "DROP_PATTERNS" in ast.unparse(node) else set()
        if names & wanted:
            nodes.append(node)
    namespace = {"sys": sys, "IS_MAC": False, "fnmatch": __import__("fnmatch")}
    exec(compile(ast.Module(body=nodes, type_ignores=[]), str(SPEC), "exec"), namespace)
    keep = namespace["keep"]
    for kept in (
        "PySide6/Qt/translations/qtbase_nl.qm",
        "PySide6/Qt/translations/qt_en.qm",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/platforms/libqoffscreen.so",
        "PySide6\\plugins\\platforms\\qwindows.dll",  # Windows layout, backslashes
        "PySide6/plugins/styles/qmodernwindowsstyle.dll",
        "PySide6/translations/qtbase_nl.qm",
        "PySide6/Qt/lib/QtWidgets.framework/Versions/A/QtWidgets",  # macOS framework
        "PySide6/Qt/plugins/imageformats/libqsvg.so",
        "PySide6/Qt/plugins/tls/libqopensslbackend.so",
        "libpython3.11.so.1.0",
        "libffi.so.8",
        "resources/icons/dossier-desk.svg",
    ):
        assert keep(kept), kept
    for dropped in (
        "PySide6/Qt/translations/qtbase_de.qm",
        "PySide6/Qt/translations/qt_help_nl.qm",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
        "PySide6/Qt/plugins/imageformats/libqpdf.so",
        "PySide6/Qt/plugins/sqldrivers/libqsqlite.so",
        "PySide6/Qt/qml/QtQuick/qmldir",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/plugins/imageformats/libqicns.so",
        "PySide6/translations/qtbase_de.qm",
        "PySide6/plugins/platforms/qdirect2d.dll",
        "PySide6/plugins/imageformats/qpdf.dll",
        "PySide6/Qt6Pdf.dll",
        "PySide6/Qt/lib/QtPdf.framework/Versions/A/QtPdf",
        "PySide6/Qt/lib/QtQuick.framework/Resources/Info.plist",
        "_codecs_jp.pyd",
        "PySide6/opengl32sw.dll",
        "python3.11/lib-dynload/_codecs_kr.cpython-311-x86_64-linux-gnu.so",
    ):
        assert not keep(dropped), dropped
    if sys.platform.startswith("linux"):
        assert not keep("libfontconfig.so.1")
        assert not keep("libglib-2.0.so.0")
        assert keep("libxcb-cursor.so.0")


def test_spec_does_not_exclude_qt_modules_the_app_imports() -> None:
    """An excluded PySide6 module would be an ImportError in the installed app only."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    unused = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "QT_UNUSED"
    )
    imported = set()
    for path in (REPO / "dossier_desk").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
        imported |= {
            name.strip()
            for group in re.findall(r"from PySide6 import ([\w, ()\n]+)", path.read_text(encoding="utf-8"))
            for name in group.replace("(", "").replace(")", "").split(",")
            if name.strip().startswith("Qt")
        }
    assert {"QtCore", "QtGui", "QtWidgets"} <= imported
    assert not imported & set(unused), sorted(imported & set(unused))


def test_spec_bundles_the_cache_encryption_on_every_platform() -> None:
    """The SQLCipher driver is a hidden import of the spec outside any platform condition (it is
    imported inside try/except, so PyInstaller would not find it on its own)."""
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    top_level_strings = {
        node.value
        for stmt in tree.body
        if not isinstance(stmt, ast.If)  # nothing platform-conditional
        for node in ast.walk(stmt)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    assert {"sqlcipher3", "sqlcipher3.dbapi2", "sqlcipher3._sqlite3"} <= top_level_strings
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"sqlcipher3-wheels' in pyproject
    assert "sqlcipher3-binary" not in pyproject  # Linux-only wheels
    lock = (REPO / "uv.lock").read_text(encoding="utf-8")
    for platform in ("win_amd64", "macosx", "manylinux"):
        assert re.search(rf"sqlcipher3_wheels-[^\"]*{platform}", lock), f"no {platform} wheel locked"


def test_msi_provisioning_properties_write_the_site_file_the_app_reads() -> None:
    """TENANT, CLIENTID, ENVIRONMENT, COMPANY -> %PROGRAMDATA%\\QTeam\\DossierDesk\\site.ini [DossierDesk]."""
    from dossier_desk import site_config

    root = ET.parse(WXS).getroot()
    properties = {el.get("Id"): el for el in root.iter(f"{WIX_NS}Property")}
    wanted = {"TENANT": "Tenant", "CLIENTID": "ClientId", "ENVIRONMENT": "Environment", "COMPANY": "Company"}
    for name in wanted:
        assert properties[name].get("Secure") == "yes", f"{name} must reach the elevated install"
    component = next(el for el in root.iter(f"{WIX_NS}Component") if el.get("Id") == "SiteSettings")
    condition = component.get("Condition", "")
    assert "ALLUSERS=1" in condition, "ProgramData is writable by a per-machine install only"
    assert all(name in condition for name in wanted)
    lines = {el.get("Key"): el for el in component.iter(f"{WIX_NS}IniFile")}
    assert {key: el.get("Value") for key, el in lines.items()} == {v: f"[{k}]" for k, v in wanted.items()}
    assert set(lines) <= set(site_config.KEYS)
    for el in lines.values():
        assert el.get("Name") == site_config.SITE_INI
        assert el.get("Section") == site_config.SITE_SECTION
        assert el.get("Action") == "addLine"
        assert el.get("Directory") == component.get("Directory") == "SITECONFIGFOLDER"
    # the folder is platformdirs' site_config_dir on Windows: %PROGRAMDATA%\<author>\<app>
    common = next(
        el for el in root.iter(f"{WIX_NS}StandardDirectory") if el.get("Id") == "CommonAppDataFolder"
    )
    vendor = common.find(f"{WIX_NS}Directory")
    assert vendor is not None
    app = vendor.find(f"{WIX_NS}Directory")
    assert app is not None
    assert (vendor.get("Name"), app.get("Name"), app.get("Id")) == (
        config.APP_AUTHOR,
        config.APP_NAME,
        "SITECONFIGFOLDER",
    )
    refs = {el.get("Id") for el in root.iter(f"{WIX_NS}ComponentRef")}
    assert "SiteSettings" in refs
