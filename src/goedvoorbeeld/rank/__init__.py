"""Step 2, rank: the score, the order, the five, related cases and saved selections."""
