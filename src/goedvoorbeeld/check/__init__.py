"""Step 1, read and check: bytes to checked cases, with every problem named (code table in problems)."""
