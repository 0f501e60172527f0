"""`osallisuus shell`: talk to the bot in a terminal, in the spirit of Errbot's text backend.

The same Bolt app as in production handles each line: it is sent as a signed slash-command request
through Bolt's own request handling, and the bot's Web API calls go to an in-process Slack stand-in,
whose messages are printed. Buttons are pressed by typing their number.
"""

from __future__ import annotations

import getpass
import json
import queue
import secrets
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from slack_bolt import App
from slack_bolt.request import BoltRequest

from bot.app import create_app
from bot.runtime import prepare
from config.settings import Settings
from console.text import PressableButton, draw
from devtools.localslack.payloads import block_actions, signed_headers, slash_command, view_submission
from devtools.localslack.server import Call, SlackStandIn
from participation.i18n import translator

USER_ID = "ULOCAL1"
QUIET_SECONDS = 0.4
_SHOWN_METHODS = {
    "chat.postMessage",
    "chat.postEphemeral",
    "chat.update",
    "views.open",
    "views.publish",
    "views.update",
    "response_url",
}


class Shell:
    def __init__(
        self,
        app: App,
        standin: SlackStandIn,
        secret: str,
        user_id: str,
        out: TextIO = sys.stdout,
        read: Callable[[str], str] = input,
    ) -> None:
        self.app, self.standin, self.secret, self.user_id, self.out = app, standin, secret, user_id, out
        self.read = read
        self.buttons: list[PressableButton] = []
        self._arrivals: queue.Queue[Call] = queue.Queue()
        standin.listeners.append(self._arrivals.put)

    def handle(self, line: str) -> None:
        line = line.strip()
        if not line:
            return
        if line.isdigit():
            self.press(int(line))
            return
        text = line.removeprefix("/osallisuus").strip()
        body, content_type = slash_command(self.user_id, text, self.standin.response_url())
        self._send(body, content_type)

    def press(self, number: int) -> None:
        if not 1 <= number <= len(self.buttons):
            self.out.write(f"(no button {number})\n")
            return
        button = self.buttons[number - 1]
        action = {
            "action_id": button.action_id,
            "value": button.value,
            "block_id": button.block_id,
            "text": {"type": "plain_text", "text": button.label},
        }
        body, content_type = block_actions(self.user_id, action, self.standin.response_url())
        self._send(body, content_type)

    def _send(self, body: str, content_type: str) -> None:
        headers: dict[str, str | Sequence[str]] = {
            "Content-Type": content_type,
            **signed_headers(self.secret, body),
        }
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        if response.status != 200:
            self.out.write(f"(the app answered HTTP {response.status})\n")
        elif response.body:
            self._show(_json(response.body))
        self._drain()

    def _drain(self) -> None:
        while True:
            try:
                call = self._arrivals.get(timeout=QUIET_SECONDS)
            except queue.Empty:
                return
            refused = [r.answer for r in self.standin.refusals if r.call is call]
            view = _json_view(call.args.get("view")) if call.method in ("views.open", "views.update") else {}
            if refused:
                self.out.write(f"(Slack would refuse this {call.method}: {json.dumps(refused[0])})\n")
            elif _has_inputs(view):  # a form, or a form's next step made after the acknowledgement
                self._fill(view)
            elif call.method in _SHOWN_METHODS:
                self._show(call.args, where=_where(call))

    def _show(self, message: dict[str, Any], where: str = "") -> None:
        blocks = message.get("blocks") or (message.get("view") or {}).get("blocks")
        blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
        if isinstance(blocks, list) and blocks:
            text, self.buttons = draw(blocks)
        else:
            text = str(message.get("text", ""))
        if where:
            self.out.write(f"--- {where}\n")
        self.out.write(text + "\n\n")

    def _fill(self, view: dict[str, Any]) -> None:
        """A modal in a terminal: each field is asked in turn; Enter keeps the value shown in brackets."""
        self.out.write(f"--- {view.get('title', {}).get('text', '')}\n")
        answers: dict[str, Any] = {}
        for block in view.get("blocks") or []:
            if block.get("type") == "section":
                self.out.write(block.get("text", {}).get("text", "") + "\n")
            if block.get("type") != "input":
                continue
            element = block.get("element") or {}
            initial = _initial(element)
            grouped = [o for group in element.get("option_groups") or [] for o in group.get("options") or []]
            options = [o["value"] for o in (element.get("options") or grouped)]
            hint = f" ({' | '.join(options)})" if options else ""
            self.out.write(f"{block['label']['text']}{hint} [{initial}]: ")
            self.out.flush()
            typed = self.read("").strip() or initial
            answers[block["block_id"]] = _state(element, typed)
        body, content_type = view_submission(self.user_id, view, answers)
        headers: dict[str, str | Sequence[str]] = {
            "Content-Type": content_type,
            **signed_headers(self.secret, body),
        }
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        answer = _json(response.body or "{}") if response.body else {}
        errors = answer.get("errors")
        if errors:
            self.out.write("\n".join(f"  {field}: {text}" for field, text in errors.items()) + "\n")
        elif answer.get("response_action") == "update":
            step = _json_view(answer.get("view"))  # the form's next step, or a wait until it is made
            if _has_inputs(step):
                self._fill(step)
            else:
                self._show(step)


def _has_inputs(view: dict[str, Any]) -> bool:
    return any(block.get("type") == "input" for block in view.get("blocks") or [])


def _json_view(view: Any) -> dict[str, Any]:
    data = json.loads(view) if isinstance(view, str) else view
    return data if isinstance(data, dict) else {}


def _initial(element: dict[str, Any]) -> str:
    option = element.get("initial_option") or {}
    return str(
        element.get("initial_date")
        or element.get("initial_time")
        or element.get("initial_value")
        or option.get("value")
        or ""
    )


def _state(element: dict[str, Any], typed: str) -> dict[str, Any]:
    kind = element.get("type")
    if kind == "datepicker":
        return {"type": kind, "selected_date": typed or None}
    if kind == "timepicker":
        return {"type": kind, "selected_time": typed or None}
    if kind == "static_select":
        return {"type": kind, "selected_option": {"value": typed} if typed else None}
    return {"type": kind, "value": typed or None}


def _where(call: Call) -> str:
    if call.method == "chat.postMessage":
        return f"message to {call.args.get('channel')}"
    if call.method == "views.publish":
        return "App Home"
    return ""


def _json(body: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError:
        return {"text": body}
    return data if isinstance(data, dict) else {"text": body}


def run_shell(
    settings: Settings, language: str | None, read: Callable[[str], str] = input, out: TextIO = sys.stdout
) -> None:
    standin = SlackStandIn().start()
    name = getpass.getuser().title() or "Local User"
    locale = {"fi": "fi-FI", "sv": "sv-SE", "en": "en-GB"}.get(language or settings.default_language, "fi-FI")
    standin.add_user(USER_ID, name, locale=locale)
    secret = secrets.token_hex(16)
    local = settings.model_copy(
        update={
            "slack_bot_token": _secret(standin.token),
            "slack_signing_secret": _secret(secret),
            "slack_app_token": None,
            "slack_api_url": standin.api_url,
            "coordinators": (USER_ID,),
        }
    )
    runtime = prepare(local)
    app = create_app(runtime)
    standin.channels.setdefault("CLOCAL", [USER_ID, standin.bot_user_id])
    # The stand-in answers at once; waiting for the first sync lets the first answer know the user.
    runtime.start_directory(app.client).first_sync.wait(timeout=10)
    runtime.start_background(app.client)
    shell = Shell(app, standin, secret, USER_ID, out, read)
    _ = translator(language or settings.default_language)
    out.write(
        _("Osallisuusbotti shell. Type /osallisuus help, a button's number to press it, or quit.") + "\n"
    )
    shell.handle("/osallisuus status")
    try:
        while True:
            try:
                line = read("> ")
            except EOFError:
                break
            if line.strip().lower() in {"quit", "exit", r"\q"}:
                break
            shell.handle(line)
    except KeyboardInterrupt:
        pass
    finally:
        runtime.stop_background()
        runtime.stop_directory()
        standin.stop()
        runtime.db.dispose()


def _secret(value: str) -> Any:
    from pydantic import SecretStr

    return SecretStr(value)
