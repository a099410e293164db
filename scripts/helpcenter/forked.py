"""Parts of one pure computation run side by side in forked child processes.

Rendering the pages (render_site) and reading the built pages (sitecheck) are
pure functions of what the process holds, and each runs while a core is idle
(the language builds wait for the Markdown; the site check follows the build).
``in_parts(work, parts)`` runs ``work(part)`` for the first part here and for
each other part in a child forked from this process: the child inherits
everything (the checked content, the language table), computes, sends its
result back pickled through a pipe, and ends. The result never depends on
the children: a child that cannot start or fails has its part computed here.

A child is forked only from a process running one thread (``can_fork``): a
child of a process with other threads (`mkdocs serve`'s server, the
accessibility check's browser) could wait forever on a lock one of them held.
"""

from __future__ import annotations

import os
import pickle
import threading


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a child can be forked safely here: POSIX, and this process runs one thread."""
    return hasattr(os, "fork") and threading.active_count() == 1


def workers(size: int, from_size: int, most: int) -> int:
    """How many processes share a computation of ``size`` (articles, pages): one per core up
    to ``most``, from ``from_size`` on, where a child can be forked; else 1 (this process)."""
    if size < from_size or not can_fork():
        return 1
    return max(1, min(cores(), most))


def in_parts(work, parts: list) -> list:
    """``[work(part) for part in parts]``, the parts after the first computed in forked
    children at the same time as the first one here (each child's result pickled)."""
    children = [_fork(work, part) if can_fork() else None for part in parts[1:]]
    try:
        results = [work(parts[0])] if parts else []
    except BaseException:
        for child in children:  # waited for, not left behind (their results are not needed)
            _collect(child)
        raise
    for child, part in zip(children, parts[1:]):
        result = _collect(child)
        results.append(work(part) if result is None else result[0])
    return results


def _fork(work, part):
    """A child computing ``work(part)``: (its pid, the pipe its result comes through),
    or None when none could start."""
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child: computes, writes, and ends without running the parent's exit code
        status = 1
        try:
            os.close(read)
            data = pickle.dumps(work(part), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    return pid, read


def _collect(child) -> tuple | None:
    """``(result,)`` of a child started by ``_fork``, or None if it failed."""
    if child is None:
        return None
    pid, read = child
    with os.fdopen(read, "rb") as pipe:
        data = pipe.read()
    _pid, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    try:
        return (pickle.loads(data),)
    except Exception:  # noqa: BLE001 - cut short: computed here instead
        return None
