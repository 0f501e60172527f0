"""The poll settings: their defaults, and bounds that keep a poll anonymous and deliverable."""

from __future__ import annotations

import pytest

from config.settings import SettingsError, load_settings


def test_poll_defaults() -> None:
    settings = load_settings(_env_file=None)
    assert (
        settings.poll_delay_minutes,
        settings.poll_reminder_working_days,
        settings.poll_open_days,
        settings.poll_min_answers,
        settings.poll_comment_max,
    ) == (30, 2, 7, 3, 1000)


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("poll_min_answers", 1),  # one answer shown would be that person's answer
        ("poll_comment_max", 3001),  # Slack's text input takes at most 3,000 characters
        ("poll_open_days", 0),
        ("poll_reminder_working_days", 0),
        ("poll_delay_minutes", -1),
    ],
)
def test_poll_settings_out_of_bounds_are_refused_naming_the_variable(variable: str, value: int) -> None:
    with pytest.raises(SettingsError, match=variable.upper()):
        load_settings(_env_file=None, **{variable: value})
