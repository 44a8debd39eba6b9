"""Work in a child process that can be stopped: a time limit, a memory limit, Ctrl-C.

Oxigraph cannot interrupt a query once it runs, and a thread cannot be killed, so a query that
must be stoppable runs in a forked child process. The child sees the parent's store as it was
at the fork (copy on write), answers, and writes a small header and then its payload (bytes)
into a pipe. The parent waits for the header with a deadline; when the time is up, or when the
caller is interrupted (Ctrl-C), the child is killed, and nothing of the query lives on. A
memory limit (``RLIMIT_AS``, counted above what the child already maps) makes a query that
grows without bound fail in the child instead of exhausting the machine.

Where ``os.fork`` does not exist, :func:`call` runs the work in the calling process, without
limits.

Examples
--------
>>> call(lambda: (b"forty-two", {"kind": "text"}), timeout=10)
(b'forty-two', {'kind': 'text'})
>>> call(lambda: 1 / 0, timeout=10)
Traceback (most recent call last):
...
graph.errors.StoreError: the work failed (ZeroDivisionError): division by zero
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from collections.abc import Callable, Iterator
from typing import Any

from . import errors
from .errors import GraphError, StoreError

__all__ = ["MemoryLimitError", "TimeLimitError", "Worker", "call", "can_fork"]

_HEAD = struct.Struct("!Q")
_CHUNK = 1 << 16


class TimeLimitError(StoreError):
    """The work ran over its time limit and was stopped."""


class MemoryLimitError(StoreError):
    """The work needed more memory than its limit and was stopped."""


def can_fork() -> bool:
    """Whether work can run in a child process here (POSIX)."""
    return hasattr(os, "fork")


def _mapped() -> int:
    """The bytes of address space this process maps now (0 when unknown)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return 0


def _limit_memory(memory: int | None) -> None:
    if not memory:
        return
    try:
        import resource

        mapped = _mapped()
        if mapped:
            resource.setrlimit(resource.RLIMIT_AS, (mapped + memory, mapped + memory))
    except (ImportError, ValueError, OSError):  # pragma: no cover - no limit on this system
        pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view[:_CHUNK])
        view = view[n:]


def _block_interrupts() -> bool:
    """Hold back SIGINT in this thread (True when it was held back here)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover
        return False
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    return signal.SIGINT not in before


def _unblock_interrupts(blocked: bool) -> None:
    if blocked:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _die_with(parent: int) -> None:  # pragma: no cover - runs in the child
    """Have the kernel kill this child when its parent ends (Linux), whatever the reason."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)


def _child(fd: int, work: Callable[[], Any], memory: int | None, blocked: bool) -> None:
    """Run ``work`` and write its answer; never returns."""
    code = 0
    try:
        import faulthandler

        faulthandler.disable()  # a query stopped at its memory limit is no crash to report
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _unblock_interrupts(blocked)
        _limit_memory(memory)
        try:
            value = work()
            payload = b""
            if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], bytes):
                payload, value = value[0], ("payload", value[1])
            else:
                value = ("value", value)
            head = pickle.dumps(("ok", value))
        except MemoryError:
            payload, head = b"", pickle.dumps(("memory", ""))
        except GraphError as exc:
            payload, head = b"", pickle.dumps(("graph", type(exc).__name__, str(exc)))
        except BaseException as exc:  # reported to the parent as a failure of the work
            payload = b""
            head = pickle.dumps(("other", type(exc).__name__, str(exc)))
        _write_all(fd, _HEAD.pack(len(head)) + head)
        _write_all(fd, payload)
    except BaseException:  # the parent sees the child die without an answer
        code = 1
    finally:
        os._exit(code)


class Worker:
    """A child process doing one piece of work; see :func:`call` for the common case.

    ``start`` forks; :meth:`head` waits for the answer's header (or raises), then
    :meth:`payload` yields the payload in chunks. :meth:`stop` kills and reaps the child.
    """

    def __init__(self, work: Callable[[], Any], *, timeout: float | None = None,
                 memory: int | None = None, before_fork: Callable[[], Any] | None = None) -> None:
        self.timeout = timeout
        self.memory = memory
        self.deadline = None if timeout is None else time.monotonic() + timeout
        read, write = os.pipe()
        guard = before_fork() if before_fork is not None else None
        parent = os.getpid()
        # Ctrl-C waits until the child is known (and can be killed); the child unblocks it
        blocked = _block_interrupts()
        try:
            try:
                pid = os.fork()
            except BaseException:
                _unblock_interrupts(blocked)
                raise
            if pid == 0:  # pragma: no cover - the child (coverage does not follow it)
                os.close(read)
                _die_with(parent)
                _child(write, work, memory, blocked)
            os.close(write)
            self.pid: int | None = pid
            self.fd: int | None = read
        finally:
            if guard is not None:
                guard.release()
        self.buffer = b""
        self.has_payload = False
        self.status: int | None = None
        try:
            _unblock_interrupts(blocked)  # a Ctrl-C held back arrives here
        except BaseException:
            self.stop()
            raise

    def _wait(self) -> None:
        assert self.fd is not None
        left = None if self.deadline is None else self.deadline - time.monotonic()
        if left is not None and left <= 0:
            raise self._over_time()
        ready, _, _ = select.select([self.fd], [], [], left)
        if not ready:
            raise self._over_time()

    def _over_time(self) -> TimeLimitError:
        self.stop()
        return TimeLimitError(f"it ran over its time limit of {self.timeout:g} s and was stopped")

    def _read(self) -> bytes:
        self._wait()
        assert self.fd is not None
        return os.read(self.fd, _CHUNK)

    def _died(self) -> StoreError:
        status = self.stop()
        if self.memory and (status in (-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV)
                            or status == 1):
            return MemoryLimitError(
                f"it needed more than its memory limit of {self.memory // (1 << 20)} MB and "
                "was stopped")
        return StoreError(f"the worker process ended without an answer (status {status})")

    def head(self) -> Any:
        """The value the work returned (the metadata, when it returned a payload)."""
        try:
            while len(self.buffer) < _HEAD.size:
                chunk = self._read()
                if not chunk:
                    raise self._died()
                self.buffer += chunk
            (n,) = _HEAD.unpack(self.buffer[: _HEAD.size])
            while len(self.buffer) < _HEAD.size + n:
                chunk = self._read()
                if not chunk:
                    raise self._died()
                self.buffer += chunk
        except BaseException:
            self.stop()
            raise
        head = pickle.loads(self.buffer[_HEAD.size: _HEAD.size + n])
        self.buffer = self.buffer[_HEAD.size + n:]
        if head[0] == "ok":
            self.has_payload = head[1][0] == "payload"
            return head[1][1]
        self.stop()
        if head[0] == "memory":
            raise MemoryLimitError(
                f"it needed more than its memory limit of {(self.memory or 0) // (1 << 20)} MB "
                "and was stopped")
        if head[0] == "graph":
            cls = getattr(errors, head[1], None)
            if not (isinstance(cls, type) and issubclass(cls, GraphError)):
                cls = StoreError
            try:
                raise cls(head[2])
            except TypeError:  # pragma: no cover - a subclass with other arguments
                raise StoreError(head[2]) from None
        raise StoreError(f"the work failed ({head[1]}): {head[2]}")

    def payload(self) -> Iterator[bytes]:
        """The payload, in chunks, as the child writes it."""
        try:
            if self.buffer:
                yield self.buffer
                self.buffer = b""
            while self.fd is not None:
                chunk = self._read()
                if not chunk:
                    break
                yield chunk
        finally:
            self.stop()

    def stop(self) -> int | None:
        """Kill the child (if it still runs) and reap it; its exit status (negative: signal)."""
        status = None
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.pid is not None:
            pid, self.pid = self.pid, None
            try:
                done, raw = os.waitpid(pid, os.WNOHANG)
                if done == 0:
                    os.kill(pid, signal.SIGKILL)
                    done, raw = os.waitpid(pid, 0)
                status = os.waitstatus_to_exitcode(raw)
            except (ChildProcessError, ProcessLookupError):  # pragma: no cover
                pass
        self.status = status
        return status


def call(work: Callable[[], Any], *, timeout: float | None = None, memory: int | None = None,
         before_fork: Callable[[], Any] | None = None) -> Any:
    """Run ``work()`` in a child process and return what it returns.

    Parameters
    ----------
    work : callable
        Returns a picklable value, or ``(payload_bytes, value)``.
    timeout : float, optional
        Seconds the work may take; then it is killed and :class:`TimeLimitError` raised.
    memory : int, optional
        Bytes of memory the work may add; beyond them :class:`MemoryLimitError`.
    before_fork : callable, optional
        Returns an acquired lock, held only while forking (so that no writer changes the
        store at that moment).

    A GraphError raised by the work is raised again here, with its class and message; Ctrl-C
    (KeyboardInterrupt) while waiting kills the child before it propagates.
    """
    if not can_fork():  # pragma: no cover - Windows
        return work()
    worker = Worker(work, timeout=timeout, memory=memory, before_fork=before_fork)
    try:
        value = worker.head()
        if not worker.has_payload:
            return value
        return b"".join(worker.payload()), value
    finally:
        worker.stop()
