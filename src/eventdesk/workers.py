"""Work done in batches, in this process or in worker processes that the parent controls.

`run_batches(work, items, n_process, batch_size)` takes (payload, key) pairs and yields
(result, key, error) in input order: `work(payloads)` (called in a worker process) answers each
payload with (result, None), or (None, reason) when it could not be done. Payloads go out in
batches of `batch_size`, batch i to process i mod n, at most two batches ahead per process.
The pipeline sends whole documents this way (each worker cleans, parses and extracts);
`parse(nlp, items, n_process, batch_size)` sends sentences to be parsed (the same batches
`nlp.pipe` makes, so the parses are the same).

Unlike `nlp.pipe(n_process=...)`, no failure can hang the parent:

- an error while parsing a batch is retried sentence by sentence, and only the sentences that
  still fail come back as errors (the documents they belong to are skipped, by name);
- a worker process that dies is replaced; the batch it held is done again item by item in the new
  process, and only the item that kills a process comes back as an error;
- a result that cannot be passed back to the parent is that item's error;
- worker processes ignore Ctrl-C (the parent decides), and die with their parent, even when the
  parent is killed with SIGKILL (Linux: PR_SET_PDEATHSIG; elsewhere a thread watches the parent);
- whatever ends the parent's loop (an exception, Ctrl-C, a consumer that stops reading) stops
  the processes before it returns.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

AHEAD = 2  # batches queued per process
POLL_SECONDS = 0.5
SENTENCE_DIED = "the parser process died while parsing this sentence"

Work = Callable[[list], list[tuple[Any, str | None]]]


def run_batches(work: Work, items: Iterable[tuple[Any, Any]], n_process: int, batch_size: int,
                died: str = "the worker process died on this item") -> Iterator[tuple[Any, Any, str | None]]:
    """(result, key, error) for each (payload, key), in input order; `work` runs in `n_process`
    worker processes (`died` is the error of an item whose process died while doing it)."""
    batches = _batches(items, batch_size)
    pool = _Pool(work, n_process, died)
    try:
        yield from pool.run(batches)
    except BaseException:  # Ctrl-C, an error, or a consumer that stopped reading: stop them now
        pool.stop(force=True)
        raise
    pool.stop(force=False)


def parse(nlp, items: Iterable[tuple[str, Any]], n_process: int = 1, batch_size: int = 64
          ) -> Iterator[tuple[Any, Any, str | None]]:
    """(doc, key, error) for each (sentence text, key), in input order."""
    if n_process <= 1:
        for batch in _batches(items, batch_size):
            parsed = parse_batch(nlp, [text for text, _ in batch])
            for (doc, error), (_, key) in zip(parsed, batch, strict=True):
                yield doc, key, error
        return
    from spacy.tokens import Doc

    work = functools.partial(_parse_to_bytes, nlp)
    for data, key, error in run_batches(work, items, n_process, batch_size, died=SENTENCE_DIED):
        yield (Doc(nlp.vocab).from_bytes(data) if data is not None else None), key, error


def parse_batch(nlp, texts: list[str]) -> list[tuple[Any, str | None]]:
    """(doc, None) for each text, or (None, reason) for a text spaCy cannot parse."""
    try:
        return [(doc, None) for doc in nlp.pipe(texts, batch_size=max(1, len(texts)))]
    except Exception:  # find the sentence at fault; the others are parsed alone
        pass
    out: list[tuple[Any, str | None]] = []
    for text in texts:
        try:
            out.append((nlp(text), None))
        except Exception as exc:
            out.append((None, f"the parser failed on a sentence: {type(exc).__name__}: {exc}"))
    return out


def _parse_to_bytes(nlp, texts: list[str]) -> list[tuple[bytes | None, str | None]]:
    out: list[tuple[bytes | None, str | None]] = []
    for doc, error in parse_batch(nlp, texts):
        try:
            out.append((doc.to_bytes() if doc is not None else None, error))
        except Exception as exc:
            out.append((None, f"the parsed sentence could not be passed on: {type(exc).__name__}: {exc}"))
    return out


def _batches(items: Iterable[tuple[Any, Any]], size: int) -> Iterator[list[tuple[Any, Any]]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


# -- the worker processes -----------------------------------------------------------------------

def _worker(work: Work, tasks, results, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    _die_with_parent(parent)
    while True:
        payloads = tasks.get()
        if payloads is None:
            return
        out = work(payloads)
        try:
            results.send(out)  # pickled whole before a byte is written: a failure leaves the pipe clean
        except Exception:
            results.send([_passable(result, error) for result, error in out])


def _passable(result, error: str | None) -> tuple[Any, str | None]:
    try:
        pickle.dumps(result)
    except Exception as exc:
        return None, f"the result could not be passed on: {type(exc).__name__}: {exc}"
    return result, error


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies; else watch the parent from a thread."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent:  # the parent died before the request took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


class _Pool:
    def __init__(self, work: Work, n: int, died: str):
        self.work = work
        self.died = died
        self.ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        # what is loaded now (the model, the tables) lives as long as the processes: the collector
        # need not walk it, in the parent or in the workers, and no page of it is copied for that
        gc.freeze()
        self.slots: list[tuple[Any, Any, Any] | None] = [None] * n
        for i in range(n):
            self._start(i)

    def _start(self, i: int) -> None:
        tasks = self.ctx.Queue()
        receive, send = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker, args=(self.work, tasks, send, os.getpid()), daemon=True,
                                name=f"eventdesk-worker-{i}")
        proc.start()
        send.close()
        self.slots[i] = (proc, tasks, receive)

    def run(self, batches: Iterator[list[tuple[Any, Any]]]) -> Iterator[tuple[Any, Any, str | None]]:
        n = len(self.slots)
        queued: deque[tuple[int, list]] = deque()  # (process, batch) in the order sent
        sent = 0

        def send_next() -> bool:
            nonlocal sent
            batch = next(batches, None)
            if batch is None:
                return False
            i = sent % n
            self.slots[i][1].put([payload for payload, _ in batch])
            queued.append((i, batch))
            sent += 1
            return True

        while len(queued) < AHEAD * n and send_next():
            pass
        while queued:
            i, batch = queued.popleft()
            answer = self._answer(i, batch, queued)
            for (result, error), (_, key) in zip(answer, batch, strict=True):
                yield result, key, error
            send_next()

    def _answer(self, i: int, batch: list, queued: deque) -> list:
        """Process i's answer to `batch`, its oldest; when the process dies, the batch is done again
        item by item in its replacement, so that only an item that kills a process fails."""
        answer = self._receive(i)
        if answer is not None:
            return answer
        if len(batch) == 1:
            self._replace(i, queued)
            return [(None, self.died)]
        singles = [[payload] for payload, _ in batch]
        self._replace(i, queued, first=singles)
        out: list = []
        for k in range(len(singles)):
            one = self._receive(i)
            if one is None:
                self._replace(i, queued, first=singles[k + 1:])
                one = [(None, self.died)]
            out.extend(one)
        return out

    def _receive(self, i: int) -> list | None:
        """The answer of process i to its oldest batch; None when the process died."""
        proc, _, receive = self.slots[i]
        while True:
            try:
                if receive.poll(POLL_SECONDS):
                    return receive.recv()
                if proc.is_alive():
                    continue
            except (EOFError, OSError):  # the process closed its end: it died
                pass
            return None

    def _replace(self, i: int, queued: deque, first: Iterable[list] = ()) -> None:
        """Start a new process i; give it `first`, then the batches the dead one still held."""
        self._close(self.slots[i], force=True)
        self._start(i)
        for payloads in first:
            self.slots[i][1].put(payloads)
        for j, batch in queued:
            if j == i:
                self.slots[i][1].put([payload for payload, _ in batch])

    def stop(self, force: bool) -> None:
        """Stop every process: politely when the work is done, at once otherwise (Ctrl-C, an error)."""
        for slot in self.slots:
            if slot is not None and not force:
                slot[1].put(None)
        for slot in self.slots:
            if slot is not None:
                self._close(slot, force=force)
        self.slots = [None] * len(self.slots)

    @staticmethod
    def _close(slot, force: bool) -> None:
        proc, tasks, receive = slot
        if force and proc.is_alive():
            proc.terminate()
        proc.join(timeout=2)
        if proc.is_alive():
            proc.kill()
            proc.join(timeout=2)
        tasks.cancel_join_thread()
        tasks.close()
        receive.close()
