"""``python -m oaiwalk``: run the command-line interface."""

from oaiwalk.cli import main_entry

main_entry()
