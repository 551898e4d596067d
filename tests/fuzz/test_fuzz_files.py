"""Names and paths from outside: Content-Disposition filenames from the server, file lists from a drop.

* ``parse_content_disposition`` + ``sanitize_filename`` never raise and never yield a path separator, a
  ``..``/hidden/blank name, a control or invisible character, a reserved Windows device name or an
  over-long name; a real download (``write_download``) of a hostile header lands inside the chosen folder.
* A dropped list of anything (files of every size and extension, folders, missing paths, FIFOs, symlinks,
  duplicates) is classified by ``check_files`` without raising: every file ends up accepted or rejected
  with a reason naming it, exactly once; ``paths_from_mime`` keeps only local files.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import unicodedata
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier_desk.api import UploadRules, parse_content_disposition, sanitize_filename
from dossier_desk.api.documents import write_download
from dossier_desk.api.filenames import MAX_NAME_BYTES
from dossier_desk.api.models import DOCUMENT_TYPE_VALUES
from dossier_desk.ui.documents.validation import check_files, default_description, default_document_type
from tests.fault_summary import record

RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{n}" for p in ("COM", "LPT") for n in [*range(10), "¹", "²", "³"]
}
NASTY = st.sampled_from(
    [
        "..",
        ".",
        "../../etc/passwd",
        "..\\..\\Windows\\win.ini",
        "/etc/shadow",
        "C:\\Users\\a.pdf",
        "\\\\server\\share\\x.pdf",
        "CON",
        "con.txt",
        "Nul .pdf",
        "COM1.tar.gz",
        "LPT²",
        "a\x00b.pdf",
        "report\u202efdp.exe",
        "\u200b\u200b",
        "   ",
        "....pdf",
        "x" * 400 + ".pdf",
        "é" * 300,
        "😷" * 80 + ".docx",
        "line\r\nbreak.pdf",
        'quote".pdf',
        "a:b|c?d*e<f>.txt",
        ".bashrc",
        "trailing. . .",
    ]
)
NAME = st.one_of(NASTY, st.text(max_size=60), st.lists(NASTY, min_size=1, max_size=3).map("/".join))


@st.composite
def disposition(draw: st.DrawFn) -> str:
    """A Content-Disposition header as a hostile or sloppy server might send it."""
    name = draw(NAME)
    kind = draw(st.sampled_from(["quoted", "token", "ext", "both", "dup", "junk", "raw"]))
    quoted = name.replace("\\", "\\\\").replace('"', '\\"')
    ext = "UTF-8''" + quote(name.encode("utf-8", "surrogatepass"), safe="")
    if kind == "quoted":
        return f'attachment; filename="{quoted}"'
    if kind == "token":
        return f"attachment; filename={name}"
    if kind == "ext":
        return f"attachment; filename*={ext}"
    if kind == "both":
        return f'attachment; filename="fallback.pdf"; filename*={ext}'
    if kind == "dup":
        return f'attachment; filename="safe.pdf"; filename="{quoted}"'
    if kind == "junk":
        return draw(st.text(max_size=80))
    return f"attachment; filename*={draw(st.sampled_from(['UTF-8', 'latin1', 'x', '']))}'{name}'{name}"


def assert_safe_name(name: str) -> None:
    assert name, "empty name"
    assert "/" not in name, name
    assert "\\" not in name, name
    assert name not in {".", ".."}, name
    assert not name.startswith("."), name
    assert name == name.strip(" ."), repr(name)
    bad = [c for c in name if unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}]
    assert not bad, repr(name)
    assert not set('<>:"|?*') & set(name), name
    assert name.split(".")[0].rstrip(" ").upper() not in RESERVED, name
    assert len(name.encode("utf-8")) <= MAX_NAME_BYTES, len(name.encode("utf-8"))
    assert unicodedata.normalize("NFC", name) == name


@settings(max_examples=5200, deadline=None)
@given(header=disposition(), fallback=st.one_of(st.just("document.pdf"), NAME))
def test_any_content_disposition_becomes_a_safe_name(header: str, fallback: str) -> None:
    record("examples")
    proposed = parse_content_disposition(header)
    assert proposed is None or isinstance(proposed, str)
    assert_safe_name(sanitize_filename(proposed or fallback, fallback))
    assert_safe_name(sanitize_filename(fallback))


@pytest.fixture(scope="module")
def download_dir() -> Path:
    with tempfile.TemporaryDirectory(prefix="fuzz-download-") as directory:
        yield Path(directory)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=disposition(), body=st.binary(max_size=64))
def test_a_real_download_with_a_hostile_header_stays_in_its_folder(
    download_dir: Path, header: str, body: bytes
) -> None:
    record("examples")
    target = download_dir / "inbox"
    target.mkdir()
    try:
        raw = header.encode("utf-8", "surrogatepass")  # as the bytes would arrive on the wire
        response = httpx.Response(200, content=body, headers=[(b"Content-Disposition", raw)])
        proposed = parse_content_disposition(response.headers.get("content-disposition")) or ""
        written = asyncio.run(write_download(response, target, proposed, "document.pdf"))
        assert written.parent == target
        assert written.read_bytes() == body
        assert_safe_name(written.name)
        assert [p.name for p in target.iterdir()] == [written.name]  # no temp file left behind
        assert sorted(p.name for p in download_dir.iterdir()) == ["inbox"]  # nothing escaped the folder
    finally:
        shutil.rmtree(target)


RULES = UploadRules(allowed_extensions=(".pdf", ".docx", ".txt"), max_file_size=64, max_files_per_request=3)
ENTRY = st.sampled_from(
    ["file", "file", "file", "empty", "big", "dir", "empty_dir", "missing", "fifo", "link", "dangling", "dup"]
)
EXT = st.sampled_from([".pdf", ".PDF", ".docx", ".txt", ".exe", "", ".tar.gz", ". pdf"])
STEM = st.one_of(
    st.text(
        st.characters(exclude_categories=("Cs", "Cc"), exclude_characters="/\\:\x00"), min_size=1, max_size=20
    ),
    st.sampled_from(["medisch attest", "vaststellingsovereenkomst", "Thumbs", ".DS_Store", "CON", "a b"]),
)


def _make(root: Path, n: int, kind: str, stem: str, ext: str, made: list[Path]) -> Path:
    path = root / f"{n:02d}-{stem.strip() or 'x'}{ext}"
    if kind in ("file", "big", "empty"):
        path.write_bytes(b"" if kind == "empty" else b"x" * (200 if kind == "big" else 10))
    elif kind in ("dir", "empty_dir"):
        path.mkdir()
        if kind == "dir":
            (path / "inner.pdf").write_bytes(b"pdf")
            (path / "Thumbs.db").write_bytes(b"clutter")
            (path / "notes.exe").write_bytes(b"exe")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "link":
        (root / f"{n:02d}-target.pdf").write_bytes(b"linked")
        path.symlink_to(root / f"{n:02d}-target.pdf")
    elif kind == "dangling":
        path.symlink_to(root / "nowhere.pdf")
    elif kind == "dup" and made:
        return made[-1]
    return path


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entries=st.lists(st.tuples(ENTRY, STEM, EXT), min_size=1, max_size=8))
def test_any_dropped_list_is_classified_completely(download_dir: Path, entries) -> None:
    record("examples")
    root = Path(tempfile.mkdtemp(dir=download_dir))
    try:
        dropped: list[Path] = []
        for n, (kind, stem, ext) in enumerate(entries):
            dropped.append(_make(root, n, kind, stem, ext, dropped))
        checked = check_files(dropped, RULES)
        accepted = [p for p, _size in checked.accepted]
        rejected = [r.path for r in checked.rejected]
        expected_files = []
        for path in dict.fromkeys(dropped):  # a path dropped twice counts once
            if path.is_dir():
                inside = [p for p in sorted(path.rglob("*")) if p.name.lower() != "thumbs.db"]
                expected_files.extend(inside or [path])
            else:
                expected_files.append(path)
        # Every file exactly once, accepted or refused (a folder dropped twice is reported once).
        assert sorted(map(str, accepted + rejected)) == sorted(map(str, expected_files))
        assert not set(accepted) & set(rejected)
        assert len(accepted) == len(set(accepted))
        for path, size in checked.accepted:
            assert path.is_file()
            assert path.suffix.lower() in RULES.allowed_extensions
            assert 0 < size <= RULES.max_file_size
            assert default_document_type(path) in DOCUMENT_TYPE_VALUES
            assert default_description(path)
        for item in checked.rejected:
            assert item.reason
            assert "\n" not in item.reason
            assert item.path.name in item.reason
        if len(accepted) > RULES.max_files_per_request:
            assert checked.notes
    finally:
        shutil.rmtree(root)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    urls=st.lists(
        st.one_of(
            st.builds(lambda s: "file:///tmp/" + quote(s), st.text(max_size=20)),
            st.sampled_from(
                ["https://evil.example/x.pdf", "ftp://h/x", "file://server/share/x.pdf", "x", ""]
            ),
            st.text(max_size=30),
        ),
        max_size=6,
    )
)
def test_drop_mime_data_keeps_only_local_files(qapp, urls: list[str]) -> None:
    from PySide6.QtCore import QMimeData, QUrl

    from dossier_desk.ui.documents.drop import paths_from_mime

    record("examples")
    mime = QMimeData()
    mime.setUrls([QUrl(u) for u in urls])
    paths = paths_from_mime(mime)
    expected = [QUrl(u).toLocalFile() for u in urls if QUrl(u).isLocalFile() and QUrl(u).toLocalFile()]
    assert [str(p) for p in paths] == [str(Path(e)) for e in expected]
    assert all(p.is_absolute() or str(p).startswith("//") for p in paths)


def test_an_empty_folder_dropped_twice_is_reported_once(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    checked = check_files([empty, empty], RULES)
    assert [r.path for r in checked.rejected] == [empty]
