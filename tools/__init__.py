"""Developer tools: scripts run from the project root, not shipped in the wheel."""
