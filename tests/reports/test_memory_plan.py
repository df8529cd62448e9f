"""The kernels' memory cap follows the corpus (issue #13: at 100,000 articles every
notebook failed at a fixed 4 GB), and notebooks run at once only as far as the memory
available holds them; each kernel's peak is measured and recorded."""

import os
import subprocess
import sys

import pytest

from storylens.reports import worker
from storylens.reports.memory_plan import AUTO, available_gb, plan_memory


def plan(articles, limit=AUTO, jobs=2, available=20.0):
    return plan_memory(articles, limit_gb=limit, jobs=jobs, available=available, default_gb=4.0)


def test_the_automatic_cap_is_the_default_until_the_corpus_needs_more():
    assert plan(5).cap_gb == plan(10_000).cap_gb == 4.0
    assert plan(20_000).cap_gb == 5.0
    assert plan(100_000).cap_gb == 21.0
    caps = [plan(n).cap_gb for n in range(0, 200_001, 5_000)]
    assert caps == sorted(caps)  # never less for a bigger corpus


def test_a_cap_the_user_gives_is_kept_whatever_the_corpus():
    assert plan(100_000, limit=2.5).cap_gb == 2.5
    assert plan(100_000, limit=0).cap_gb is None and plan(10, limit=None).cap_gb is None


def test_notebooks_run_at_once_only_as_far_as_the_memory_available_holds_them():
    assert plan(10_000).at_once == 2 and plan(10_000).note == ""
    big = plan(100_000, available=20.0)  # each expected near 12.7 GB
    assert big.at_once == 1
    assert "1 at a time, not 2" in big.note and "100,000 articles" in big.note
    assert plan(100_000, available=None).at_once == 2  # unknown: as asked
    assert plan(100_000, jobs=1, available=1.0).at_once == 1  # never none
    # Under a small cap a kernel cannot need more than the cap: two fit in 9 GB.
    assert plan(100_000, limit=4, available=9.0).at_once == 2


def test_available_memory_is_read_from_meminfo(tmp_path):
    info = tmp_path / "meminfo"
    info.write_text("MemTotal:       24000000 kB\nMemAvailable:   10485760 kB\n")
    assert available_gb(info) == 10.0
    assert available_gb(tmp_path / "missing") is None
    info.write_text("MemTotal: 1 kB\n")
    assert available_gb(info) is None


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /proc")
def test_a_process_peak_is_read_and_recorded(tmp_path):
    hog = subprocess.Popen([sys.executable, "-c",
                            "import sys, time; b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]);"
                            " print('ready', flush=True); time.sleep(30)"],
                           stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert hog.stdout.readline().strip() == "ready"
        path = tmp_path / "k.peak"
        worker.record_peak(hog.pid, str(path))
        assert 300 <= worker.read_peak(path) < 600
    finally:
        hog.kill()
        hog.wait()
    assert worker.peak_rss_mb(hog.pid) is None  # gone
    worker.record_peak(None, str(tmp_path / "none.peak"))
    assert worker.read_peak(tmp_path / "none.peak") is None
