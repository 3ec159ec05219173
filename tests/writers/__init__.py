"""Writer tests, one module per format."""
