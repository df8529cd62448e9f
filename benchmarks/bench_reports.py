"""How long ``make reports`` takes on the seeds, next to bare papermill on empty notebooks.

Measures, each as the median wall time of ``--repeat`` fresh processes:

1. ``reports``: ``python -m storylens reports --out TMP`` on the bundled seeds (the command
   ``make reports`` runs once the environment is built);
2. ``runner, empty``: the same command on as many empty notebooks (a parameters cell
   only), i.e. the runner's own cost: imports, corpus glance, kernels, HTML, index;
3. ``papermill, empty``: papermill alone executing those empty notebooks on the same
   kernel, as many at once (a process pool), no HTML: the floor any runner pays.

The ratio reports / papermill-empty says how much of the time is the notebooks' own work
plus the runner, over what kernels cost anyway.

    .venv/bin/python benchmarks/bench_reports.py [--repeat 3] [--jobs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from storylens.paths import notebooks_dir, project_root
from storylens.reports.notebooks import KERNEL_NAME, find_notebooks
from storylens.reports.runner import usable_cores

PAPERMILL_ONLY = """
import sys
from concurrent.futures import ProcessPoolExecutor
import papermill

def run(path):
    papermill.execute_notebook(path, path + ".out.ipynb", kernel_name=sys.argv[1],
                               language="python", progress_bar=False)

if __name__ == "__main__":
    jobs, paths = int(sys.argv[2]), sys.argv[3:]
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(run, paths))
"""


def empty_notebooks(folder: Path, count: int) -> list[Path]:
    """``count`` notebooks holding a title and a parameters cell, nothing else."""
    folder.mkdir(parents=True)
    paths = []
    for i in range(count):
        params = new_code_cell('corpus: str = ""  # articles\ndata_dir: str = ""  # CSVs')
        params.metadata["tags"] = ["parameters"]
        nb = new_notebook()
        nb.cells = [new_markdown_cell(f"# Empty {i}"), params]
        nb.metadata["kernelspec"] = {"name": KERNEL_NAME, "language": "python", "display_name": ""}
        path = folder / f"{i:02d}-empty.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project_root(), capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-3000:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default 3)")
    parser.add_argument("--jobs", type=int, default=usable_cores(), help="notebooks at once")
    args = parser.parse_args()
    count = len(find_notebooks(notebooks_dir()))
    jobs = min(args.jobs, count)
    python = sys.executable
    times: dict[str, list[float]] = {"reports": [], "runner, empty": [], "papermill, empty": []}
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        root = Path(tmp)
        empty = empty_notebooks(root / "empty", count)
        script = root / "papermill_only.py"
        script.write_text(PAPERMILL_ONLY, encoding="utf-8")
        for run in range(args.repeat):
            out = root / f"out-{run}"
            times["reports"].append(
                timed(
                    [python, "-m", "storylens", "reports", "--out", str(out), "--jobs", str(jobs)]
                )
            )
            times["runner, empty"].append(
                timed(
                    [
                        python,
                        "-m",
                        "storylens",
                        "reports",
                        "--out",
                        str(root / f"empty-{run}"),
                        "--notebooks",
                        str(root / "empty"),
                        "--jobs",
                        str(jobs),
                    ]
                )  # fmt: skip
            )
            times["papermill, empty"].append(
                timed([python, str(script), KERNEL_NAME, str(jobs), *map(str, empty)])
            )
    median = {k: statistics.median(v) for k, v in times.items()}
    print(f"{count} notebook(s), {jobs} at a time, {usable_cores()} cores, {args.repeat} run(s)")
    for name, values in times.items():
        runs = ", ".join(f"{v:.1f}" for v in values)
        print(f"  {name:<17} median {median[name]:6.1f} s   (runs: {runs})")
    ratio = median["reports"] / median["papermill, empty"]
    runner = median["runner, empty"] / median["papermill, empty"]
    print(f"  overhead ratio reports / papermill-empty: {ratio:.1f}x")
    print(f"  runner's own cost, runner-empty / papermill-empty: {runner:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
