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


def _alqac(name: str):
    """A file of the ALQAC corpus, or a clean skip where ../shared is absent."""
    path = ALQAC / name
    if not path.exists():
        pytest.skip("../shared/corpora/alqac2024 is absent (it is present in CI)")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def alqac_laws():
    """The 17 ALQAC laws."""
    return _alqac("law.json")


@pytest.fixture(scope="session")
def alqac_questions():
    """The 530 ALQAC training questions with their gold articles."""
    return _alqac("train_questions.json")
