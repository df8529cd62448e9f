"""What runs in a worker process: execute one notebook with papermill, render its HTML.

Notebooks run on the kernel named ``storylens`` installed in this environment
(``JUPYTER_PATH`` is pinned to ``<sys.prefix>/share/jupyter``, so a user's kernel of the
same name is never picked), each kernel with ``PYTHONHASHSEED=0``, its output in a log
file, its process id in a file beside its connection file (so an interrupted run can
stop it) and its memory capped (:data:`DEFAULT_MEMORY_LIMIT_GB`, ``--memory-limit``): the
kernel is started through :data:`MEMORY_LAUNCHER`, which sets ``RLIMIT_AS`` and then
becomes the kernel, so a cell that asks for more gets a ``MemoryError`` (or its kernel
dies) and the report names that cell, instead of the machine's out-of-memory killer
ending whatever it picks.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import signal
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from traitlets import CaselessStrEnum

from storylens.compat import kernel_manager_with_hooks
from storylens.reports.manifest import CellError, NotebookRun, files_with_hashes, utc_now
from storylens.reports.notebooks import KERNEL_NAME
from storylens.reports.render import render_html

__all__ = [
    "ADDED_CELL_TAGS",
    "ANSI_ESCAPE",
    "KERNEL_STARTUP_FAILURE",
    "KERNEL_LOG_VARIABLE",
    "LocalKernelManager",
    "Task",
    "init_worker",
    "strip_ansi",
    "failed_cell",
    "error_report",
    "read_notebook",
    "execute",
    "run_one",
    "DEFAULT_MEMORY_LIMIT_GB",
    "MEMORY_LAUNCHER",
    "MEMORY_VARIABLE",
    "memory_bytes",
    "limited_command",
    "PEAK_VARIABLE",
    "peak_rss_mb",
    "record_peak",
    "read_peak",
]

ADDED_CELL_TAGS = {"injected-parameters", "papermill-error-cell-tag"}  # cells papermill adds
# Terminal colour codes in kernel tracebacks: "\x1b[0;31m" yes, "[0;31m" alone no.
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Kernel start-up failures worth a retry (a port taken between choice and bind):
# "Kernel died before replying to kernel_info" yes, "ZeroDivisionError" no.
KERNEL_STARTUP_FAILURE = re.compile(
    r"Kernel died before replying|Address already in use|Kernel didn't respond", re.I
)
KERNEL_LOG_VARIABLE = "STORYLENS_KERNEL_LOG"  # where the next kernel's output goes
MEMORY_VARIABLE = "STORYLENS_KERNEL_MEMORY"  # the next kernel's address-space cap, in bytes
PEAK_VARIABLE = "STORYLENS_KERNEL_PEAK"  # where the next kernel's peak RSS is written
DEFAULT_MEMORY_LIMIT_GB = 4.0  # per kernel: issue #14's one-line article grew one to 23.7 GB
# Under the cap Arrow allocates with the system's malloc (unless the user chose a pool):
# its default, mimalloc, reserves about 1 GB of address space at the first allocation,
# which RLIMIT_AS counts though it is never used (a 10,000-article notebook failed at 4 GB
# with 1.4 GB resident).
ARROW_POOL_VARIABLE = "ARROW_DEFAULT_MEMORY_POOL"
# Run as ``python -c MEMORY_LAUNCHER BYTES KERNEL-COMMAND...``: cap this process's address
# space, then replace it by the kernel (same pid: the pid file and stop_kernels still work).
MEMORY_LAUNCHER = (
    "import os, resource, sys\n"
    "limit = int(sys.argv[1])\n"
    "soft, hard = resource.getrlimit(resource.RLIMIT_AS)\n"
    "if hard != resource.RLIM_INFINITY:\n"
    "    limit = min(limit, hard)\n"
    "resource.setrlimit(resource.RLIMIT_AS, (limit, hard))\n"
    f"os.environ.setdefault({ARROW_POOL_VARIABLE!r}, 'system')\n"
    "os.execvp(sys.argv[2], sys.argv[2:])\n"
)


class LocalKernelManager(kernel_manager_with_hooks()):
    """A kernel manager that cannot collide with another kernel starting at once.

    With ``tcp`` two kernels started together may be given the same free port
    (papermill issue #511, "ZMQError: Address already in use"). On POSIX we use ``ipc``
    transport with sockets named after a fresh connection file in the run's own runtime
    folder. The kernel's stdout/stderr go to a log file instead of the terminal.
    """

    transport = CaselessStrEnum(
        ["tcp", "ipc"], default_value="ipc" if os.name == "posix" else "tcp", config=True
    )

    def __init__(self, **kwargs: Any) -> None:
        if os.name == "posix" and "connection_file" not in kwargs:
            kernel_id = kwargs.pop("kernel_id", None) or str(uuid.uuid4())
            runtime = os.environ.get("JUPYTER_RUNTIME_DIR") or tempfile.gettempdir()
            connection = os.path.join(runtime, f"kernel-{kernel_id}.json")
            kwargs.update(
                kernel_id=kernel_id,
                connection_file=connection,
                ip=os.path.splitext(connection)[0] + "-ipc",
            )
        super().__init__(**kwargs)

    def launch_log(self) -> str | None:
        return os.environ.get(KERNEL_LOG_VARIABLE) or None

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        return limited_command(command, os.environ.get(MEMORY_VARIABLE))

    def kernel_launched(self, pid: int | None) -> None:
        # Recorded so an interrupted run can stop the kernels it started (they run in
        # their own session and would not get the Ctrl-C).
        self._kernel_pid = pid
        if pid and self.connection_file:
            Path(self.connection_file).with_suffix(".pid").write_text(str(pid))

    async def shutdown_kernel(self, now: bool = False, restart: bool = False) -> None:
        # The kernel's peak resident memory, read while it still runs: what a user sizes
        # --memory-limit by (the run's manifest gives it per notebook). The public name:
        # jupyter_client binds it to the private coroutine when the class is made.
        record_peak(getattr(self, "_kernel_pid", None), os.environ.get(PEAK_VARIABLE))
        await super().shutdown_kernel(now=now, restart=restart)


def peak_rss_mb(pid: int | None) -> int | None:
    """The peak resident memory (``VmHWM``) of process ``pid`` so far, in MB; None when
    it is gone or the system does not say (no ``/proc``)."""
    if not pid:
        return None
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    found = re.search(r"^VmHWM:\s+(\d+)\s+kB", status, re.M)
    return int(found.group(1)) // 1024 if found else None


def record_peak(pid: int | None, path: str | None) -> None:
    """Write :func:`peak_rss_mb` of ``pid`` into ``path`` (nothing when either is unknown)."""
    peak = peak_rss_mb(pid)
    if path and peak is not None:
        Path(path).write_text(str(peak), encoding="ascii")


def read_peak(path: Path) -> int | None:
    """The peak written by :func:`record_peak` (None: none was, e.g. the kernel died)."""
    try:
        return int(path.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None


def memory_bytes(gigabytes: float | None) -> int | None:
    """A memory limit in GB as bytes; None (no limit) for None or 0.

    >>> memory_bytes(4), memory_bytes(0)
    (4294967296, None)
    """
    return int(gigabytes * 2**30) if gigabytes else None


def limited_command(command: list[str], limit: str | int | None) -> list[str]:
    """The kernel command started through :data:`MEMORY_LAUNCHER` with ``limit`` bytes of
    address space; the command unchanged without a limit (or off POSIX)."""
    if not limit or os.name != "posix":
        return command
    return [sys.executable, "-c", MEMORY_LAUNCHER, str(int(limit)), *command]


@dataclasses.dataclass(frozen=True)
class Task:
    """One notebook to run: its place in the run, source, staging folder and parameters."""

    index: int
    total: int
    name: str
    title: str
    source: str
    staging: str
    parameters: dict[str, Any]
    timeout: float
    memory_limit: int | None = None  # bytes of address space for the kernel; None: no cap


_events: Any = None  # set in each worker: a queue for "started"/"finished" messages


def init_worker(events: Any, runtime_dir: str) -> None:
    """Pool initializer: the progress queue, Ctrl-C ignored, the kernel environment."""
    global _events
    _events = events
    # Ctrl-C is the parent's to handle: it stops the workers and their kernels.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Only this environment's kernelspecs, so a user's own "storylens" kernel is never used.
    os.environ["JUPYTER_PATH"] = os.path.join(sys.prefix, "share", "jupyter")
    os.environ["JUPYTER_RUNTIME_DIR"] = runtime_dir
    # Kernels inherit this: set iteration order is then the same from run to run.
    os.environ["PYTHONHASHSEED"] = "0"


def strip_ansi(text: str) -> str:
    """``text`` without terminal colour codes.

    >>> strip_ansi("\\x1b[0;31mZeroDivisionError\\x1b[0m: division by zero")
    'ZeroDivisionError: division by zero'
    """
    return ANSI_ESCAPE.sub("", text)


def _timed_out_cell(cells: list[tuple[int, Any]]) -> tuple[int, Any] | None:
    """The cell papermill left "running", else the last one that started (papermill marks
    the cell a dead kernel was running as completed, but it is the last one started)."""
    running = [
        (i, c) for i, c in cells if c.metadata.get("papermill", {}).get("status") == "running"
    ]
    if running:
        return running[0]
    started = [
        (i, c)
        for i, c in cells
        if c.get("execution_count") or c.metadata.get("papermill", {}).get("start_time")
    ]
    return started[-1] if started else None


def failed_cell(nb, timed_out: bool) -> tuple[int, Any, Any] | None:
    """(index, cell, error output or None) of the cell that failed in an executed notebook.

    A timed-out cell is the one papermill left "running" (or the last one that started);
    otherwise it is the first cell holding an error output.
    """
    cells = list(enumerate(nb.cells))
    if timed_out and (found := _timed_out_cell(cells)):
        return found[0], found[1], None
    for index, cell in cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return index, cell, output
    return None


def _dead_kernel(memory_limit: int | None) -> str:
    limit = f"{memory_limit / 2**30:g} GB" if memory_limit else "no limit"
    return (
        "the kernel died while this cell ran (killed, or out of memory: the cap is "
        f"{limit}, --memory-limit); see the kernel log in failed/logs/"
    )


def _memory_hint(report: CellError, memory_limit: int | None) -> CellError:
    """A ``MemoryError`` report that says which limit was reached and how to raise it."""
    if report.ename != "MemoryError" or not memory_limit:
        return report
    hint = (
        f"the kernel reached its memory limit ({memory_limit / 2**30:g} GB); make the "
        "cell need less, or pass a larger --memory-limit"
    )
    return dataclasses.replace(report, evalue=f"{hint} {report.evalue}".strip())


def error_report(
    nb, timeout: float | None, exc: BaseException, memory_limit: int | None = None
) -> CellError:
    """Where and why a notebook failed: source cell index, its first lines, the error.

    A timeout or a dead kernel (``DeadKernelError``: killed, or out of memory) names the
    cell that was running; a ``MemoryError`` says which memory limit it reached.
    """
    timed_out = isinstance(exc, TimeoutError)
    died = type(exc).__name__ == "DeadKernelError"
    found = failed_cell(nb, timed_out or died) if nb is not None else None
    evalue = strip_ansi(str(exc)).strip()
    if timed_out:
        evalue = (
            f"a cell ran longer than the per-cell timeout ({timeout:g} s); "
            "make it faster or pass a larger --timeout"
        )
    elif died:
        evalue = _dead_kernel(memory_limit)
    elif isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        evalue = (
            f"no space left on device (ENOSPC) writing {exc.filename or 'the output'}; "
            "free some space or pass --out on another disk"
        )
    report = CellError(ename=type(exc).__name__, evalue=evalue)
    if found is None:
        return report
    index, cell, output = found
    added = sum(  # cells papermill put before it: injected parameters, error markers
        bool(ADDED_CELL_TAGS & set(c.metadata.get("tags", []))) for c in nb.cells[:index]
    )
    report = dataclasses.replace(
        report,
        cell_index=index - added,  # index in the source notebook
        execution_count=cell.get("execution_count"),
        source_head="\n".join(cell.source.splitlines()[:6]),
    )
    if output is not None and not timed_out:
        report = dataclasses.replace(
            report,
            ename=output.get("ename", ""),
            evalue=strip_ansi(output.get("evalue", "")),
            traceback=strip_ansi("\n".join(output.get("traceback", []))),
        )
    return _memory_hint(report, memory_limit)


def read_notebook(path: Path):
    """A notebook file as an nbformat v4 node."""
    import nbformat

    return nbformat.read(path, as_version=4)


def _has_started(output: Path) -> bool:
    return output.exists() and any(c.get("execution_count") for c in read_notebook(output).cells)


def execute(task: Task, output: Path, log: Path):
    """Run one notebook with papermill, retrying a kernel that failed to start."""
    import papermill

    os.environ[KERNEL_LOG_VARIABLE] = str(log)
    os.environ[MEMORY_VARIABLE] = str(task.memory_limit or "")
    os.environ[PEAK_VARIABLE] = str(log.with_suffix(".peak"))
    for attempt in range(3):
        try:
            return papermill.execute_notebook(
                task.source,
                str(output),
                parameters=task.parameters,
                kernel_name=KERNEL_NAME,
                language="python",
                progress_bar=False,
                log_output=False,
                cwd=str(Path(task.source).parent),
                execution_timeout=task.timeout,
                kernel_manager_class=LocalKernelManager,
            )
        except Exception as exc:
            if attempt == 2 or not KERNEL_STARTUP_FAILURE.search(str(exc)) or _has_started(output):
                raise
            time.sleep(0.5 * (attempt + 1))
    raise AssertionError("unreachable")


def _write_html(nb, task: Task, *, share: bool) -> None:
    suffix = ".share.html" if share else ".html"
    page = render_html(nb, title=task.title, share=share, source_dir=Path(task.source).parent)
    (Path(task.staging) / "reports" / f"{task.name}{suffix}").write_text(page, encoding="utf-8")


def _partial_notebook(executed: Path):
    """The notebook as far as it ran, or None when there is none or it is cut short (a
    full disk leaves half a file: issue #14's ``NotJSONError``)."""
    try:
        return read_notebook(executed) if executed.exists() else None
    except Exception:  # noqa: BLE001 - the error that stopped the run is the one reported
        return None


def _execute_and_render(task: Task, executed: Path, log: Path) -> CellError | None:
    """Execute the notebook and write its HTML; the error, if any."""
    nb, error = None, None
    try:
        nb = execute(task, executed, log)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # noqa: BLE001 - reported, not swallowed
        nb = _partial_notebook(executed)
        error = error_report(nb, task.timeout, exc, task.memory_limit)
    try:
        if nb is not None:
            _write_html(nb, task, share=False)
            if error is None:
                _write_html(nb, task, share=True)
    except Exception as exc:  # a notebook that ran but cannot be rendered has failed too
        error = error or error_report(None, task.timeout, exc)
    return error


def _notify(*message: Any) -> None:
    if _events is not None:
        _events.put(message)


def run_one(task: Task) -> NotebookRun:
    """Worker: execute one notebook and render its HTML. Never raises (but on Ctrl-C)."""
    started, clock = utc_now(), time.monotonic()
    _notify("started", task.index, task.name, None, None)
    staging = Path(task.staging)
    executed = staging / "notebooks" / f"{task.name}.ipynb"
    log = staging / "logs" / f"{task.name}.kernel.log"
    data_dir = Path(task.parameters["data_dir"])
    for folder in (executed.parent, log.parent, staging / "reports", data_dir):
        folder.mkdir(parents=True, exist_ok=True)
    log.with_suffix(".peak").unlink(missing_ok=True)
    error = _execute_and_render(task, executed, log)
    result = NotebookRun(
        name=task.name,
        started=started,
        status="ok" if error is None else "failed",
        duration_s=round(time.monotonic() - clock, 2),
        error=error,
        data=files_with_hashes(data_dir, staging),
        peak_memory_mb=read_peak(log.with_suffix(".peak")),
    )
    _notify("finished", task.index, task.name, result.status, result.duration_s,
            result.peak_memory_mb)  # fmt: skip
    return result
