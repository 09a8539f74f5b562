"""Goed Voorbeeld: the practice library of the Dutch Open Overheid network.

The pipeline is read -> check -> score -> render, as plain functions:
`cases.load_library` reads and checks, `ranking.rank` scores and orders,
`site.Site` computes what the site shows. The MkDocs hook, the command
line and the tests all use these same functions.
"""

__version__ = "0.1.0"
