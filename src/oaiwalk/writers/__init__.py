"""Built-in writers, one module per format; each is registered as an entry point."""
