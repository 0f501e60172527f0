"""meeting titles: a stored default title ("Osallisuusverkosto: kokous") becomes no title

A meeting planned without a title of its own got the default in its creator's language, so Swedish and
English readers saw the Finnish words. The default is now shown in each reader's language, and a title
that is exactly one of the known defaults (any configured network's name in fi, sv or en, with the word
for "meeting" in that language) is cleared. A title someone typed differs from these and is kept.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
import yaml
from alembic import op

from config import NETWORKS_FILE

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The catalogues' "{network}: meeting" as they stood when the defaults were stored: frozen here on purpose.
_DEFAULTS = {'fi': '{network}: kokous', 'sv': '{network}: möte', 'en': '{network}: meeting'}

_meetings = sa.table(
    'meetings', sa.column('id', sa.Integer), sa.column('network_id', sa.String), sa.column('title', sa.String)
)


def _known_defaults() -> dict[str, set[str]]:
    """Every default text per network id, from the networks file's names in each language."""
    data = yaml.safe_load(NETWORKS_FILE.read_text(encoding='utf-8')) or {}
    known: dict[str, set[str]] = {}
    for network in data.get('networks', ()):
        names = network.get('name', {})
        known[network['id']] = {
            pattern.format(network=names[language])
            for language, pattern in _DEFAULTS.items()
            if names.get(language)
        }
    return known


def upgrade() -> None:
    for network_id, titles in _known_defaults().items():
        if titles:
            op.execute(
                _meetings.update()
                .where(_meetings.c.network_id == network_id, _meetings.c.title.in_(sorted(titles)))
                .values(title='')
            )


def downgrade() -> None:
    """The older code shows a title as stored, so an empty one gets the Finnish default back."""
    data = yaml.safe_load(NETWORKS_FILE.read_text(encoding='utf-8')) or {}
    for network in data.get('networks', ()):
        name = network.get('name', {}).get('fi') or network['id']
        op.execute(
            _meetings.update()
            .where(_meetings.c.network_id == network['id'], _meetings.c.title == '')
            .values(title=_DEFAULTS['fi'].format(network=name))
        )
