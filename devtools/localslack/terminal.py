"""The shell's conversation: each line or pressed button sent to the Bolt app as Slack would send it, and
what the bot then asks of Slack shown as a person would see it in Slack: messages as text, buttons by
number, a modal as questions (`modal`), shared files written to the working folder (`downloads`).
"""

from __future__ import annotations

import contextlib
import json
import queue
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from slack_bolt import App
from slack_bolt.request import BoltRequest

from console.text import PressableButton, draw
from devtools.localslack import downloads, modal
from devtools.localslack.payloads import block_actions, signed_headers, slash_command, view_submission
from devtools.localslack.server import Call, SlackStandIn
from participation.i18n import Gettext, translator

QUIET_SECONDS = 0.4
LONGEST_WAIT = 60.0  # a bot still busy after this long quiet is left to show its answer at the next line
QUIT = frozenset({"quit", "exit", r"\q"})
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
        texts: Callable[[], Gettext] = lambda: translator("en"),
        folder: Path | None = None,
        settled: Callable[[], bool] = lambda: True,
    ) -> None:
        """`texts` gives the shell's own words in the person's language of the moment; files the bot
        shares are written to `folder` (the working folder). `settled` tells when the bot has nothing left
        to do or send, so that a slow answer is waited for, and not cut off by the next line."""
        self.app, self.standin, self.secret, self.user_id, self.out = app, standin, secret, user_id, out
        self.read, self.texts, self.folder, self.settled = read, texts, folder or Path.cwd(), settled
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
        self._show_answer(self._send(body, content_type))
        self._drain()

    def converse(self) -> None:
        """Lines until `quit` or the end of the input (Ctrl-D, Ctrl-C), at the prompt or in a form."""
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            while (line := self.read("> ")).strip().lower() not in QUIT:
                self.handle(line)

    def press(self, number: int) -> None:
        if not 1 <= number <= len(self.buttons):
            _ = self.texts()
            self.out.write("(" + _("no button {number}").format(number=number) + ")\n")
            return
        button = self.buttons[number - 1]
        action = {
            "action_id": button.action_id,
            "value": button.value,
            "block_id": button.block_id,
            "text": {"type": "plain_text", "text": button.label},
        }
        body, content_type = block_actions(self.user_id, action, self.standin.response_url())
        self._show_answer(self._send(body, content_type))
        self._drain()

    def _send(self, body: str, content_type: str) -> dict[str, Any] | None:
        """The app's acknowledgement, through Bolt as Slack's request would go; None if it refused."""
        headers: dict[str, str | Sequence[str]] = {
            "Content-Type": content_type,
            **signed_headers(self.secret, body),
        }
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        if response.status != 200:
            _ = self.texts()
            self.out.write("(" + _("the app answered HTTP {status}").format(status=response.status) + ")\n")
            return None
        return _json(response.body) if response.body else {}

    def _show_answer(self, answer: dict[str, Any] | None) -> None:
        if answer:
            self._show(answer)

    def _drain(self) -> None:
        """Everything the bot asks of Slack until it is quiet and has nothing left to do, shown in turn."""
        waited = 0.0
        while True:
            try:
                call = self._arrivals.get(timeout=QUIET_SECONDS)
            except queue.Empty:
                waited += QUIET_SECONDS
                if waited >= LONGEST_WAIT or self.settled():
                    return
                continue
            waited = 0.0
            refused = [r.answer for r in self.standin.refusals if r.call is call]
            view = _json_view(call.args.get("view")) if call.method in ("views.open", "views.update") else {}
            if refused:
                self._refused(call.method, refused[0])
            elif _has_inputs(view):  # a form, or a form's next step made after the acknowledgement
                self._fill(view, _view_id(call))
            elif call.method == "files.completeUploadExternal":
                self._save(call)
            elif call.method in _SHOWN_METHODS:
                self._show(call.args, where=self._where(call))

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

    def _save(self, call: Call) -> None:
        """Shared files, written to the working folder, their paths printed under the message's text."""
        _ = self.texts()
        comment = str(call.args.get("initial_comment") or "")
        if comment:
            self._show({"text": comment}, where=self._where(call))
        for path in downloads.shared(call, self.standin, self.folder):
            self.out.write(_("File saved: {path}").format(path=path) + "\n")
        self.out.write("\n")

    def _fill(self, view: dict[str, Any], view_id: str) -> None:
        """A modal in a terminal: each field is asked in turn, and Ctrl-C closes it unsent. As in Slack, the
        form stays open when the bot marks fields wrong: only those are asked again, the rest is kept."""
        _ = self.texts()
        self.out.write(f"--- {(view.get('title') or {}).get('text', '')}\n")
        answers: dict[str, Any] = {}
        try:
            for block in view.get("blocks") or []:
                if block.get("type") == "section":
                    self.out.write((block.get("text") or {}).get("text", "") + "\n")
                elif block.get("type") == "input":
                    answers.update(self._ask(modal.Input.of(block)))
            answer = self._submit(view, view_id, answers)
            while wrong := self._wrong(view, answer.get("errors") or {}):
                answers.update(item for field in wrong for item in self._ask(field).items())
                answer = self._submit(view, view_id, answers)
        except KeyboardInterrupt:
            self.out.write("\n" + _("Form closed: nothing was sent.") + "\n\n")
            return
        if answer.get("response_action") == "update":
            step = _json_view(answer.get("view"))  # the form's next step, or a wait until it is made
            if _has_inputs(step):
                self._fill(step, view_id)  # the same view, changed: Slack keeps its id
            else:
                self._show(step)

    def _ask(self, field: modal.Input) -> dict[str, Any]:
        return {field.block_id: modal.ask(field, self.read, self.out, self.texts())}

    def _submit(self, view: dict[str, Any], view_id: str, answers: dict[str, Any]) -> dict[str, Any]:
        body, content_type = view_submission(self.user_id, {**view, "id": view_id}, answers)
        return self._send(body, content_type) or {}

    def _wrong(self, view: dict[str, Any], errors: dict[str, str]) -> list[modal.Input]:
        """The fields the bot marked, each told by its label; an error for a block the form does not
        have is one Slack would refuse, and is said so."""
        fields = [field for field in modal.inputs(view) if field.block_id in errors]
        for field in fields:
            self.out.write(f"  {field.label}: {errors[field.block_id]}\n")
        unknown = sorted(set(errors) - {field.block_id for field in fields})
        if unknown:
            self._refused("view_submission", {"errors": {block_id: errors[block_id] for block_id in unknown}})
            return []
        return fields

    def _refused(self, method: str, answer: dict[str, Any]) -> None:
        _ = self.texts()
        message = _("Slack would refuse this {method}: {answer}")
        self.out.write("(" + message.format(method=method, answer=json.dumps(answer)) + ")\n")

    def _where(self, call: Call) -> str:
        _ = self.texts()
        if call.method in ("chat.postMessage", "files.completeUploadExternal"):
            channel = call.args.get("channel") or call.args.get("channel_id")
            return _("message to {channel}").format(channel=channel)
        if call.method == "views.publish":
            return _("App Home")
        return ""


def _has_inputs(view: dict[str, Any]) -> bool:
    return any(block.get("type") == "input" for block in view.get("blocks") or [])


def _json_view(view: Any) -> dict[str, Any]:
    data = json.loads(view) if isinstance(view, str) else view
    return data if isinstance(data, dict) else {}


def _view_id(call: Call) -> str:
    """The id Slack gave the view (views.open), or of the view it changed (views.update)."""
    return str(call.args.get("view_id") or (call.answer.get("view") or {}).get("id") or "")


def _json(body: str) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except ValueError:
        return {"text": body}
    return data if isinstance(data, dict) else {"text": body}
