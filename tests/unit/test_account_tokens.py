"""A workspace's tokens are its own account's: a token fetched while another account signed in at a
prompt is refused, never handed to this workspace's requests (queued writes go out with their
author's token only)."""

from __future__ import annotations

import asyncio

import pytest

from dossier_desk.auth import Account, SignInRequired
from dossier_desk.ui.returning_start import AccountTokens

ANN = Account(home_account_id="ann.tenant", username="ann@example.test", environment="login.test")
BOB = Account(home_account_id="bob.tenant", username="bob@example.test", environment="login.test")


class SwitchingAuth:
    """An auth session whose token call waits; ``switch_to`` signs another account in meanwhile."""

    def __init__(self, current: Account | None, switch_to: Account | None = None) -> None:
        self.current_account = current
        self._switch_to = switch_to

    async def select_account(self, account: Account) -> None:
        self.current_account = account

    async def get_token(self, *, force_refresh: bool = False) -> str:
        await asyncio.sleep(0)
        if self._switch_to is not None:
            self.current_account = self._switch_to  # the prompt's sign-in, while this call waited
        return f"token-of-{self.current_account.username}"


def test_the_workspace_account_gets_its_token() -> None:
    tokens = AccountTokens(lambda: SwitchingAuth(None), ANN)  # type: ignore[arg-type, return-value]
    assert asyncio.run(tokens.get_token()) == "token-of-ann@example.test"


def test_another_account_signed_in_before_the_call_is_refused() -> None:
    tokens = AccountTokens(lambda: SwitchingAuth(BOB), ANN)  # type: ignore[arg-type, return-value]
    with pytest.raises(SignInRequired):
        asyncio.run(tokens.get_token())


def test_another_account_signed_in_while_the_token_was_fetched_is_refused() -> None:
    auth = SwitchingAuth(ANN, switch_to=BOB)
    tokens = AccountTokens(lambda: auth, ANN)  # type: ignore[arg-type, return-value]
    with pytest.raises(SignInRequired):
        asyncio.run(tokens.get_token(force_refresh=True))
