"""The README documents every command (a test fails when a command is missing)."""

from regindex.cli import cli

from .conftest import ROOT


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [name for name in cli.commands if f"regindex {name}" not in readme]
    assert missing == []


def test_readme_gives_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./scripts/serve" in readme and "./scripts/test" in readme
    assert "./scripts/test" in (ROOT / ".ci" / "run").read_text()
