"""source: bytes to safe YAML with positions, each check with its exact code, line and column."""
