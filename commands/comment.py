"""`comment <indicator> "text" [year=2025]`: a coordinator's comment on an indicator the bot computes
itself (meetings held, satisfaction), which nobody confirms by hand. Comments are added, never edited."""

from __future__ import annotations

from commands.context import Invocation
from commands.meeting import coordinators_only
from commands.parsing import ParseError, split_options
from participation.confirmations.comments import COMMENT_MAX, add_comment
from participation.confirmations.lookup import NotFound, find_indicator, parse_year, plan_or_refuse
from participation.dashboard import localized
from participation.deadlines.calendar import focus_year
from participation.i18n import Gettext
from participation.messages import Reply, notice


def comment(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    if not invocation.is_coordinator:
        return coordinators_only(_)
    try:
        words, options = split_options(args, {"year"}, _)
    except ParseError as error:
        return notice(f"{error}\n{usage(_)}", error=True)
    if len(words) != 2 or not words[1].strip():
        return notice(usage(_), error=True)
    key, text = words[0], words[1].strip()
    if len(text) > COMMENT_MAX:
        return notice(
            _("The comment is too long: at most {size} characters.").format(size=COMMENT_MAX), error=True
        )
    with invocation.db.session() as session:
        try:
            plan = plan_or_refuse(session, _)
            indicator = find_indicator(session, plan, key, _)
            year = parse_year(options.get("year") or str(focus_year(plan, invocation.today())), plan, _)
        except NotFound as error:
            return notice(str(error), error=True)
        if not indicator.computed:
            return notice(
                _(
                    "Comments are for the indicators the bot computes itself. For `{indicator}`, give "
                    "the evidence with its confirmation: `/osallisuus confirm {indicator}`."
                ).format(indicator=indicator.key),
                error=True,
            )
        add_comment(session, indicator, year, text, invocation.user_id, invocation.now())
        title, key = localized(indicator.text, invocation.language), indicator.key
    return notice(
        _("Comment added to *{indicator}* for {year}. `/osallisuus history {key}` shows it.").format(
            indicator=title, year=year, key=key
        )
    )


def usage(_: Gettext) -> str:
    return _(
        'Use: `/osallisuus comment <indicator> "text" [year=2025]`, for the indicators the bot computes '
        "itself, such as `network-meetings`."
    )
