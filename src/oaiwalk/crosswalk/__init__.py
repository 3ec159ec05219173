"""Interpret DC into the pivot Record.

INTERFACE (being implemented):
    crosswalk(dc: DcRecord) -> Record
"""
