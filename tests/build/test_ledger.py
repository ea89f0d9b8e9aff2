"""The ledger's guard around writing one authority's files."""

from __future__ import annotations

import os
import signal
import time

import pytest

from noticekit.build.ledger import ctrl_c_deferred


def test_ctrl_c_during_an_authoritys_files_waits_until_they_are_all_written():
    written = []
    with pytest.raises(KeyboardInterrupt), ctrl_c_deferred():
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)  # Python would handle the signal here, mid-block, without the guard
        written.append("pdf")
        written.append("docx")
    assert written == ["pdf", "docx"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_without_ctrl_c_nothing_happens():
    with ctrl_c_deferred():
        pass
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
