"""TaskScope: replace by key, debounce, close (cancel and await), failures that never vanish."""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from dossier_desk.ui.task_scope import ScopeClosedError, TaskScope


def run(test: Callable[[], Awaitable[None]]) -> list[dict[str, Any]]:
    """Run ``test`` on a fresh loop; returns what reached the loop's exception handler (must be nothing
    for a well-behaved scope: no "Task was destroyed but it is pending", no "exception never retrieved")."""
    reported: list[dict[str, Any]] = []

    async def main() -> None:
        asyncio.get_running_loop().set_exception_handler(lambda _loop, context: reported.append(context))
        await test()
        assert asyncio.all_tasks() == {asyncio.current_task()}, "a task outlived the test"

    asyncio.run(main())
    gc.collect()
    return reported


def test_a_key_replaces_its_running_task() -> None:
    async def body() -> None:
        scope = TaskScope()
        first = scope.spawn(asyncio.sleep(10), key="refresh")
        second = scope.spawn(asyncio.sleep(10), key="refresh")
        other = scope.spawn(asyncio.sleep(10), key="other")
        await asyncio.sleep(0)
        assert first.cancelled()
        assert not second.done()
        assert not other.done()
        assert scope.active("refresh")
        assert len(scope) == 2
        await scope.aclose()

    assert run(body) == []


def test_aclose_cancels_and_awaits_everything_and_is_idempotent() -> None:
    ended: list[str] = []

    async def cleans_up() -> None:
        try:
            await asyncio.sleep(10)
        finally:
            await asyncio.sleep(0.01)  # cleanup that itself awaits: aclose must wait for it
            ended.append("cleaned")

    async def body() -> None:
        scope = TaskScope()
        task = scope.spawn(cleans_up())
        child = scope.child("tab")
        child_task = child.spawn(asyncio.sleep(10), key="x")
        await asyncio.sleep(0)
        await scope.aclose()
        assert ended == ["cleaned"]
        assert task.cancelled()
        assert child_task.cancelled()
        assert scope.closed
        assert child.closed
        assert len(scope) == 0
        await scope.aclose()  # a second close is harmless
        with pytest.raises(ScopeClosedError):
            scope.spawn(asyncio.sleep(0))
        with pytest.raises(ScopeClosedError):
            child.spawn(asyncio.sleep(0))
        assert scope.debounce("late", 0.01, lambda: asyncio.sleep(0)) is None

    assert run(body) == []


def test_a_task_that_ignores_one_cancellation_is_still_awaited() -> None:
    async def stubborn() -> None:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            await asyncio.sleep(0.01)
            raise

    async def body() -> None:
        scope = TaskScope()
        task = scope.spawn(stubborn())
        await asyncio.sleep(0)
        await scope.aclose()
        assert task.done()

    assert run(body) == []


def test_debounce_runs_only_the_last_of_a_burst_after_the_delay() -> None:
    calls: list[int] = []

    def work(n: int) -> Callable[[], Awaitable[None]]:
        async def go() -> None:
            calls.append(n)

        return go

    async def body() -> None:
        scope = TaskScope()
        loop = asyncio.get_running_loop()
        started = loop.time()
        for n in range(50):
            scope.debounce("detail", 0.05, work(n))
            await asyncio.sleep(0.001)  # a key press every millisecond
        assert calls == []
        last = scope.debounce("detail", 0.05, work(50))
        assert last is not None
        await last
        assert calls == [50]
        assert loop.time() - started >= 0.05
        await scope.aclose()

    assert run(body) == []


def test_debounce_cancels_work_already_running_when_replaced() -> None:
    finished: list[str] = []

    async def slow_fetch() -> None:
        await asyncio.sleep(10)
        finished.append("old")

    async def body() -> None:
        scope = TaskScope()
        first = scope.debounce("detail", 0, slow_fetch)
        await asyncio.sleep(0.01)  # past the delay: the fetch is in flight
        assert first is not None
        assert not first.done()
        scope.cancel("detail")
        await asyncio.sleep(0)
        assert first.cancelled()
        assert not scope.active("detail")
        assert finished == []
        await scope.aclose()

    assert run(body) == []


def test_a_failure_goes_to_its_handler() -> None:
    seen: list[BaseException] = []

    async def fails() -> None:
        raise ValueError("secret patient text")

    async def body() -> None:
        scope = TaskScope()
        task = scope.spawn(fails(), on_error=seen.append)
        await asyncio.wait([task])
        await scope.aclose()

    assert run(body) == []
    assert [type(e) for e in seen] == [ValueError]


def test_an_unhandled_failure_is_logged_without_its_message(
    caplog: pytest.LogCaptureFixture, logging_expected: None
) -> None:
    async def fails() -> None:
        raise ValueError("secret patient text")

    async def body() -> None:
        scope = TaskScope("workspace")
        task = scope.spawn(fails())
        await asyncio.wait([task])
        await scope.aclose()

    with caplog.at_level(logging.ERROR, logger="dossier_desk.ui.task_scope"):
        assert run(body) == []  # retrieved by the scope: asyncio has nothing to report
    records = [r for r in caplog.records if r.name == "dossier_desk.ui.task_scope"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    text = caplog.text
    assert "ValueError" in text
    assert "workspace" in text
    assert "fails" in text
    assert "secret" not in text


def test_cancellation_is_not_reported_as_a_failure(caplog: pytest.LogCaptureFixture) -> None:
    async def body() -> None:
        scope = TaskScope()
        scope.spawn(asyncio.sleep(10), key="a", on_error=lambda e: pytest.fail(f"handler called: {e!r}"))
        scope.spawn(asyncio.sleep(10), key="a")
        await asyncio.sleep(0)
        await scope.aclose()

    assert run(body) == []
    assert not [r for r in caplog.records if r.name == "dossier_desk.ui.task_scope"]


def test_a_task_of_the_scope_may_close_it() -> None:
    async def body() -> None:
        scope = TaskScope()
        other = scope.spawn(asyncio.sleep(10))

        async def sign_out() -> str:
            await scope.aclose()
            return "done"

        closer = scope.spawn(sign_out())
        assert await closer == "done"
        assert other.cancelled()

    assert run(body) == []


def test_a_closed_child_leaves_its_parent() -> None:
    async def body() -> None:
        scope = TaskScope()
        child = scope.child("part")
        child.spawn(asyncio.sleep(10))
        await child.aclose()
        assert scope._children == set()
        assert not scope.closed
        scope.spawn(asyncio.sleep(0))
        await scope.aclose()

    assert run(body) == []
