"""Real external clients (citation-js, N3.js, pandoc) that read oaiwalk's output."""
