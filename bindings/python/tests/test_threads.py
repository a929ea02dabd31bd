"""Thread safety: one handle used from many threads; errors stay with their thread; close races."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import trustaudit
from trustaudit import Certificate, TrustStore


def test_one_store_serves_many_threads_and_each_thread_sees_its_own_error() -> None:
    store = TrustStore.mozilla()
    n = len(store)
    barrier = threading.Barrier(8)

    def work(t: int) -> list[str]:
        barrier.wait()
        seen = []
        for i in range(50):
            with store[(t * 50 + i) % n] as root:
                assert root in store
            bad = b"thread %d garbage" % t
            try:
                Certificate.from_der(bad)
            except trustaudit.ParseError as e:
                seen.append(e.message)
        return seen

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    store.close()
    assert all(len(r) == 50 for r in results)
    assert len({m for r in results for m in r}) >= 1


def test_close_while_other_threads_use_the_store_never_crashes() -> None:
    for _ in range(20):
        store = TrustStore.mozilla()
        stop = threading.Event()
        failures: list[BaseException] = []

        def reader(
            s: TrustStore = store, ev: threading.Event = stop, out: list[BaseException] = failures
        ) -> None:
            while not ev.is_set():
                try:
                    _ = s.name, len(s)
                except ValueError as e:
                    if str(e) != "TrustStore is closed":
                        out.append(e)
                    return

        threads = [threading.Thread(target=reader) for _ in range(4)]
        for t in threads:
            t.start()
        store.close()
        stop.set()
        for t in threads:
            t.join(timeout=10)
        assert failures == []
        with pytest.raises(ValueError, match="closed"):
            len(store)
