"""How much memory each notebook's kernel may use, and how many run at once.

A report kernel holds the corpus tables and the analysis tables of its report, so what it
needs grows with the corpus. Measured on generated news (``benchmarks/bench_scale.py``;
the kernels' own peaks are in each run's manifest, ``peak_memory_mb``): at 10,000
articles the four kernels peaked at 1.1-1.6 GB of resident memory and 1.6-1.9 GB of
address space (what the cap counts), from about 0.65 GB of address space once the
imports are done, i.e. at most about 0.12 GB more per 1,000 articles.

So, unless the user gives a cap (``--memory-limit GB``, ``$STORYLENS_MEMORY_LIMIT_GB``),
each kernel may use :data:`~storylens.reports.worker.DEFAULT_MEMORY_LIMIT_GB` or, for a
bigger corpus, :data:`CAP_BASE_GB` plus :data:`CAP_GB_PER_1000` per 1,000 articles,
whichever is more: the cap still stops a runaway cell (issue #14's one-line article grew
a kernel to 23.7 GB) without failing every notebook of a corpus that simply needs more
(at 100,000 articles each kernel failed at 4 GB while loading the corpus).

Notebooks run at once only as far as the memory the system has available holds what
they are expected to need (:data:`NEED_BASE_GB` plus :data:`NEED_GB_PER_1000` per 1,000
articles, the measured growth): at 100,000 articles on a 24 GB machine, one at a time
instead of two kernels each reaching 12 GB and the system's out-of-memory killer.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

__all__ = [
    "AUTO",
    "CAP_BASE_GB",
    "CAP_GB_PER_1000",
    "NEED_BASE_GB",
    "NEED_GB_PER_1000",
    "MemoryPlan",
    "available_gb",
    "plan_memory",
]

AUTO = "auto"  # the cap follows the corpus (the default)
CAP_BASE_GB = 1.0
CAP_GB_PER_1000 = 0.2  # the measured 0.12 with room: a cap is a stop for runaway cells
NEED_BASE_GB = 0.7  # a kernel's address space once storylens is imported
NEED_GB_PER_1000 = 0.12


@dataclasses.dataclass(frozen=True)
class MemoryPlan:
    """Each kernel's cap in GB (None: no cap), the notebooks run at once, and a sentence
    saying why when that is fewer than asked (else "")."""

    cap_gb: float | None
    at_once: int
    note: str


def available_gb(meminfo: str | Path = "/proc/meminfo") -> float | None:
    """The memory the system says is available for new work (``MemAvailable``), in GB;
    None where it does not say."""
    try:
        text = Path(meminfo).read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("MemAvailable:"):
            return int(line.split()[1]) / 2**20
    return None


def plan_memory(
    articles: int,
    *,
    limit_gb: float | str | None,
    jobs: int,
    available: float | None,
    default_gb: float,
) -> MemoryPlan:
    """The kernels' cap and how many run at once, for a corpus of ``articles``.

    ``limit_gb``: the user's cap (a number of GB; 0 or None: no cap) or :data:`AUTO`
    (``default_gb``, or more for a big corpus: see the module docstring). ``jobs``:
    notebooks the run would start at once; ``available``: GB of memory available (None:
    unknown, then ``jobs`` as asked).

    >>> plan_memory(10_000, limit_gb=AUTO, jobs=2, available=20.0, default_gb=4.0)
    MemoryPlan(cap_gb=4.0, at_once=2, note='')
    >>> plan = plan_memory(100_000, limit_gb=AUTO, jobs=2, available=20.0, default_gb=4.0)
    >>> plan.cap_gb, plan.at_once
    (21.0, 1)
    """
    if limit_gb == AUTO:
        cap = max(default_gb, round(CAP_BASE_GB + CAP_GB_PER_1000 * articles / 1000, 1))
    else:
        cap = float(limit_gb) if limit_gb else None
    need = NEED_BASE_GB + NEED_GB_PER_1000 * articles / 1000
    if cap is not None:
        need = min(need, cap)  # a kernel cannot use more than its cap
    at_once = max(1, jobs)
    if available is not None and at_once > 1:
        at_once = max(1, min(at_once, int(available // need)))
    note = ""
    if at_once < jobs:
        note = (f"{at_once} at a time, not {jobs}: each kernel may need about {need:.1f} GB "
                f"for {articles:,} articles and {available:.1f} GB is available")  # fmt: skip
    return MemoryPlan(cap, at_once, note)
