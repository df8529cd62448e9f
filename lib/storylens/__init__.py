"""storylens."""
