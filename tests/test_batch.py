"""Batches: render --jobs and civreport batch over a manifest of units and periods, with roll-ups
up the organisation tree; each document all or nothing, failures tabled, resume from stamps,
progress, warnings said once; the API with any executor, Dask included."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

import distributed
import docx
import pytest

import civreport
from civreport.batch import Job, Read, load_manifest, run
from civreport.batch.executors import DASK_MOST_PER_TASK, DASK_SETTINGS, Workers, dask_client, process_pool
from civreport.batch.jobs import Outcome
from civreport.batch.progress import Quiet
from civreport.batch.runner import _run_on, tasks
from civreport.batch.worker import run_jobs
from civreport.cli import main
from civreport.diagnostics import Diagnostics
from civreport.pipeline import office_of

from conftest import SAMPLES, YAML, cli_env, closing_block, office_with_template, unit_input

MANIFEST = """\
periods: [2024Q3]
out: out
to: [docx, pdf]
inputs: "inputs/{unit}.yaml"
units:
  - {unit: city, name: 云江市创城办, rollup: true}
  - {unit: east, name: 东区创城办, parent: city, rollup: true}
  - {unit: a, parent: east}
  - {unit: b, parent: east, office: offices/broken/p.yaml}
  - {unit: west, name: 西区创城办, rollup: true}
  - {unit: c, parent: west}
  - {unit: d, parent: west}
"""


@pytest.fixture
def organisation(tmp_path: Path) -> Path:
    (tmp_path / "inputs").mkdir()
    for unit in "abd":
        (tmp_path / "inputs" / f"{unit}.yaml").write_text(unit_input(unit.upper()), encoding="utf-8")
    (tmp_path / "inputs" / "c.yaml").write_text("office: [C街道\n", encoding="utf-8")  # fails to load
    office_with_template(tmp_path / "offices" / "broken", closing_block("{{ 1 / 0 }}"))  # fails to render
    (tmp_path / "batch.yaml").write_text(MANIFEST, encoding="utf-8")
    return tmp_path


def civreport_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["civreport", *args], cwd=cwd, env=cli_env(), capture_output=True, text=True, timeout=300)


def outputs(root: Path) -> dict[str, float]:
    return {
        str(p.relative_to(root)): p.stat().st_mtime
        for p in sorted(root.rglob("*.*"))
        if ".civreport" not in p.parts and p.suffix in (".pdf", ".docx")
    }


@pytest.mark.slow
def test_a_batch_rolls_up_the_tree_and_tables_its_failures(organisation: Path) -> None:
    result = civreport_cli("batch", "batch.yaml", "--jobs", "2", cwd=organisation)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    out = organisation / "out"
    assert set(outputs(out)) == {
        f"{path}/2024Q3.{fmt}" for path in ("city/east/a", "city/east", "city", "west/d") for fmt in ("docx", "pdf")
    }
    # The roll-ups ran after their sources: the district's report holds its streets, the city's its district.
    east = civreport.load(out / "city" / "east" / "2024Q3.yaml").report
    assert east.office == "东区创城办" and [s.office for s in east.sources] == ["A街道办事处", "B街道办事处"]
    city = docx.Document(str(out / "city" / "2024Q3.docx"))
    assert any("云江市创城办" in p.text for p in city.paragraphs)
    table = result.stderr[result.stderr.index("错误：3 份报告没有生成") :]
    assert "city/east/b/2024Q3｜模板｜" in table and "模板的计算出错" in table
    assert "west/c/2024Q3｜读取｜" in table
    assert "west/2024Q3｜汇总｜" in table and "c.yaml" in table
    # Progress is a line per document when standard error is not a terminal.
    assert result.stderr.count("[") >= 7 and "[7/7]" in result.stderr
    # The same font warnings for every document are said once.
    assert result.stderr.count("正文（仿宋）") <= 1


@pytest.mark.slow
def test_a_batch_resumes_where_its_outputs_are_up_to_date(organisation: Path) -> None:
    assert main(["batch", str(organisation / "batch.yaml"), "--jobs", "1", "--quiet"]) == 1
    first = outputs(organisation / "out")
    assert main(["batch", str(organisation / "batch.yaml"), "--jobs", "1", "--quiet"]) == 1
    assert outputs(organisation / "out") == first  # nothing redone
    # A changed street redoes itself and the roll-ups above it, nothing else.
    (organisation / "inputs" / "a.yaml").write_text(unit_input("甲"), encoding="utf-8")
    assert main(["batch", str(organisation / "batch.yaml"), "--jobs", "1", "--quiet"]) == 1
    again = outputs(organisation / "out")
    changed = {path.rsplit("/", 1)[0] for path in again if again[path] != first[path]}
    assert changed == {"city/east/a", "city/east", "city"}
    assert main(["batch", str(organisation / "batch.yaml"), "--jobs", "1", "--quiet", "--force"]) == 1
    assert all(mtime > again[path] for path, mtime in outputs(organisation / "out").items())


@pytest.mark.slow
def test_a_renamed_or_deleted_roll_up_is_redone_and_a_failed_one_holds_back_its_parent(
    organisation: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = organisation / "batch.yaml"
    assert main(["batch", str(manifest), "--jobs", "1", "--quiet"]) == 1
    first = outputs(organisation / "out")
    # The unit's name is what its roll-up is made from too.
    manifest.write_text(MANIFEST.replace("东区创城办", "东区文明办"), encoding="utf-8")
    assert main(["batch", str(manifest), "--jobs", "1", "--quiet"]) == 1
    again = outputs(organisation / "out")
    assert {path.rsplit("/", 1)[0] for path in again if again[path] != first[path]} == {"city/east", "city"}
    assert civreport.load(organisation / "out" / "city" / "east" / "2024Q3.yaml").report.office == "东区文明办"
    # The rolled-up input file is one of the roll-up's outputs.
    (organisation / "out" / "city" / "east" / "2024Q3.yaml").unlink()
    assert main(["batch", str(manifest), "--jobs", "1", "--quiet"]) == 1
    assert (organisation / "out" / "city" / "east" / "2024Q3.yaml").is_file()
    # A street that can no longer be read: its district fails, and the city above is not left
    # looking up to date with the district's old figures.
    capsys.readouterr()
    (organisation / "inputs" / "a.yaml").write_text("office: [\n", encoding="utf-8")
    assert main(["batch", str(manifest), "--jobs", "1", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "city/east/2024Q3｜汇总｜" in err and "a.yaml" in err
    assert "city/2024Q3｜汇总｜下级汇总报告 city/east/2024Q3 没有生成，本报告未更新" in err


@pytest.mark.slow
def test_quiet_prints_no_progress(organisation: Path) -> None:
    result = civreport_cli("batch", "batch.yaml", "--quiet", "--jobs", "1", cwd=organisation)
    assert "[1/7]" not in result.stderr and "没有生成" in result.stderr


@pytest.mark.slow
def test_a_csv_manifest_with_periods_from_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "2024Q3").mkdir()
    for unit in ("a", "b"):
        (tmp_path / "2024Q3" / f"{unit}.yaml").write_text(unit_input(unit.upper()), encoding="utf-8")
    (tmp_path / "units.csv").write_text(
        "unit,name,parent,input,rollup\ndistrict,某区创城办,,,是\n"
        "a,,district,{period}/{unit}.yaml,\nb,,district,{period}/{unit}.yaml,\n",
        encoding="utf-8",
    )
    assert main(["batch", str(tmp_path / "units.csv"), "--period", "2024Q3", "--to", "html", "--quiet"]) == 0
    assert (tmp_path / "out" / "district" / "a" / "2024Q3.html").is_file()
    assert civreport.load(tmp_path / "out" / "district" / "2024Q3.yaml").report.office == "某区创城办"
    assert main(["batch", str(tmp_path / "units.csv"), "--quiet"]) == 2  # a CSV needs --period


def test_a_csv_row_longer_than_its_header_and_a_bad_dask_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "units.csv").write_text("unit,input\na,a.yaml,extra\n", encoding="utf-8")
    assert main(["batch", str(tmp_path / "units.csv"), "--period", "2024Q3"]) == 2
    assert "第 2 行：这一行的单元格比第一行（列名）多：多出 extra" in capsys.readouterr().err
    (tmp_path / "a.yaml").write_text(unit_input("A"), encoding="utf-8")
    assert main(["render", str(tmp_path / "a.yaml"), "--executor", "dask://", "--out", str(tmp_path / "out")]) == 2
    assert "Dask 集群的地址应写作 dask://主机:端口" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("periods: [2024Q3]\nunits:\n  - {unit: a, parent: nobody}\n", "上级 nobody 不在清单中"),
        ("periods: [2024Q3]\nunits:\n  - {unit: a, parent: b}\n  - {unit: b, parent: a}\n", "成环"),
        ("periods: [2024Q3]\nunits:\n  - {unit: a}\n  - {unit: a}\n", "单位代码 a 出现了不止一次"),
        ("periods: [2024Q3]\nunits:\n  - {unit: a, rollup: true}\n", "没有下级单位"),
        ("periods: [2024Q9]\nunits:\n  - {unit: a}\n", "无法识别的期间"),
        ("periods: [2024Q3]\nunits:\n  - {unit: a, colour: red}\n", "未知字段"),
        (
            "periods: [2024Q3]\ninputs: '{unit}/{nope}.yaml'\nunits:\n  - {unit: a}\n",
            "字段 inputs（输入文件）：不认识的占位符 {nope}：只能用 {unit} 和 {period}",
        ),
        ("periods: [2024Q3]\nunits:\n  - {unit: a, input: '{unit'}\n", "花括号不成对"),
    ],
)
def test_a_bad_manifest_is_refused_in_chinese(
    tmp_path: Path, manifest: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "m.yaml").write_text(manifest, encoding="utf-8")
    assert main(["batch", str(tmp_path / "m.yaml")]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


@pytest.mark.slow
def test_render_jobs_gives_what_one_job_gives(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["render", *map(str, SAMPLES), "--to", "docx", "--out", str(one), "--jobs", "1", "-q"]) == 0
    assert main(["render", *map(str, SAMPLES), "--to", "docx", "--out", str(two), "--jobs", "2", "-q"]) == 0
    for sample in SAMPLES:
        a, b = (docx.Document(str(d / f"{sample.stem}.docx")) for d in (one, two))
        assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]


def _jobs(tmp_path: Path) -> list[Job]:
    jobs = []
    for unit in ("a", "b", "c"):
        source = tmp_path / f"{unit}.yaml"
        source.write_text(unit_input(unit), encoding="utf-8")
        jobs.append(Job(unit, str(source), (str(tmp_path / "out" / f"{unit}.docx"),)))
    return jobs


def test_a_worker_makes_the_document_from_the_input_as_read_and_does_not_read_it_again(tmp_path: Path) -> None:
    """What render hands the worker: the report, its profile and what reading it said. The file
    is spoilt after it was read: the worker, which would fail to read it, does not."""
    source = tmp_path / "a.yaml"
    source.write_text(YAML.replace("- title: 强化组织领导", '- title: "强化\\a组织领导"'), encoding="utf-8")
    diagnostics = Diagnostics()
    document = civreport.load(source, diagnostics=diagnostics)
    read = Read(document, office_of(document), tuple(diagnostics))
    source.write_text("office: [\n", encoding="utf-8")
    [outcome] = run([Job("a", str(source), (str(tmp_path / "out" / "a.docx"),), read=read)], workers=1)
    assert outcome.written and not outcome.failed, outcome
    assert any("已删除无法打印的字符 U+0007" in str(d) for d in outcome.diagnostics), outcome.diagnostics
    assert any("强化组织领导" in p.text for p in docx.Document(str(tmp_path / "out" / "a.docx")).paragraphs)


@pytest.mark.slow
def test_many_inputs_are_read_on_the_workers_cores_as_one_by_one_and_one_bad_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """batch.reading: 1,000 inputs read one after another kept a core idle for 6 s."""
    from civreport.batch import executors, reading

    paths = []
    for n in range(reading.PARALLEL_FROM + 6):
        paths.append(tmp_path / "in" / f"r{n:03d}.yaml")
        paths[-1].parent.mkdir(exist_ok=True)
        paths[-1].write_text(unit_input(f"第{n}街道"), encoding="utf-8")
    for n in (7, 40):  # two bad ones: both said, in order
        paths[n].write_text(paths[n].read_text(encoding="utf-8").replace("2024Q3", "2024Q5"), encoding="utf-8")
    pools: list[int] = []
    made = executors.reading_pool
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a machine of one core reads in one process
    monkeypatch.setattr(executors, "reading_pool", lambda workers: pools.append(workers) or made(workers))
    alone = [reading.read_one(path) for path in paths]
    together = reading.read_inputs(paths, 2)
    assert pools == [2]
    assert [r if isinstance(r, list) else r[0].report for r in together] == [
        r if isinstance(r, list) else r[0].report for r in alone
    ]
    assert [str(r[0].path) for r in together if not isinstance(r, list)] == [
        str(p) for n, p in enumerate(paths) if n not in (7, 40)
    ]
    assert main(["render", *map(str, paths), "--to", "docx", "--out", str(tmp_path / "out"), "--jobs", "2"]) == 2
    said = capsys.readouterr().err
    assert said.index("r007.yaml") < said.index("r040.yaml") and "2024Q5" in said
    assert not (tmp_path / "out").exists()


def test_the_api_takes_any_executor(tmp_path: Path) -> None:
    with ThreadPoolExecutor(2) as pool:
        outcomes = run(_jobs(tmp_path), executor=pool)
    assert [o.name for o in outcomes] == ["a", "b", "c"] and all(o.written for o in outcomes)


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A Dask scheduler and two worker processes (a nanny each, one thread) on loopback, started
    as README tells a cluster's administrator to start them (civreport's Dask settings file in
    the Dask configuration folder); its address (dask://…) and the workers' temporary folder.
    Ready once the scheduler says both workers have joined."""
    temp = tmp_path_factory.mktemp("dask-tmp")
    settings = tmp_path_factory.mktemp("dask-config")
    shutil.copy(DASK_SETTINGS, settings)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = str(Path(sys.executable).parent / "dask")
    env = {**cli_env(), "TMPDIR": str(temp), "DASK_CONFIG": str(settings)}
    started = [
        subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    started += [
        subprocess.Popen(
            [dask, "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        with distributed.Client(address, timeout=60) as client:  # retries until the scheduler listens
            client.wait_for_workers(2, timeout=120)
        yield f"dask://127.0.0.1:{port}", temp
    finally:
        for process in reversed(started):  # the workers first, then the scheduler
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def worker_pids(address: str) -> set[int]:
    with distributed.Client(address.replace("dask://", "tcp://"), timeout=30) as client:
        return set(client.run(os.getpid).values())


def replaced(address: str, before: set[int], temp: Path | None = None) -> set[int]:
    """The workers once both of ``before`` are replaced (and their copies of the fonts in
    ``temp`` removed), or as they are after five minutes: a new worker loads the PDF engine
    and the fonts, slow on a busy machine."""
    deadline = time.monotonic() + 300
    while (len(now := worker_pids(address)) < 2 or now & before or (temp and list(temp.glob("weasyprint-*")))) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.5)
    return now


def dask_settings(client: distributed.Client) -> set[tuple[object, ...]]:
    """What each worker of ``client``'s cluster runs with, of civreport's Dask settings: the
    allocator's trim threshold the nanny set, the event loop's health check interval (ms) and
    whether the statistical profiler samples; and whether the scheduler steals work."""
    # Lambdas: the workers cannot import this module, cloudpickle sends them whole.
    stealing = client.run_on_scheduler(lambda dask_scheduler: "stealing" in dask_scheduler.extensions)
    workers = client.run(
        lambda dask_worker: (
            os.environ.get("MALLOC_TRIM_THRESHOLD_"),
            dask_worker.periodic_callbacks["tick"].callback_time,
            "profile" in dask_worker.periodic_callbacks,
        )
    )
    return {(*found, stealing) for found in workers.values()}


CIVREPORT_DASK_SETTINGS = {(None, 1000, False, False)}  # as dask_settings says them


@pytest.mark.slow
def test_a_batch_on_a_dask_cluster_of_two_worker_processes(dask_cluster: tuple[str, Path], tmp_path: Path) -> None:
    address, _ = dask_cluster
    jobs = [replace(job, outputs=(*job.outputs, job.outputs[0].replace(".docx", ".pdf"))) for job in _jobs(tmp_path)]
    outcomes = run(jobs, executor=address)
    assert all(o.written and not o.failed for o in outcomes), outcomes
    assert docx.Document(str(tmp_path / "out" / "b.docx")).paragraphs
    assert (tmp_path / "out" / "c.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.slow
def test_a_dask_worker_past_the_memory_limit_is_retired_and_replaced(
    dask_cluster: tuple[str, Path], tmp_path: Path
) -> None:
    """Every worker passes a limit of 1 MB with its document: it retires, ending normally (its
    copy of the fonts is removed by its finalizer), and its nanny starts a new one."""
    address, temp = dask_cluster
    before = worker_pids(address)
    jobs = [replace(job, outputs=(job.outputs[0].replace(".docx", ".pdf"),)) for job in _jobs(tmp_path)]
    outcomes = run(jobs, executor=address, worker_memory=1)
    assert all(o.written and not o.failed for o in outcomes), outcomes
    now = replaced(address, before, temp)
    assert len(now) == 2 and not now & before, (before, now)
    assert list(temp.glob("weasyprint-*")) == []
    with distributed.Client(address.replace("dask://", "tcp://"), timeout=30) as client:
        assert dask_settings(client) == CIVREPORT_DASK_SETTINGS  # the new workers too: from the settings file


@pytest.mark.slow
def test_a_batch_on_a_dask_local_cluster(tmp_path: Path) -> None:
    outcomes = run(_jobs(tmp_path), executor="dask", workers=2)
    assert all(o.written and not o.failed for o in outcomes), outcomes
    assert docx.Document(str(tmp_path / "out" / "b.docx")).paragraphs


@pytest.mark.slow
def test_the_local_dask_cluster_runs_with_civreports_dask_settings_and_so_do_the_workers_it_replaces(
    tmp_path: Path,
) -> None:
    """Dask's nanny would start each worker with MALLOC_TRIM_THRESHOLD_ set (a document's CPU
    50% above the process pool's), the event loop checked every 20 ms, the profiler sampling."""
    with ExitStack() as stack:
        client = dask_client("dask", 2, stack)
        assert dask_settings(client) == CIVREPORT_DASK_SETTINGS
        address = client.cluster.scheduler_address.replace("tcp://", "dask://")
        before = worker_pids(address)
        outcomes = run(_jobs(tmp_path), executor=address, worker_memory=1)  # every worker retires
        assert all(o.written and not o.failed for o in outcomes), outcomes
        now = replaced(address, before)
        assert len(now) == 2 and not now & before, (before, now)
        assert dask_settings(client) == CIVREPORT_DASK_SETTINGS


def test_a_batch_on_dask_shares_each_task_among_a_few_documents_yet_gives_each_thread_several() -> None:
    """Dask's own work around a task is shared by up to DASK_MOST_PER_TASK documents; a short
    run keeps four tasks or more a thread, so that none idles while another ends a long task."""
    jobs = [Job(f"r{n}", f"r{n}.yaml", (f"r{n}.pdf",)) for n in range(1000)]
    many = tasks(jobs, threads=2, most=DASK_MOST_PER_TASK)
    assert [len(task) for task in many] == [DASK_MOST_PER_TASK] * (1000 // DASK_MOST_PER_TASK)
    assert [job for task in many for job in task] == jobs  # each once, in order
    assert [len(task) for task in tasks(jobs[:20], threads=2, most=4)] == [2] * 10
    assert [len(task) for task in tasks(jobs[:7], threads=2, most=4)] == [1] * 7
    assert [len(task) for task in tasks(jobs[:300], threads=64, most=4)] == [1] * 300
    assert tasks(jobs, threads=2, most=1) == [(job,) for job in jobs]  # a thread pool's, or an executor of one's own


class _EndsItsWorker:
    """Unpickled in a pool's worker, ends it at once, as the kernel's out-of-memory killer does."""

    def __reduce__(self) -> tuple[object, tuple[int]]:
        return os._exit, (9,)


@pytest.mark.slow
def test_a_worker_that_dies_fails_only_its_own_document_and_the_run_goes_on(tmp_path: Path) -> None:
    """A pool's worker that dies takes the pool and the documents in hand with it: each of those
    is made again on its own, and only the one that ends its worker each time fails; a new pool
    makes the rest (the run stopped with BrokenProcessPool, and the documents in hand with the
    culprit failed with it)."""
    jobs = [replace(job, name=f"{job.name}{n}") for n in range(4) for job in _jobs(tmp_path)]
    jobs = [replace(job, outputs=(str(tmp_path / "out" / f"{job.name}.docx"),)) for job in jobs]
    fatal = Read(_EndsItsWorker(), _EndsItsWorker())  # type: ignore[arg-type]
    jobs.insert(5, replace(jobs[5], name="fatal", outputs=(str(tmp_path / "out" / "fatal.docx"),), read=fatal))
    outcomes = run(jobs, workers=2)
    failed = [o for o in outcomes if o.failed]
    assert [(o.name, o.stage) for o in failed] == [("fatal", "内部错误")]
    assert "BrokenProcessPool" in (failed[0].message or "")
    assert all((tmp_path / "out" / f"{job.name}.docx").is_file() for job in jobs if job.name != "fatal")
    assert not (tmp_path / "out" / "fatal.docx").exists()


def test_a_task_whose_worker_died_fails_only_the_document_that_killed_it(tmp_path: Path) -> None:
    """Dask hands out a few documents a task (its own retries spent, a task whose worker died
    fails whole): its documents are handed out again one a task, and only the one that killed
    its worker each time fails; the others are written."""
    jobs = [replace(job, name=f"{job.name}{n}") for n in range(3) for job in _jobs(tmp_path)]
    jobs = [replace(job, outputs=(str(tmp_path / "out" / f"{job.name}.docx"),)) for job in jobs]
    handed: list[tuple[str, ...]] = []

    def dying(task: Sequence[Job]) -> list[Outcome]:
        handed.append(tuple(job.name for job in task))
        if any(job.name == "b1" for job in task):
            raise OSError("the worker died")  # as distributed's KilledWorker comes to the client
        return run_jobs(task)

    with ThreadPoolExecutor(2) as pool:
        on = Workers(pool, dying, threads=1, most_per_task=3)
        outcomes: dict[str, Outcome] = {}
        _run_on(on, jobs, outcomes, Quiet())
    assert sorted(name for name, o in outcomes.items() if o.failed) == ["b1"]
    assert outcomes["b1"].stage == "内部错误" and "OSError" in (outcomes["b1"].message or "")
    assert all((tmp_path / "out" / f"{job.name}.docx").is_file() for job in jobs if job.name != "b1")
    first = [tuple(job.name for job in task) for task in tasks(jobs, 1, 3)]
    [with_it] = [task for task in first if "b1" in task]
    assert len(with_it) > 1 and sorted(handed[: len(first)]) == sorted(first)
    assert sorted(handed[len(first) :]) == [(name,) for name in sorted(with_it)]


def test_load_manifest_gives_leaves_then_roll_ups(organisation: Path) -> None:
    jobs = load_manifest(organisation / "batch.yaml")
    names = [job.name for job in jobs]
    assert names.index("city/east/2024Q3") < names.index("city/2024Q3")
    assert all(not job.sources for job in jobs[:4])


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.startswith("civreport ")


@pytest.mark.slow
def test_a_worker_past_the_memory_limit_is_retired_without_hanging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every worker passes a limit of 1 MB with its first document: the pool is replaced once
    the documents in hand are made (three a pool: one each and one spare), and the run goes on;
    max_tasks_per_child would deadlock here (CPython gh-115634)."""
    from civreport.batch import runner

    pools: list[object] = []

    def counted(workers: int) -> object:
        pools.append(process_pool(workers))
        return pools[-1]

    monkeypatch.setattr(runner, "process_pool", counted)
    jobs = _jobs(tmp_path) + [
        Job(f"{j.name}2", j.input, (j.outputs[0].replace(".docx", "2.docx"),)) for j in _jobs(tmp_path)
    ]
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the batch hung"))
    signal.alarm(120)
    try:
        outcomes = run(jobs, workers=2, worker_memory=1)
    finally:
        signal.alarm(0)
    assert len(outcomes) == 6 and all(o.written for o in outcomes)
    assert len(pools) == 2
    assert all(o.written for o in run(jobs, workers=2, force=True))
    assert len(pools) == 3  # under the default limit, the six documents take one pool


def interrupted(tmp_path: Path, count: int, *options: str) -> tuple[int, subprocess.CompletedProcess[str]]:
    """A batch of ``count`` documents on two workers (``options`` may name the executor),
    Ctrl-C once the first is made: how many
    were made then, and the run. The run cannot end before the signal: the first document is a
    report of 1,300,000 characters (some 2,000 pages of PDF, a minute's work or more), and its
    worker is still at it when the other has made its small one. (A named pipe held it once;
    civreport now refuses a pipe as an input instead of waiting on it.)"""
    units = [f"u{n:02d}" for n in range(count)]
    long = (
        unit_input(units[0])
        + "closing:\n"
        + "".join(f"  - {'我区扎实推进各项创建工作。' * 1000}\n" for _ in range(100))
    )
    (tmp_path / f"{units[0]}.yaml").write_text(long, encoding="utf-8")
    for unit in units[1:]:
        (tmp_path / f"{unit}.yaml").write_text(unit_input(unit), encoding="utf-8")
    (tmp_path / "batch.yaml").write_text(
        'periods: [2024Q3]\nout: out\nto: [pdf]\ninputs: "{unit}.yaml"\nunits:\n'
        + "".join(f"  - {{unit: {unit}}}\n" for unit in units),
        encoding="utf-8",
    )
    command = ["civreport", "batch", str(tmp_path / "batch.yaml"), "--jobs", "2", *options]
    process = subprocess.Popen(
        command, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert process.stderr is not None
    # Should the run never say a document is made, it is ended, and the test fails, not hangs.
    hung = threading.Timer(600, os.killpg, (process.pid, signal.SIGKILL))
    hung.start()
    said = [process.stderr.readline()]
    while said[-1] and not said[-1].startswith(f"[1/{count}]"):  # a document made: the progress says so
        said.append(process.stderr.readline())
    hung.cancel()
    assert said[-1].endswith("：完成\n"), said
    os.killpg(process.pid, signal.SIGSTOP)  # the run held still while its documents are counted
    made = len(list((tmp_path / "out").glob("*/2024Q3.pdf")))
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the whole process group
    os.killpg(process.pid, signal.SIGCONT)
    _, err = process.communicate(timeout=300)
    (tmp_path / "u00.yaml").write_text(unit_input("u00"), encoding="utf-8")
    return made, subprocess.CompletedProcess(command, process.returncode, "", "".join(said) + err)


@pytest.mark.slow
def test_ctrl_c_stops_a_pool_run_at_once_and_leaves_only_whole_files(tmp_path: Path) -> None:
    before, run = interrupted(tmp_path, 20)
    assert run.returncode == 130 and "已中断" in run.stderr and "Traceback" not in run.stderr, run.stderr
    made = list((tmp_path / "out").glob("*/2024Q3.pdf"))
    # At most the document the other worker had in hand: none starts after the signal, not even
    # those already queued for the workers.
    assert 1 <= before <= len(made) <= before + 1, (before, made)
    assert not list((tmp_path / "out").rglob("*.tmp"))
    assert all(p.read_bytes().startswith(b"%PDF") and b"%%EOF" in p.read_bytes()[-1024:] for p in made)
    rerun = civreport_cli("batch", "batch.yaml", "--jobs", "2", cwd=tmp_path)
    assert rerun.returncode == 0 and len(list((tmp_path / "out").glob("*/2024Q3.pdf"))) == 20


@pytest.mark.slow
def test_ctrl_c_stops_a_dask_run_at_once(dask_cluster: tuple[str, Path], tmp_path: Path) -> None:
    """As a pool run stops: the documents in hand on the cluster stop (the long one would keep
    its worker a minute or more), those queued never start, every file written is whole. (The
    cluster goes on while the run is held still, and a small document may be finishing as the
    stop reaches its worker: what the run left is counted once no worker thread is busy.)"""
    address, _ = dask_cluster
    _, run = interrupted(tmp_path, 20, "--executor", address)
    assert run.returncode == 130 and "已中断" in run.stderr and "Traceback" not in run.stderr, run.stderr
    with distributed.Client(address.replace("dask://", "tcp://"), timeout=30) as client:
        # A lambda: the workers cannot import this module, cloudpickle sends it whole.
        busy_threads = lambda dask_worker: len(dask_worker.active_threads)  # noqa: E731
        deadline = time.monotonic() + 30
        while any(client.run(busy_threads).values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(client.run(busy_threads).values())
    # Once no thread is busy, nothing more can be written: what the run left.
    made = sorted((tmp_path / "out").glob("*/2024Q3.pdf"))
    assert 1 <= len(made) < 20, made
    assert not (tmp_path / "out" / "u00" / "2024Q3.pdf").exists()
    assert not list((tmp_path / "out").rglob("*.tmp"))
    assert all(p.read_bytes().startswith(b"%PDF") and b"%%EOF" in p.read_bytes()[-1024:] for p in made)


@pytest.mark.slow
def test_ctrl_c_with_a_worker_between_documents_prints_no_traceback(tmp_path: Path) -> None:
    """The other worker has made the only other document and waits for the next: Ctrl-C reaches
    it there, in the pool's own code."""
    before, run = interrupted(tmp_path, 2)
    assert run.returncode == 130 and before == 1, run.stderr
    assert (
        run.stderr.splitlines()[-1] == "已中断：已写好的文件完整保留，没写完的一个也没有留下"
        and "Traceback" not in run.stderr
    )


def test_each_thread_job_reports_its_own_diagnostics_and_no_others(tmp_path: Path) -> None:
    """Diagnostics travel with their document, not through Python's process-wide warnings:
    24 documents on 8 threads, each with a warning of its own (a control character dropped
    from a title in its own words)."""
    jobs = []
    for n in range(24):
        source = tmp_path / f"r{n:02d}.yaml"
        source.write_text(YAML.replace("- title: 强化组织领导", f'- title: "第{n}号\\a条目"'), encoding="utf-8")
        jobs.append(Job(str(source), str(source), (str(tmp_path / "out" / f"r{n:02d}.docx"),)))
    outcomes = run(jobs, executor="thread", workers=8)
    for n, outcome in enumerate(outcomes):
        assert outcome.written, outcome.message
        dropped = [str(d) for d in outcome.diagnostics if "无法打印" in str(d)]
        assert dropped == [f"字段 measures[0].items[0].title：已删除无法打印的字符 U+0007（“第{n}号条目”）"], (
            n,
            dropped,
        )


@pytest.mark.parametrize("engine", ["weasyprint", "typst"])
@pytest.mark.parametrize("jobs", [["--jobs", "1"], ["--jobs", "2"], ["--jobs", "2", "--worker-memory", "1"]])
def test_no_font_copies_are_left_in_the_temporary_folder(tmp_path: Path, jobs: list[str], engine: str) -> None:
    """WeasyPrint copies the fonts (30 MB of CJK) into a temporary folder it removes only when
    its configuration is collected, and the Typst writer links them into one; a render, in one
    process or in workers, leaves none, nor does a worker retired past the memory limit (it
    ends normally: its finalizers run)."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    samples = [str(s) for s in SAMPLES[:2]]
    done = subprocess.run(
        [
            "civreport",
            "render",
            *samples,
            "--to",
            "pdf",
            "--pdf-engine",
            engine,
            "--out",
            str(tmp_path / "out"),
            *jobs,
            "-q",
        ],
        env={**cli_env(), "TMPDIR": str(temp)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 2
    assert list(temp.iterdir()) == []
