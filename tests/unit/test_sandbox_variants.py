"""Variant rules without a server: enum spellings, blanks, rate windows."""

from __future__ import annotations

import pytest

from dossier_sandbox.ratelimit import RateLimiter
from dossier_sandbox.schema import STATUS_VALUES
from dossier_sandbox.variants import VARIANTS, get_variant


@pytest.mark.parametrize(
    ("variant", "wire"),
    [
        ("bc", "In_x0020_Process"),
        ("bc23", "In Process"),
        ("odata", "In_x0020_Process"),
        ("vendor", "InProcess"),
    ],
)
def test_enum_spelling(variant: str, wire: str) -> None:
    v = get_variant(variant)
    assert v.enum_out("In Process") == wire
    assert v.enum_out("Open") == "Open"
    assert v.enum_in(wire, STATUS_VALUES) == "In Process"
    assert v.enum_in("open", STATUS_VALUES) is None  # exact, as BC compares enum names


def test_each_server_refuses_the_others_spelling() -> None:
    assert get_variant("bc").enum_in("In Process", STATUS_VALUES) is None
    assert get_variant("bc23").enum_in("In_x0020_Process", STATUS_VALUES) is None
    assert get_variant("vendor").enum_in("In Process", STATUS_VALUES) == "In Process"  # its own examples


def test_blanks() -> None:
    kinds = {"id": "guid", "endingDate": "date", "stamp": "datetime", "ref": "string", "level": "int"}
    row = {"id": "x", "endingDate": "", "stamp": "", "ref": "", "level": 0}
    present = {name: get_variant(name).presenter(kinds, keep=("id",)) for name in VARIANTS}
    assert present["bc"](dict(row)) == {
        "id": "x",
        "endingDate": "0001-01-01",
        "stamp": "0001-01-01T00:00:00Z",
        "ref": "",
        "level": 0,
    }
    assert present["odata"](dict(row)) == {
        "id": "x",
        "endingDate": None,
        "stamp": None,
        "ref": None,
        "level": 0,
    }
    assert present["vendor"](dict(row)) == {
        "id": "x",
        "endingDate": None,
        "stamp": None,
        "ref": "",
        "level": 0,
    }


def test_unknown_variant() -> None:
    with pytest.raises(ValueError, match="unknown sandbox variant"):
        get_variant("BC")


def test_several_windows_refuse_on_the_tightest() -> None:
    limiter = RateLimiter(None, 0, windows=[(2, 1.0), (3, 60.0)])
    t = 1000.0
    assert limiter.check("u", t).allowed
    second = limiter.check("u", t + 0.1)
    assert second.allowed
    assert (second.limit, second.remaining) == (2, 0)
    burst = limiter.check("u", t + 0.2)
    assert not burst.allowed
    assert burst.limit == 2
    assert limiter.check("u", t + 1.5).allowed  # the second has passed: third of the minute
    minute = limiter.check("u", t + 3.0)
    assert not minute.allowed
    assert minute.limit == 3
    assert minute.retry_after_s == 57  # the first request leaves the minute at t + 60
    assert limiter.check("u", t + 60.5).allowed


def test_no_windows_never_refuse() -> None:
    limiter = RateLimiter(None, 0, windows=[])
    assert all(limiter.check("u", 1.0).allowed for _ in range(100))
