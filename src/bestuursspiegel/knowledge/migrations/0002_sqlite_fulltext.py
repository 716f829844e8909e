"""The SQLite full-text table for knowledge search (PostgreSQL searches the plain table instead)."""

from django.db import migrations

FTS = "CREATE VIRTUAL TABLE IF NOT EXISTS knowledge_search_fts USING fts5(title, text, tokenize='unicode61 remove_diacritics 2')"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(FTS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS knowledge_search_fts")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
