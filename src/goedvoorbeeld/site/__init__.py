"""Step 3, the site: what every page shows (facts) and the renderers that turn them into pages."""
