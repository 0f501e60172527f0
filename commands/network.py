"""`network link | list | guest`: which channel is a network's, and who outside Slack is invited too."""

from __future__ import annotations

import re

from babel import localedata

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.meeting_refusals import refusal_text
from participation.i18n import LANGUAGES, Gettext, supported
from participation.meetings.networks import configured_networks, network_config
from participation.meetings.service import MeetingRefused, Refusal, check_channel
from participation.meetings.texts import network_name
from participation.messages import Context, Header, Reply, Section, notice
from participation.messages import channel as channel_ref
from participation.storage.models import AuditEntry, NetworkGuest, NetworkRecord
from participation.text import breaks_line, one_line, too_long

EMAIL_MAX, GUEST_NAME_MAX = 320, 200  # the guest columns' lengths
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def network(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    action, rest = (args[0].lower(), args[1:]) if args else ("list", [])
    if action == "list":
        return _list(invocation)
    if not invocation.is_coordinator:
        return coordinators_only(_)
    try:
        if action == "link" and len(rest) == 1:
            return _link(invocation, rest[0])
        if action == "guest" and len(rest) >= 3 and rest[0] in {"add", "remove"}:
            return _guest(invocation, rest[0], rest[1], rest[2], rest[3:])
    except MeetingRefused as refused:
        return notice(refusal_text(refused, invocation), error=True)
    return notice(usage(_), error=True)


def usage(_: Gettext) -> str:
    return _(
        "Use: `/osallisuus network list`; in the network's channel `/osallisuus network link <network>`; "
        "`/osallisuus network guest add <network> name@example.org [fi|sv|en] [name]`, "
        "`/osallisuus network guest remove <network> name@example.org`."
    )


def _known(network_id: str) -> str:
    config = network_config(network_id)
    if config is None:
        raise MeetingRefused(Refusal.UNKNOWN_NETWORK, network=network_id)
    return config.id


def _link(invocation: Invocation, network_id: str) -> Reply:
    _ = invocation._
    network_id = _known(network_id)
    channel = invocation.channel_id
    if not channel:
        return notice(_("Type this in the network's own channel."), error=True)
    with invocation.db.session() as session:
        check_channel(session, channel, invocation.bot_user_id)
        record = session.get(NetworkRecord, network_id)
        assert record is not None
        before = {"channel_id": record.channel_id}
        record.channel_id, record.linked_by, record.linked_at = channel, invocation.user_id, invocation.now()
        session.add(
            AuditEntry(
                actor=invocation.user_id,
                action="network.link",
                entity=f"network:{network_id}",
                before=before,
                after={"channel_id": channel},
            )
        )
    return notice(
        _("{network} is now linked to {channel}. Its members are this channel's members.").format(
            network=network_name(network_id, invocation.language), channel=channel_ref(channel)
        )
    )


def _other_language(word: str) -> bool:
    """Whether the word after the address is a language code (`de`, `de-AT`) rather than a name's first
    word: a guest's name is not taken to be `de` because their language is not one the bot writes. A
    capitalised word (`Bo Ek`) is a name."""
    code, _sep, region = word.replace("_", "-").partition("-")
    return (
        len(code) == 2
        and code.isascii()
        and code.isalpha()
        and (code.islower() or code.isupper())
        and (not region or region.isalpha())
        and localedata.exists(code.lower())
    )


def _guest(invocation: Invocation, action: str, network_id: str, address: str, rest: list[str]) -> Reply:
    _ = invocation._
    network_id = _known(network_id)
    address = address.strip("<>").removeprefix("mailto:").split("|")[0].lower()
    if not _EMAIL.match(address) or breaks_line(address) or len(address) > EMAIL_MAX:
        return notice(_("{address!r} is not an e-mail address.").format(address=address), error=True)
    language = supported(rest[0]) if rest and rest[0].lower() in LANGUAGES else None
    if rest and language is None and _other_language(rest[0]):
        return notice(
            _(
                "I write to guests in Finnish, Swedish or English, so {language!r} cannot be their "
                "language. Write fi, sv or en."
            ).format(language=rest[0]),
            error=True,
        )
    name = " ".join(rest[1:] if language else rest).strip() or None
    refused = one_line(name, _("The guest's name"), _) or too_long(
        name, GUEST_NAME_MAX, _("The guest's name"), _
    )
    if refused is not None:
        return notice(refused, error=True)
    with invocation.db.session() as session:
        record = session.get(NetworkRecord, network_id)
        assert record is not None
        existing = next((guest for guest in record.guests if guest.email == address), None)
        if action == "remove":
            if existing is None:
                return notice(
                    _("{address} is not a guest of this network.").format(address=address), error=True
                )
            record.guests.remove(existing)
            session.add(
                AuditEntry(
                    actor=invocation.user_id,
                    action="network.guest.remove",
                    entity=f"network:{network_id}",
                    before={"guest": address},
                    after=None,
                )
            )
            return notice(_("{address} is no longer invited.").format(address=address))
        if existing is None:
            record.guests.append(
                NetworkGuest(
                    email=address,
                    name=name,
                    language=language or invocation.settings.default_language,
                    added_by=invocation.user_id,
                )
            )
        session.add(
            AuditEntry(
                actor=invocation.user_id,
                action="network.guest.add",
                entity=f"network:{network_id}",
                before=None,
                after={"guest": address, "name": name},
            )
        )
    return notice(
        _("{address} will be invited to the meetings of {network}.").format(
            address=address, network=network_name(network_id, invocation.language)
        )
    )


def _list(invocation: Invocation) -> Reply:
    _ = invocation._
    reply = Reply([Header(_("Networks"))])
    with invocation.db.session() as session:
        for network_id, config in configured_networks().items():
            record = session.get(NetworkRecord, network_id)
            channel = channel_ref(record.channel_id) if record and record.channel_id else _("no channel yet")
            guests = len(record.guests) if record else 0
            lines = [
                f"*{config.name.get(invocation.language)}* `{network_id}`",
                _("Channel: {channel} · guests by e-mail: {count}").format(channel=channel, count=guests),
            ]
            if invocation.is_coordinator and record is not None and invocation.settings.public_url:
                feed = f"{invocation.settings.public_url}/calendar/{network_id}.ics?token={record.feed_token}"
                lines.append(_("Calendar feed (keep it to the network): {url}").format(url=feed))
            reply.parts.append(Section("\n".join(lines)))
    reply.parts.append(Context(usage(_)))
    return reply
