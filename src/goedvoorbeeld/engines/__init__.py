"""Step 4, the build engines: the engine-neutral build and one adapter folder per engine."""
