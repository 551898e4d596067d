"""The persisted MSAL token cache of a profile: encrypted where the OS allows, else a private file.

Order of preference:

1. ``msal_extensions.build_encrypted_persistence``: DPAPI (Windows), Keychain (macOS), libsecret
   (Linux, needs PyGObject and a running Secret Service).
2. Linux without PyGObject but with a keyring reachable through ``keyring`` (Secret Service over
   D-Bus, KWallet...): the cache file is encrypted with a random Fernet key kept in that keyring.
3. No keyring at all: a plain file with mode 0600 in a 0700 directory. ``cache_encrypted`` is then
   False so the UI can tell the user that tokens are protected by file permissions only.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring
from cryptography.fernet import Fernet, InvalidToken
from msal_extensions import FilePersistence, PersistedTokenCache, build_encrypted_persistence
from msal_extensions.persistence import BasePersistence, PersistenceNotFound

log = logging.getLogger(__name__)

KEYRING_SERVICE = "Dossier Desk token cache"


class ClosableTokenCache(PersistedTokenCache):
    """A persisted token cache that stops writing its file once closed, and keeps no new tokens of an
    account that signed out.

    A sign-in call left running when the app quits (``auth.call_threads``) may finish while the
    interpreter shuts down. Cut off inside a write, it would leave msal-extensions' lock file behind
    (every later sign-in then fails on the lock) or a truncated file. :meth:`close` waits for a write in
    progress (milliseconds) and makes later ones do nothing: a closed session needs no more tokens.
    Likewise a token refresh already on the wire when its account signs out must not put that account's
    tokens back (:meth:`forget`); MSAL adds entries as ``modify(kind, entry, entry)`` and removes them
    as ``modify(kind, entry)``, so additions and removals are told apart. Reads take no lock.
    """

    def __init__(self, persistence: BasePersistence) -> None:
        super().__init__(persistence)
        self._gate = threading.Lock()
        self._closed = False
        self._forgotten: set[str] = set()  # home_account_ids signed out in this session

    def modify(self, credential_type: object, old_entry: Any, new_key_value_pairs: object = None) -> None:
        with self._gate:
            if self._closed:
                return
            adding = new_key_value_pairs is not None
            if adding and isinstance(old_entry, dict) and old_entry.get("home_account_id") in self._forgotten:
                return
            super().modify(credential_type, old_entry, new_key_value_pairs)

    def forget(self, home_account_id: str) -> None:
        """Keep no tokens of this account that arrive from now on (it is signing out)."""
        with self._gate:
            self._forgotten.add(home_account_id)

    def forgotten(self, home_account_id: str) -> bool:
        with self._gate:
            return home_account_id in self._forgotten

    def welcome_sign_ins(self) -> None:
        """A new interactive sign-in starts: any account may keep its tokens again."""
        with self._gate:
            self._forgotten.clear()

    def close(self) -> None:
        with self._gate:
            self._closed = True


@dataclass(frozen=True)
class OpenedCache:
    """The token cache plus how it is protected (``protection`` is a short human description)."""

    cache: ClosableTokenCache
    encrypted: bool
    protection: str


class KeyringEncryptedFilePersistence(BasePersistence):
    """A file encrypted with a Fernet key that lives in the user's keyring (``keyring`` package)."""

    is_encrypted = True

    def __init__(self, location: Path, key: bytes) -> None:
        self._location = Path(location)
        self._fernet = Fernet(key)
        self._warned = False
        _private_dir(self._location.parent)

    @classmethod
    def from_keyring(cls, location: Path) -> KeyringEncryptedFilePersistence:
        """Fetch (or create and store) this cache's key; raise ``RuntimeError`` without a usable keyring."""
        account = hashlib.sha256(str(Path(location).resolve()).encode()).hexdigest()[:32]
        try:
            key = keyring.get_password(KEYRING_SERVICE, account)
            if key is None:
                key = Fernet.generate_key().decode("ascii")
                keyring.set_password(KEYRING_SERVICE, account, key)
                if keyring.get_password(KEYRING_SERVICE, account) != key:
                    raise RuntimeError("the keyring did not keep the token cache key")
        except Exception as exc:  # backends raise more than KeyringError (D-Bus, Keychain)
            raise RuntimeError(f"no usable keyring ({type(exc).__name__})") from exc
        return cls(location, key.encode("ascii"))

    def save(self, content: str) -> None:
        data = self._fernet.encrypt(content.encode("utf-8"))
        tmp = self._location.with_name(self._location.name + ".tmp")
        tmp.unlink(missing_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(self._location)

    def load(self) -> str:
        try:
            data = self._location.read_bytes()
        except FileNotFoundError as exc:
            raise PersistenceNotFound(location=str(self._location)) from exc
        try:
            return self._fernet.decrypt(data).decode("utf-8")
        except InvalidToken as exc:
            # The key in the keyring changed (keyring reset, other machine): the old tokens are lost.
            if not self._warned:
                self._warned = True
                log.warning("The token cache could not be decrypted with the keyring's key; starting empty.")
            raise PersistenceNotFound(location=str(self._location)) from exc

    def time_last_modified(self) -> float:
        try:
            return self._location.stat().st_mtime
        except FileNotFoundError as exc:
            raise PersistenceNotFound(location=str(self._location)) from exc

    def touch(self) -> None:
        if not self._location.exists():
            self.save("{}")
        else:
            os.utime(self._location)

    def get_location(self) -> str:
        return str(self._location)


def _private_dir(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)


def _private_file_persistence(location: Path) -> FilePersistence:
    _private_dir(location.parent)
    if location.exists():
        location.chmod(0o600)  # an older file may have been created with the umask
    # FilePersistence creates the file with os.open(..., 0o600).
    return FilePersistence(str(location))


def open_token_cache(location: Path, *, allow_os_encryption: bool = True) -> OpenedCache:
    """Open the token cache stored at ``location`` (created on first save).

    ``allow_os_encryption=False`` skips step 1 (used by tests to reach the keyring path).
    """
    location = Path(location)
    _private_dir(location.parent)
    if allow_os_encryption:
        try:
            persistence = build_encrypted_persistence(str(location))
        except (ImportError, ValueError, RuntimeError, OSError) as exc:
            log.info("OS-encrypted token cache unavailable (%s); trying the keyring.", type(exc).__name__)
        else:
            return OpenedCache(ClosableTokenCache(persistence), True, type(persistence).__name__)
    try:
        persistence = KeyringEncryptedFilePersistence.from_keyring(location)
    except RuntimeError as exc:
        log.info("No keyring for the token cache (%s); using a private file.", exc)
    else:
        return OpenedCache(ClosableTokenCache(persistence), True, "keyring-encrypted file")
    return OpenedCache(ClosableTokenCache(_private_file_persistence(location)), False, "file (mode 0600)")
