"""The store: documents with their original bytes, tables, indicators, findings, users, audit log."""
