"""What a librarian reads in the seed record (../shared/seed), shared by the seed tests."""

from __future__ import annotations

#: The six authors, in order, as (family, given).
SEED_AUTHORS = [
    ("Nevens", "Frederik"),
    ("Gustot", "Thierry"),
    ("Lasser", "Luc L."),
    ("Haralampiev", "Lyudmil E."),
    ("Vargas Blasco", "Victor Manuel"),
    ("Laterre", "Pierre-François"),
]
