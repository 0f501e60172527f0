"""`owner <indicator> [@person …]`: who answers for an indicator. Everyone may look; coordinators add
owners (`owner <indicator> @person`) and remove them (`owner <indicator> remove @person`)."""

from __future__ import annotations

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.mentions import user_of
from participation.confirmations.lookup import NotFound, find_indicator, plan_or_refuse
from participation.confirmations.owners import add_owners, remove_owners
from participation.confirmations.roles import mentions, owners_of
from participation.dashboard import localized
from participation.i18n import Gettext
from participation.messages import Reply, notice


def owner(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    if not args:
        return notice(usage(_), error=True)
    key, rest = args[0], args[1:]
    removing = bool(rest) and rest[0].lower() in {"remove", "poista", "ta-bort", "-"}
    words = rest[1:] if removing else rest
    if rest and not invocation.is_coordinator:
        return coordinators_only(_)
    users = [user_of(word) for word in words]
    unknown = [word for word, user in zip(words, users, strict=True) if user is None]
    if unknown or (removing and not words):
        return notice(
            _("I did not recognise {words} as people: mention them with @, like @Aino.").format(
                words=", ".join(repr(word) for word in unknown) or "–"
            )
            + "\n"
            + usage(_),
            error=True,
        )
    with invocation.db.session() as session:
        try:
            indicator = find_indicator(session, plan_or_refuse(session, _), key, _)
        except NotFound as error:
            return notice(str(error), error=True)
        people = [user for user in users if user is not None]
        if removing:
            changed = remove_owners(session, indicator, people, invocation.user_id, invocation.now())
        elif people:
            changed = add_owners(session, indicator, people, invocation.user_id, invocation.now())
        else:
            changed = []
        text = localized(indicator.text, invocation.language)
        owners = mentions(owners_of(indicator), _("none yet"))
    lines = [f"*{text}* `{indicator.key}`", _("Owners: {owners}").format(owners=owners)]
    if people and not changed:
        lines.append(_("Nothing changed."))
    return notice("\n".join(lines))


def usage(_: Gettext) -> str:
    return _(
        "Use: `/osallisuus owner <indicator>` shows the owners; coordinators add one with "
        "`/osallisuus owner <indicator> @person` and remove one with "
        "`/osallisuus owner <indicator> remove @person`."
    )
