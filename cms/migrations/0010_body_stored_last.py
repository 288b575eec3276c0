"""The legal document's body moves to the end of its table row (SQLite).

SQLite stores a row's columns in order and a value too large for its page in a chain of
overflow pages: reading any column after a law's body (megabytes) walks that whole chain.
Columns added after the body (the issuing body, the type, the validity evidence...) made
every listing, sitemap and feed read every body. PostgreSQL stores large values apart
(TOAST): the order is immaterial there and nothing is done.
"""

from django.db import migrations
from django.db.migrations.operations.base import Operation


class StoreBodyLast(Operation):
    reversible = True

    def state_forwards(self, app_label, state):
        model = state.models[app_label, "legaldocumentpage"]
        model.fields["body"] = model.fields.pop("body")
        state.reload_model(app_label, "legaldocumentpage", delay=True)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "sqlite":
            # The table rebuilt in the field order of the state: the body last.
            schema_editor._remake_table(to_state.apps.get_model(app_label, "LegalDocumentPage"))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass  # any order serves the earlier code

    def describe(self):
        return "Store the legal document's body last in its row"


class Migration(migrations.Migration):
    dependencies = [("cms", "0009_document_listing_index")]

    operations = [StoreBodyLast()]
