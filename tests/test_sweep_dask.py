"""The Dask executor gives the outcomes the local process pool gives."""

from pathlib import Path

import pandas as pd
import pytest

from sim.sweep import run_sweep

distributed = pytest.importorskip("distributed")

SPEC = """\
base: baseline
design: sobol
n: 8
replicates: 3
seed: 21
months: 6
parameters:
  actors.PRK.relief_need: {low: 0.2, high: 0.9}
  mechanisms.trust.forgiveness: {low: 0.0, high: 0.8}
  actors.RUS.flows_to_prk: {values: [0.1, 0.5, 0.9]}
trajectories: true
"""


def test_dask_and_the_process_pool_give_the_same_bytes(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    local = run_sweep(spec, out_dir=tmp_path / "local", workers=2, chunk_size=25, progress=False)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        on_cluster = run_sweep(
            spec,
            out_dir=tmp_path / "cluster",
            executor="dask",
            scheduler=cluster.scheduler_address,
            chunk_size=10,
            progress=False,
        )
    own_cluster = run_sweep(
        spec, out_dir=tmp_path / "own", executor="dask", workers=2, chunk_size=40, progress=False
    )
    reference = pd.read_parquet(local / "outcomes.parquet")
    assert len(reference) == 8 * (3 + 2) * 3
    for other in (on_cluster, own_cluster):
        pd.testing.assert_frame_equal(
            pd.read_parquet(other / "outcomes.parquet"), reference, check_exact=True
        )
        for name in ("outcomes.parquet", "trajectories.parquet", "design.parquet"):
            assert (other / name).read_bytes() == (local / name).read_bytes()


def test_two_own_clusters_start_side_by_side_without_a_port_clash() -> None:
    """Each cluster neasim starts serves its scheduler's HTTP endpoint on a free loopback port."""
    import warnings

    from sim.sweep.executors import local_cluster

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with local_cluster(1) as first, local_cluster(1) as second:
            bound = [
                socket.getsockname()
                for cluster in (first, second)
                for socket in cluster.scheduler.http_server._sockets.values()
            ]
    assert {host for host, _ in bound} == {"127.0.0.1"}
    ports = {port for _, port in bound}
    assert 8787 not in ports and len(ports) == 2
    assert not [w for w in caught if "already in use" in str(w.message)]
