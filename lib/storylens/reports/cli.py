"""The command line ``python -m storylens reports`` (what ``make reports`` calls)."""

from __future__ import annotations

import argparse
import math
import os
import sys

from storylens.analysis import STORE_VARIABLE
from storylens.cluster import SCHEDULER_VARIABLE, ClusterError
from storylens.reports.config import STORY_VARIABLE
from storylens.reports.errors import ReportsError
from storylens.reports.memory_plan import AUTO
from storylens.reports.runner import DEFAULT_TIMEOUT, run_reports
from storylens.reports.worker import DEFAULT_MEMORY_LIMIT_GB

__all__ = [
    "ENVIRONMENT",
    "positive",
    "from_environment",
    "build_parser",
    "main",
    "MEMORY_LIMIT_VARIABLE",
    "memory_limit_default",
    "COUNT_VARIABLES",
    "only_from_environment",
    "FORCE_VARIABLE",
    "add_run_options",
    "memory_limit",
]


def positive(kind: type):
    """An argparse type: ``kind(text)``, refused unless positive and finite.

    >>> positive(int)("2")
    2
    """

    def parse(text: str):
        value = kind(text)
        if not value > 0 or (isinstance(value, float) and math.isinf(value)):
            raise argparse.ArgumentTypeError(f"must be a positive number, not {text}")
        return value

    return parse


# What `make reports CORPUS=... STORY=... CONFIG=... OUT=...` exports for each option, so
# that a path is never pasted into a shell line; an option given on the command line wins.
ENVIRONMENT = {
    "corpus": "STORYLENS_CORPUS",
    "story": STORY_VARIABLE,
    "config": "STORYLENS_CONFIG",
    "out": "STORYLENS_OUT",
}
MEMORY_LIMIT_VARIABLE = "STORYLENS_MEMORY_LIMIT_GB"  # the default of --memory-limit
# What `make reports JOBS=... ONLY=...` exports, read the same way (never a shell word).
COUNT_VARIABLES = {"jobs": "STORYLENS_JOBS", "only": "STORYLENS_ONLY"}
FORCE_VARIABLE = "STORYLENS_FORCE"  # what `make reports FORCE=1` exports


def memory_limit(text: str, *, what: str = "--memory-limit") -> float | str:
    """A memory limit as given: ``auto`` (:data:`~storylens.reports.memory_plan.AUTO`)
    or a number of GB (0: no cap); raises :class:`ReportsError` naming ``what``."""
    if text.strip().lower() == AUTO:
        return AUTO
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < math.inf:
        raise ReportsError(f"{what} is {text!r}; give a number of GB (0: no cap) or 'auto'")
    return value


def memory_limit_default() -> float | str:
    """``$STORYLENS_MEMORY_LIMIT_GB`` when set (a number; 0: no cap; ``auto``), else
    ``auto``: the cap follows the corpus (:mod:`storylens.reports.memory_plan`)."""
    text = os.environ.get(MEMORY_LIMIT_VARIABLE) or ""
    return memory_limit(text, what=f"${MEMORY_LIMIT_VARIABLE}") if text else AUTO


def from_environment(option: str) -> str | None:
    """The default of ``--option`` from its environment variable; None when unset or empty."""
    return os.environ.get(ENVIRONMENT[option]) or None


def build_parser() -> argparse.ArgumentParser:
    """The options of ``python -m storylens reports``."""
    parser = argparse.ArgumentParser(
        prog="python -m storylens reports",
        description="Execute every report notebook on a corpus and render shareable HTML.",
    )
    parser.add_argument(
        "--corpus",
        default=from_environment("corpus"),
        help=f"folder or file of articles (default: ${ENVIRONMENT['corpus']}, else the seeds)",
    )
    parser.add_argument(
        "--story",
        default=from_environment("story"),
        metavar="FILE",
        help="story file (actors, topic terms, figure topics) for every notebook that reads "
        f"one (default: ${STORY_VARIABLE}, else story.yaml beside the corpus)",
    )
    parser.add_argument(
        "--config",
        default=from_environment("config"),
        help=f"YAML file of notebook parameters (default: ${ENVIRONMENT['config']})",
    )
    parser.add_argument(
        "--out",
        default=from_environment("out"),
        help=f"output folder (default: ${ENVIRONMENT['out']}, else outputs/ in the project)",
    )
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="render only this notebook (NN-slug, slug or NN; repeat or comma-separate; "
        f"default: ${COUNT_VARIABLES['only']})",
    )
    add_run_options(parser)
    return parser


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """The options of how a run goes (where the pass runs, limits, reuse), not of what
    it reads or writes."""
    parser.add_argument(
        "--jobs",
        type=positive(int),
        default=os.environ.get(COUNT_VARIABLES["jobs"]) or None,
        help="processes for the per-document pass, and notebooks at once "
        f"(default: ${COUNT_VARIABLES['jobs']}, else the usable cores)",
    )
    parser.add_argument(
        "--scheduler",
        default=os.environ.get(SCHEDULER_VARIABLE) or None,
        metavar="ADDRESS",
        help="run the per-document pass on this Dask scheduler, e.g. tcp://host:8786 "
        f"(default: ${SCHEDULER_VARIABLE}, else this machine)",
    )
    parser.add_argument(
        "--store",
        default=os.environ.get(STORE_VARIABLE) or None,
        metavar="URL",
        help="where the per-document tables are stored: a folder or any fsspec URL, e.g. "
        f"s3://bucket/storylens, which cluster workers write into (default: "
        f"${STORE_VARIABLE}, else the cache folder)",
    )
    parser.add_argument(
        "--timeout",
        type=positive(float),
        default=DEFAULT_TIMEOUT,
        help=f"seconds a single cell may run (default: {DEFAULT_TIMEOUT})",
    )
    parser.add_argument(
        "--memory-limit",
        metavar="GB",
        help=f"memory each notebook's kernel may use, in GB; 0: no cap; auto: "
        f"{DEFAULT_MEMORY_LIMIT_GB:g}, or more for a big corpus (default: "
        f"${MEMORY_LIMIT_VARIABLE}, else auto)",
    )
    parser.add_argument(
        "--notebooks", help="folder of NN-slug.ipynb notebooks (default: notebooks/)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        default=os.environ.get(FORCE_VARIABLE, "") not in ("", "0"),
        help="run every notebook and write every article page again, even those whose "
        f"inputs are unchanged since the last run (default: ${FORCE_VARIABLE} set and not 0)",
    )


def only_from_environment() -> list[str] | None:
    """The notebooks ``$STORYLENS_ONLY`` names (comma-separated), or None when unset."""
    value = os.environ.get(COUNT_VARIABLES["only"]) or ""
    return [value] if value.strip() else None


def main(argv: list[str] | None = None) -> int:
    """``python -m storylens reports``: 0 when every report rendered, 1 when one failed,
    2 for a bad request, 130 when interrupted."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        given = args.memory_limit
        memory = memory_limit(given) if given is not None else memory_limit_default()
        result = run_reports(
            args.corpus,
            out=args.out,
            config=args.config,
            notebooks=args.notebooks,
            only=args.only or only_from_environment(),
            jobs=args.jobs,
            timeout=args.timeout,
            argv=argv,
            story=args.story,
            memory_limit_gb=memory,
            scheduler=args.scheduler,
            force=args.force,
            store=args.store,
        )
    except (ReportsError, ClusterError) as exc:
        print(f"storylens reports: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a folder that cannot be written: one line, no traceback
        print(f"storylens reports: error: {exc}; free some space or pass another --out",
              file=sys.stderr)  # fmt: skip
        return 1
    except KeyboardInterrupt:
        print("storylens reports: interrupted; previous reports left as they were", file=sys.stderr)
        return 130
    return 0 if result.ok else 1
