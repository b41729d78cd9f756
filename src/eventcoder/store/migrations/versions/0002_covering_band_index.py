"""covering index for reuse candidates

The candidate query reads (band, article_id, sentence) of every stored sentence sharing a band
with the new article; an index holding all three answers it without touching the table.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 04:15:00
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_sentence_bands_band_cover', 'sentence_bands', ['band', 'article_id', 'sentence'], unique=False)
    op.drop_index('ix_sentence_bands_band', table_name='sentence_bands')


def downgrade() -> None:
    op.create_index('ix_sentence_bands_band', 'sentence_bands', ['band'], unique=False)
    op.drop_index('ix_sentence_bands_band_cover', table_name='sentence_bands')
