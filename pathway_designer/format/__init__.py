"""Reading, loading and writing the pathway file format."""
