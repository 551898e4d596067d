"""Content-Disposition parsing and filename sanitising (hostile names from the server)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier_desk.api.filenames import numbered, parse_content_disposition, sanitize_filename


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ('attachment; filename="report.pdf"', "report.pdf"),
        ("attachment; filename=report.pdf", "report.pdf"),
        ('attachment; filename="a \\"quoted\\" name.pdf"', 'a "quoted" name.pdf'),
        ("attachment; filename=\"fallback.pdf\"; filename*=UTF-8''%E2%82%AC%20rates.pdf", "€ rates.pdf"),
        ("attachment; filename*=utf-8'nl'Verzuim%C3%ABn.docx", "Verzuimën.docx"),
        ("attachment; filename*=iso-8859-1''caf%E9.txt", "café.txt"),
        ("attachment; filename*=UTF-8''%FF%FE.pdf; filename=\"ok.pdf\"", "ok.pdf"),  # bad UTF-8: fall back
        ('attachment; filename="first.pdf"; filename="second.exe"', "first.pdf"),
        ('attachment; filename="semi;colon.pdf"', "semi;colon.pdf"),
        ("attachment", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_content_disposition(header: str | None, expected: str | None) -> None:
    assert parse_content_disposition(header) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("report.pdf", "report.pdf"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\Windows\\System32\\evil.dll", "evil.dll"),
        ("/absolute/path.txt", "path.txt"),
        ("C:\\Users\\x\\a.pdf", "a.pdf"),
        ("..", "fallback.pdf"),
        (".", "fallback.pdf"),
        ("...", "fallback.pdf"),
        ("", "fallback.pdf"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1.tar.gz", "_LPT1.tar.gz"),
        ("COM¹.pdf", "_COM¹.pdf"),
        ("NUL .txt", "_NUL.txt"),
        ("CONSOLE.txt", "CONSOLE.txt"),
        ("a<b>c:d|e?f*g.pdf", "a_b_c_d_e_f_g.pdf"),
        ("line\nbreak\r\x00\x1b.pdf", "linebreak.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("zero\u200bwidth.pdf", "zerowidth.pdf"),
        ("trailing dots... ", "trailing dots"),
        (".hidden", "hidden"),
        ("multi    space.pdf", "multi space.pdf"),
    ],
)
def test_sanitize_filename(name: str, expected: str) -> None:
    assert sanitize_filename(name, "fallback.pdf") == expected


def test_overlong_names_keep_their_extension() -> None:
    name = sanitize_filename("é" * 300 + ".pdf")
    assert name.endswith(".pdf")
    assert len(name.encode()) <= 200
    assert sanitize_filename("x." + "y" * 100).endswith("." + "y" * 20)


def test_hostile_fallback_is_sanitised_too() -> None:
    assert sanitize_filename("..", "../x/CON") == "_CON"
    assert sanitize_filename(None, "..") == "document"


def test_numbered() -> None:
    assert numbered("a.pdf", 2) == "a (2).pdf"
    assert numbered("README", 1) == "README (1)"


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


@settings(max_examples=150, database=None)
@given(st.text(max_size=260))
def test_any_name_becomes_a_safe_single_component(name: str) -> None:
    safe = sanitize_filename(name)
    assert safe
    assert "/" not in safe
    assert "\\" not in safe
    assert safe not in {".", ".."}
    assert not any(ord(c) < 32 or c in '<>:"|?*' for c in safe)
    assert safe == safe.strip(" .") or safe.startswith("_")
    assert len(safe.encode("utf-8")) <= 200 + 21
    assert safe.split(".")[0].strip().upper() not in _RESERVED
