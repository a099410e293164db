"""helpcenter/forked.py: parts of a computation in forked children, never beside other threads,
and the result the same when a child fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT
from helpcenter import forked


def _run(code: str) -> str:
    """``code`` in a fresh Python (one thread, whatever the test runner runs beside)."""
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_each_part_after_the_first_runs_in_a_child_of_its_own():
    out = _run("""
        import os
        from helpcenter import forked
        pids = forked.in_parts(lambda part: (part, os.getpid()), ["a", "b", "c"])
        print([p for p, _ in pids], pids[0][1] == os.getpid(), len({pid for _, pid in pids}))
    """)
    assert out == "['a', 'b', 'c'] True 3"


def test_no_child_beside_another_thread():
    out = _run("""
        import os, threading
        from helpcenter import forked
        stop = threading.Event()
        threading.Thread(target=stop.wait).start()
        pids = forked.in_parts(lambda part: os.getpid(), [1, 2])
        stop.set()
        print(forked.can_fork(), pids == [os.getpid()] * 2)
    """)
    assert out == "False True"


def test_a_failing_child_has_its_part_computed_here():
    out = _run("""
        import os
        from helpcenter import forked
        here = os.getpid()
        def work(part):
            if os.getpid() != here and part == 2:
                raise RuntimeError("a child that fails")
            return part * 10, os.getpid() == here
        print(forked.in_parts(work, [1, 2, 3]))
    """)
    assert out == "[(10, True), (20, True), (30, False)]"


def test_an_error_here_leaves_no_child_behind():
    out = _run("""
        import os
        from helpcenter import forked
        here = os.getpid()
        def work(part):
            if os.getpid() == here:
                raise ValueError("this part fails")
            return part
        try:
            forked.in_parts(work, [1, 2, 3])
        except ValueError as exc:
            print(exc)
        try:
            os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            print("no child left")
    """)
    assert out == "this part fails\nno child left"


def test_a_computation_is_shared_from_its_threshold_on_up_to_the_cores_and_the_limit(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: True)  # the test runner's own threads aside
    monkeypatch.setattr(forked, "cores", lambda: 2)
    assert forked.workers(49, 50, 4) == 1
    assert forked.workers(50, 50, 4) == 2
    assert forked.workers(500, 50, 1) == 1
    monkeypatch.setattr(forked, "cores", lambda: 8)
    assert forked.workers(500, 50, 4) == 4
    monkeypatch.setattr(forked, "can_fork", lambda: False)
    assert forked.workers(500, 50, 4) == 1
