"""``repospbe.background``: work started beside the caller's, its value or its error handed back."""

from __future__ import annotations

import threading

import pytest

from repospbe.background import start, wait_quietly


def test_result_comes_back_from_another_thread() -> None:
    seen: list[str] = []
    result = start(lambda x: seen.append(threading.current_thread().name) or x * 2, 21)
    assert result() == 42
    assert seen and seen[0] != threading.current_thread().name


def test_error_is_raised_in_the_caller() -> None:
    def fail() -> None:
        raise ValueError("rusak")

    result = start(fail)
    with pytest.raises(ValueError, match="rusak"):
        result()


def test_wait_quietly_swallows_only_the_started_error() -> None:
    done = threading.Event()

    def slow_fail() -> None:
        done.wait(5)
        raise RuntimeError("tidak penting")

    result = start(slow_fail)
    done.set()
    wait_quietly(result)  # no exception: the caller's own error is the one that counts
    with pytest.raises(RuntimeError):
        result()  # asked again, the error is still there
