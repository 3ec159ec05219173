"""Convert files on a Dask cluster: in order into one file, or sharded, one file per input.

Run from the project root:  python examples/dask_cluster.py
(starts a local 2-worker cluster; pass a scheduler address to use a real one:
python examples/dask_cluster.py tcp://scheduler:8786)
"""

import sys
import tempfile
from pathlib import Path

from distributed import Client, LocalCluster

import oaiwalk
import oaiwalk.dask

INPUTS = [Path(__file__).with_name("records.xml")]


def main() -> None:
    if len(sys.argv) > 1:
        client = Client(sys.argv[1])
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
        client = Client(cluster)
    with client:
        report = oaiwalk.RunReport()
        text = oaiwalk.dask.convert(INPUTS, to="csl-json", client=client, report=report)
        assert text == oaiwalk.convert(INPUTS, to="csl-json")  # same bytes as one process
        print(f"{report.converted} records converted on {client.scheduler_info()['address']}")
        with tempfile.TemporaryDirectory() as shards:
            paths = oaiwalk.dask.convert(INPUTS, to="ris", client=client, shard_dir=shards)
            print("shards:", paths)


if __name__ == "__main__":
    main()
