"""The MkDocs (and ProperDocs) adapter: what the hook calls, second-process reading, shared navigation."""
