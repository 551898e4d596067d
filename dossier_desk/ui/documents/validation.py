"""Checks files against the server's upload rules before anything is sent (no widgets).

Every problem gets its own sentence naming the file, so a caseworker who dropped twenty files knows
exactly which three were refused and why; the valid ones go ahead ("nothing lost"). File names appear
in the UI only; this module never logs them (they can reveal medical content). The sentences are in the
UI language (``QCoreApplication.translate``, context ``UploadValidation``; English without a translator).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale

from dossier_desk.api.models import UploadRules

# Files the OS leaves in folders; dropping a folder should not produce "not allowed" noise for them.
_OS_CLUTTER = frozenset({".ds_store", "thumbs.db", "desktop.ini"})

# Words in a file name that suggest the document type. Dutch and English because the users are Dutch
# HR staff who name files in either. Medical wins over legal: mis-filing a medical certificate as
# non-medical would expose it to roles that must not see it.
_MEDICAL_WORDS = re.compile(
    r"medi(sch|cal)|doctor|huisarts|bedrijfsarts|verzekeringsarts|certificate|attest|verklaring|"
    r"diagnos|specialist|ziekenhuis|hospital|laboratorium|prescription",
    re.IGNORECASE,
)
_LEGAL_WORDS = re.compile(
    r"contract|overeenkomst|agreement|juridisch|legal|vonnis|court|rechtbank|advocaat|lawyer|"
    r"vaststellingsovereenkomst|settlement|deskundigenoordeel",
    re.IGNORECASE,
)
# Extensions that only ever hold medical data (DICOM imaging, HL7 messages).
_MEDICAL_EXTENSIONS = frozenset({".dcm", ".hl7"})

translate = QCoreApplication.translate  # lupdate reads translate("Context", "text") calls


@dataclass(frozen=True, slots=True)
class Rejected:
    """A file that will not be uploaded and the specific reason shown to the user."""

    path: Path
    reason: str


@dataclass(frozen=True, slots=True)
class CheckedFiles:
    """Outcome of :func:`check_files`: ``accepted`` with their sizes, ``rejected`` with reasons, and
    general ``notes`` that are not errors (e.g. the upload will be split into several requests)."""

    accepted: list[tuple[Path, int]]
    rejected: list[Rejected]
    notes: list[str]


def human_size(size: int) -> str:
    """Binary units with short labels as file managers show them: 512 bytes, 1.5 KB, 10 MB."""
    if size < 1024:
        return (
            translate("UploadValidation", "1 byte")
            if size == 1
            else translate("UploadValidation", "{0} bytes").format(size)
        )
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            # The decimal separator follows the UI locale: "1.5 KB" in English, "1,5 KB" in Dutch.
            text = f"{value:.1f}".rstrip("0").rstrip(".").replace(".", QLocale().decimalPoint())
            return f"{text} {unit}"
    raise AssertionError("unreachable")


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[Rejected]]:
    """Folders expand to the files inside them (recursively, sorted); duplicates are dropped.

    An empty folder is reported rather than silently ignored. OS clutter files inside a folder are
    skipped; a clutter file dropped on its own is kept (the user meant it, validation will judge it).
    """
    seen: set[Path] = set()
    files: list[Path] = []
    problems: list[Rejected] = []

    def add(path: Path) -> None:
        key = path.absolute()
        if key not in seen:
            seen.add(key)
            files.append(path)

    seen_folders: set[Path] = set()
    for path in paths:
        if path.is_dir():
            if path.absolute() in seen_folders:
                continue  # the same folder dropped twice: judge (and report) it once
            seen_folders.add(path.absolute())
            inside = [
                p for p in sorted(path.rglob("*")) if not p.is_dir() and p.name.lower() not in _OS_CLUTTER
            ]
            if not inside:
                empty = translate("UploadValidation", "The folder “{0}” contains no files.")
                problems.append(Rejected(path, empty.format(path.name)))
            for child in inside:
                add(child)
        else:
            add(path)
    return files, problems


def _probe_readable(path: Path) -> None:
    """Raise OSError if the file cannot be opened and read (permissions, locks, vanished)."""
    with path.open("rb") as handle:
        handle.read(1)


def check_file(path: Path, rules: UploadRules) -> tuple[int, str | None]:
    """Return ``(size, None)`` when ``path`` may be uploaded, else ``(size, reason)``.

    The order matters: what the user can fix most easily (wrong kind of thing) is reported first, and
    the file is only opened once it is known to be a regular file, so a FIFO can never block the UI.
    """
    name = path.name
    if path.is_dir():
        return 0, translate("UploadValidation", "“{0}” is a folder, not a file.").format(name)
    if not path.exists():
        return 0, translate("UploadValidation", "“{0}” no longer exists.").format(name)
    if not path.is_file():
        return 0, translate("UploadValidation", "“{0}” is not a regular file.").format(name)
    allowed = {ext.lower() for ext in rules.allowed_extensions}
    suffix = path.suffix.lower()
    if allowed and suffix not in allowed:
        listed = ", ".join(sorted(allowed))
        if suffix:
            return 0, translate(
                "UploadValidation", "“{0}” files are not accepted (“{1}”). Allowed: {2}."
            ).format(suffix, name, listed)
        return 0, translate(
            "UploadValidation", "Files without an extension are not accepted (“{0}”). Allowed: {1}."
        ).format(name, listed)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return 0, _unreadable(name, exc)
    if size == 0:
        return 0, translate("UploadValidation", "“{0}” is empty (0 bytes).").format(name)
    if rules.max_file_size and size > rules.max_file_size:
        return size, translate("UploadValidation", "“{0}” is {1}; the server accepts at most {2}.").format(
            name, human_size(size), human_size(rules.max_file_size)
        )
    try:
        _probe_readable(path)
    except OSError as exc:
        return size, _unreadable(name, exc)
    return size, None


def _unreadable(name: str, exc: OSError) -> str:
    return translate("UploadValidation", "“{0}” cannot be read ({1}).").format(
        name, exc.strerror or translate("UploadValidation", "access denied")
    )


def check_files(paths: Iterable[Path], rules: UploadRules) -> CheckedFiles:
    """Expand folders and check every file; nothing is dropped without a reason."""
    files, rejected = expand_paths(paths)
    accepted: list[tuple[Path, int]] = []
    for path in files:
        size, reason = check_file(path, rules)
        if reason is None:
            accepted.append((path, size))
        else:
            rejected.append(Rejected(path, reason))
    notes: list[str] = []
    limit = rules.max_files_per_request
    if limit and len(accepted) > limit:
        # The queue sends one file per request, so the limit is respected; say so rather than refuse.
        notes.append(
            translate(
                "UploadValidation",
                "The server accepts at most 1 file per request; the {0} files will be sent one at a time.",
            ).format(len(accepted))
            if limit == 1
            else translate(
                "UploadValidation",
                "The server accepts at most {0} files per request; the {1} files will be sent one at a time.",
            ).format(limit, len(accepted))
        )
    return CheckedFiles(accepted, rejected, notes)


def default_description(path: Path) -> str:
    """A readable description from the file name: stem with separators turned into spaces."""
    text = re.sub(r"[_\-.]+", " ", path.stem).strip()
    text = re.sub(r"\s+", " ", text)
    return text[:1].upper() + text[1:] if text else path.name


def default_document_type(path: Path) -> str:
    """Medical / Legal / Administrative guessed from the file name and extension."""
    if path.suffix.lower() in _MEDICAL_EXTENSIONS or _MEDICAL_WORDS.search(path.stem):
        return "Medical"
    if _LEGAL_WORDS.search(path.stem):
        return "Legal"
    return "Administrative"


def is_probably_private(path: Path) -> bool:
    """Whether the confidential box should start ticked (medical documents always are)."""
    return default_document_type(path) == "Medical"
