"""`lang`: a person's own choice of language, which wins over their Slack locale."""

from __future__ import annotations

from commands.context import Invocation
from participation.i18n import LANGUAGES, supported, translator
from participation.messages import Reply, notice
from participation.storage.models import UserPreference, utcnow

LANGUAGE_NAMES = {"fi": "suomi", "sv": "svenska", "en": "English"}


def lang(invocation: Invocation, args: list[str]) -> Reply:
    _ = invocation._
    choices = ", ".join(f"`{code}` ({LANGUAGE_NAMES[code]})" for code in LANGUAGES)
    if not args:
        return notice(
            _("I speak with you in {language}. Choose another with `/osallisuus lang sv`: {choices}.").format(
                language=LANGUAGE_NAMES[invocation.language], choices=choices
            )
        )
    language = supported(args[0]) if len(args) == 1 and len(args[0]) <= 5 else None
    if language is None:
        return notice(
            _("I do not speak {language!r}. Choose one of {choices}.").format(
                language=" ".join(args), choices=choices
            ),
            error=True,
        )
    with invocation.db.session() as session:
        preference = session.get(UserPreference, invocation.user_id)
        if preference is None:
            session.add(UserPreference(slack_user_id=invocation.user_id, language=language))
        else:
            preference.language, preference.updated_at = language, utcnow()
    _ = translator(language)  # the confirmation already speaks the chosen language
    return notice(_("From now on I speak with you in {language}.").format(language=LANGUAGE_NAMES[language]))
