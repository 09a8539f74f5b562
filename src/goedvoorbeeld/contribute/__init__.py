"""Tools for contributors and editors: new case files, the issue form, mail, form data."""
