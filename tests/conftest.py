"""Shared fixtures: paths to the shipped regulations and the optional ALQAC corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .browser import browser  # noqa: F401  (the session-wide Chromium fixture)

ROOT = Path(__file__).resolve().parents[1]
REGULATIONS = ROOT / "regulations"
SHARED = ROOT.parent / "shared"
ALQAC = SHARED / "corpora" / "alqac2024"


@pytest.fixture(scope="session")
def alqac_laws():
    """The 17 ALQAC laws, or a clean skip where ../shared is absent."""
    path = ALQAC / "law.json"
    if not path.exists():
        pytest.skip("../shared/corpora/alqac2024 is absent (it is present in CI)")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def alqac_questions():
    path = ALQAC / "train_questions.json"
    if not path.exists():
        pytest.skip("../shared/corpora/alqac2024 is absent (it is present in CI)")
    return json.loads(path.read_text(encoding="utf-8"))
