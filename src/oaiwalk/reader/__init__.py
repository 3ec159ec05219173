"""Read OAI-PMH responses and bare oai_dc documents into ``DcRecord`` values.

INTERFACE (being implemented):
    Source = str | os.PathLike[str] | bytes | BinaryIO   ("-" means stdin)
    read_dc(sources: Iterable[Source]) -> Iterator[DcRecord]
"""
