"""drop the article index of sentence_bands

Nothing looks band rows up by article: the candidate query goes by band (the covering index), and
articles are never deleted. The index cost every ingest about a sixth of the time spent writing band
rows (hundreds per article) and a tenth of their disk.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 09:35:00
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_sentence_bands_article', table_name='sentence_bands')


def downgrade() -> None:
    op.create_index('ix_sentence_bands_article', 'sentence_bands', ['article_id'], unique=False)
