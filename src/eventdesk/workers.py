"""Parsing sentences with spaCy, in this process or in parser processes that the parent controls.

`parse(nlp, items, n_process, batch_size)` takes (text, key) pairs and yields (doc, key, error)
in input order: `doc` is the parsed sentence, or None with `error` saying why it could not be
parsed. Sentences go out in batches of `batch_size` (the same batches `nlp.pipe` makes, so the
parses are the same), batch i to process i mod n, at most two batches ahead per process.

Unlike `nlp.pipe(n_process=...)`, no failure can hang the parent:

- an error while parsing a batch is retried sentence by sentence, and only the sentences that
  still fail come back as errors (the documents they belong to are skipped, by name);
- a parser process that dies is replaced, and the sentences it held come back as errors;
- parser processes ignore Ctrl-C (the parent decides), and die with their parent, even when the
  parent is killed with SIGKILL (Linux: PR_SET_PDEATHSIG; elsewhere a thread watches the parent);
- whatever ends the parent's loop (an exception, Ctrl-C, a consumer that stops reading) stops
  the processes before it returns.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

AHEAD = 2  # batches queued per process
POLL_SECONDS = 0.5


def parse(nlp, items: Iterable[tuple[str, Any]], n_process: int = 1, batch_size: int = 64
          ) -> Iterator[tuple[Any, Any, str | None]]:
    batches = _batches(items, batch_size)
    if n_process <= 1:
        for batch in batches:
            parsed = parse_batch(nlp, [text for text, _ in batch])
            for (doc, error), (_, key) in zip(parsed, batch, strict=True):
                yield doc, key, error
        return
    pool = _Pool(nlp, n_process)
    try:
        yield from pool.run(batches)
    except BaseException:  # Ctrl-C, an error, or a consumer that stopped reading: stop them now
        pool.stop(force=True)
        raise
    pool.stop(force=False)


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


def _batches(items: Iterable[tuple[str, Any]], size: int) -> Iterator[list[tuple[str, Any]]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


# -- the parser processes -----------------------------------------------------------------------

def _worker(nlp, tasks, results, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole process group: the parent decides
    _die_with_parent(parent)
    while True:
        texts = tasks.get()
        if texts is None:
            return
        out = []
        for doc, error in parse_batch(nlp, texts):
            try:
                out.append((doc.to_bytes() if doc is not None else None, error))
            except Exception as exc:
                out.append((None, f"the parsed sentence could not be passed on: {type(exc).__name__}: {exc}"))
        results.send(out)


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
    def __init__(self, nlp, n: int):
        self.nlp = nlp
        self.ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        self.slots: list[tuple[Any, Any, Any] | None] = [None] * n
        for i in range(n):
            self._start(i)

    def _start(self, i: int) -> None:
        tasks = self.ctx.Queue()
        receive, send = self.ctx.Pipe(duplex=False)
        proc = self.ctx.Process(target=_worker, args=(self.nlp, tasks, send, os.getpid()), daemon=True,
                                name=f"eventdesk-parser-{i}")
        proc.start()
        send.close()
        self.slots[i] = (proc, tasks, receive)

    def run(self, batches: Iterator[list[tuple[str, Any]]]) -> Iterator[tuple[Any, Any, str | None]]:
        from spacy.tokens import Doc

        n = len(self.slots)
        queued: deque[tuple[int, list]] = deque()  # (process, batch) in the order sent
        sent = 0

        def send_next() -> bool:
            nonlocal sent
            batch = next(batches, None)
            if batch is None:
                return False
            i = sent % n
            self.slots[i][1].put([text for text, _ in batch])
            queued.append((i, batch))
            sent += 1
            return True

        while len(queued) < AHEAD * n and send_next():
            pass
        while queued:
            i, batch = queued.popleft()
            answer = self._receive(i, queued)
            if answer is None:
                answer = [(None, "the parser process died while parsing this sentence")] * len(batch)
            for (data, error), (_, key) in zip(answer, batch, strict=True):
                yield (Doc(self.nlp.vocab).from_bytes(data) if data is not None else None), key, error
            send_next()

    def _receive(self, i: int, queued: deque) -> list | None:
        """The answer of process i to its oldest batch; None when the process died (it is replaced)."""
        proc, _, receive = self.slots[i]
        while True:
            try:
                if receive.poll(POLL_SECONDS):
                    return receive.recv()
                if proc.is_alive():
                    continue
            except (EOFError, OSError):  # the process closed its end: it died
                pass
            self._replace(i, queued)
            return None

    def _replace(self, i: int, queued: deque) -> None:
        """Start a new process i and give it the batches the dead one still held."""
        self._close(self.slots[i], force=True)
        self._start(i)
        for j, batch in queued:
            if j == i:
                self.slots[i][1].put([text for text, _ in batch])

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
