"""The listeners route by the ids in commands/ids.py, before the commands are loaded: every form a
command shows must be among them, or its submission would find no listener."""

from __future__ import annotations

import subprocess
import sys

from commands.ids import FORMS
from commands.interactions.forms import SUBMISSIONS


def test_every_form_a_command_answers_is_routed() -> None:
    assert set(FORMS) == set(SUBMISSIONS)


def test_the_warm_up_loads_the_commands_the_listeners_left_for_later() -> None:
    code = (
        "import sys\n"
        "import bot.app\n"
        "assert 'commands.router' not in sys.modules\n"
        "from bot.listeners.warm import warm_up\n"
        "warm_up().join()\n"
        "print(sorted(m for m in sys.modules if m.startswith('commands.')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = done.stdout
    assert "commands.router" in loaded
    assert "commands.interactions.forms" in loaded
    assert "commands.status" in loaded
