"""Profiles for "where the time goes": py-spy for child processes, and a summary of its collapsed stacks.

The in-process scenarios are profiled with pyinstrument by the runner (``--profile DIR``); child
processes (cold start, upload) are sampled from outside with ``py-spy record --format raw`` and
summarised here into self and cumulative time per function.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

PYSPY_RATE = 250  # samples per second


def pyspy_command(out: Path, command: list[str]) -> list[str]:
    """``command`` wrapped in ``py-spy record`` writing collapsed stacks to ``out``."""
    pyspy = shutil.which("py-spy")
    if pyspy is None:
        raise RuntimeError("py-spy is not installed (uv add --dev py-spy)")
    return [pyspy, "record", "--format", "raw", "--rate", str(PYSPY_RATE), "--nonblocking", "-o", str(out),
            "--", *command]  # fmt: skip


def summarize_collapsed(path: Path, top: int = 40) -> str:
    """Self and cumulative sample shares per function from a py-spy raw (collapsed stacks) file."""
    own: Counter[str] = Counter()
    cumulative: Counter[str] = Counter()
    total = 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        frames = stack.split(";")
        total += count
        own[frames[-1]] += count
        for frame in set(frames):
            cumulative[frame] += count
    if total == 0:
        return "no samples\n"
    lines = [f"{total} samples ({total / PYSPY_RATE:.1f} s at {PYSPY_RATE}/s)", "", "cumulative:"]
    lines += [f"{100 * n / total:6.1f}%  {frame}" for frame, n in cumulative.most_common(top)]
    lines += ["", "self:"]
    lines += [f"{100 * n / total:6.1f}%  {frame}" for frame, n in own.most_common(top)]
    return "\n".join(lines) + "\n"
