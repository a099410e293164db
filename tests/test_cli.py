"""The command line as a newcomer meets it: a version, one list of commands, each option
explained, and the exit statuses it promises (0 ok, 1 content or site errors, 2 usage)."""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.metadata import version

import pytest

from conftest import ROOT
from helpcenter.__main__ import _parser


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpcenter", *args], capture_output=True, text=True, cwd=ROOT)


def test_version():
    done = _run("--version")
    assert (done.returncode, done.stdout) == (0, f"helpcenter {version('helpcenter')}\n")


def test_help_lists_each_command_once_without_markup():
    text = _run("--help").stdout
    commands = sorted(_parser()._subparsers._group_actions[0].choices)
    for command in commands:
        assert len(re.findall(rf"^    {re.escape(command)}(\s|$)", text, re.M)) == 1, command
    assert "``" not in text and "exit status: 0 ok, 1 content or site errors, 2 usage." in text


@pytest.mark.parametrize("command", sorted(_parser()._subparsers._group_actions[0].choices))
def test_every_option_of_every_command_says_what_it_does(command):
    sub = _parser()._subparsers._group_actions[0].choices[command]
    unexplained = [action.dest for action in sub._actions if action.dest != "help" and not action.help]
    assert unexplained == []


def test_build_takes_its_own_options():
    args = _parser().parse_args(["build", "--preview", "--site-dir", "out", "--no-publish", "--strict"])
    assert (args.command, args.preview, args.site_dir, args.no_publish, args.strict) == ("build", True, "out", True, True)


def test_a_usage_mistake_exits_2_and_a_content_mistake_1(tmp_path):
    assert _run("build", "--no-such-option").returncode == 2
    assert _run("--preview", "build").returncode == 2  # an option of build, not of the command line
    assert _run("--root", str(tmp_path), "check").returncode == 1  # no mkdocs.yml: the language table is missing
