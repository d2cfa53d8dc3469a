"""Reading files in a worker process with limits (ingest.worker), and the
temporary files of imports (ingest.scratch)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ingest import load, scratch, worker
from ingest.files import ImportProblem
from ingest.suggest import suggest
from tests.import_corpus import build
from tests.worker_probe import imports_of
from tests.test_import_load import sqlite_template  # noqa: F401 - a fixture


@pytest.fixture
def temp_dir(tmp_path, monkeypatch):
    """Insikt's temporary folder, empty, for this test alone."""
    folder = tmp_path / "insikt-tmp"
    monkeypatch.setenv("INSIKT_TEMP_DIR", str(folder))
    return folder


@pytest.fixture
def database_url(sqlite_template, tmp_path) -> str:  # noqa: F811 - the import tests' database, on SQLite
    path = tmp_path / "import.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


def dead_pid() -> int:
    """The id of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


# --- functions for the worker (importable by name) ---------------------------------------------

def report_progress(*, progress):
    progress(0.5, "half")
    return "done"


def sleep(seconds: float, *, progress):
    time.sleep(seconds)


def hoard(megabytes: int, *, progress):
    return len(bytearray(megabytes * 1024 * 1024))


def die(*, progress):
    os._exit(3)


def refuse(*, progress):
    raise ImportProblem("empty_file", "The file is empty.", {})


def where_and_what(name: str, *, progress):
    """The worker's parent and own pid, the environment variable ``name`` it sees, and
    whether the importer was there before the job (preloaded)."""
    return os.getppid(), os.getpid(), os.environ.get(name), "ingest.load" in sys.modules


# --- the worker --------------------------------------------------------------------------------

def test_the_worker_returns_the_result_and_reports_progress():
    seen = []
    assert worker.run(report_progress, progress=lambda fraction, stage: seen.append((fraction, stage))) == "done"
    assert seen == [(0.5, "half")]


def test_problems_and_errors_of_the_worker_are_raised_in_the_caller():
    with pytest.raises(ImportProblem) as raised:
        worker.run(refuse)
    assert raised.value.code == "empty_file"
    with pytest.raises(FileNotFoundError):
        load.open_file(Path("/no/such/export.csv"), "export.csv")


@pytest.mark.timeout(60)  # the job sleeps 30 s; the worker's 2 s limit must stop it well before
def test_the_time_limit_stops_the_worker_and_says_so():
    with pytest.raises(ImportProblem) as raised:
        worker.run(sleep, 30, limits=worker.Limits(seconds=2))
    assert raised.value.code == "file_time_limit"
    assert "longer than 2 seconds" in raised.value.message and "INSIKT_FILE_SECONDS" in raised.value.message


def test_the_memory_limit_stops_the_worker_and_says_so():
    assert worker.run(hoard, 50, limits=worker.Limits(memory_mb=200)) == 50 * 1024 * 1024
    with pytest.raises(ImportProblem) as raised:
        worker.run(hoard, 400, limits=worker.Limits(memory_mb=200))
    assert raised.value.code == "file_memory_limit"
    assert "more than 200 MB" in raised.value.message and "INSIKT_FILE_MEMORY_MB" in raised.value.message


def test_a_worker_that_dies_is_reported():
    with pytest.raises(ImportProblem) as raised:
        worker.run(die)
    assert raised.value.code == "file_worker_failed" and raised.value.params["exit_code"] == 3


def test_jobs_are_forked_from_one_zygote_that_has_the_importer_loaded(monkeypatch):
    """Each job runs in a child of its own, forked from the caller's one zygote (not a new
    interpreter: about a second each before), with the caller's environment of the moment."""
    monkeypatch.setenv("INSIKT_WORKER_PROBE", "first")
    zygote, first, seen, preloaded = worker.run(where_and_what, "INSIKT_WORKER_PROBE")
    assert (seen, preloaded) == ("first", True)
    monkeypatch.setenv("INSIKT_WORKER_PROBE", "second")
    again, second, seen, _ = worker.run(where_and_what, "INSIKT_WORKER_PROBE")
    assert (again, seen) == (zygote, "second") and second != first
    assert zygote not in (os.getpid(), first, second)
    assert zygote == worker._ZYGOTE._process.pid


@pytest.mark.parametrize(("case", "options"), [("semicolon", {}), ("swedish_xlsx", {"sheet": "Svar"})])
def test_opening_and_checking_a_file_import_nothing_the_zygote_has_not_loaded(database_url, tmp_path, case, options):
    """A file's jobs start from what the zygote loaded once: neither the open nor the check
    imports a module of the project or a package of its own. A check's child imported
    SciPy, Alembic, openpyxl and 1,000 other modules again, about a second per file."""
    name, data = build(case)
    path = tmp_path / name
    path.write_bytes(data)
    assert worker.run(imports_of, load._open_job, str(path), name, options, 20) == []
    source, _preview = load.open_file(path, name, **options)
    with scratch.scratch_file("import", ".sqlite") as spool:
        assert worker.run(imports_of, load._check_job, database_url, str(path), source, suggest(source.columns),
                          str(spool), True, datetime.now(timezone.utc), None) == []


def test_a_zygote_that_died_is_replaced(monkeypatch):
    zygote, *_ = worker.run(where_and_what, "HOME")
    os.kill(zygote, 9)
    worker._ZYGOTE._process.wait()
    replaced, *_ = worker.run(where_and_what, "HOME")
    assert replaced != zygote


def test_the_zygote_ends_with_its_caller():
    caller = subprocess.run(
        [sys.executable, "-c", "from ingest import worker; from tests.test_import_worker import where_and_what;"
                               "print(worker.run(where_and_what, 'HOME')[0])"],
        cwd=worker.ROOT, capture_output=True, text=True, check=True, timeout=60)
    zygote = int(caller.stdout)
    for _ in range(50):
        if not Path(f"/proc/{zygote}").exists() or "Z" in Path(f"/proc/{zygote}/stat").read_text().split()[2]:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the zygote {zygote} outlived its caller")


def test_the_limits_are_configured_by_environment(monkeypatch):
    monkeypatch.setenv("INSIKT_FILE_MEMORY_MB", "900")
    monkeypatch.setenv("INSIKT_FILE_SECONDS", "45")
    assert worker.Limits.configured() == worker.Limits(memory_mb=900, seconds=45)


# --- temporary files ---------------------------------------------------------------------------

def test_temporary_files_live_in_one_private_folder_named_for_their_process(temp_dir):
    with scratch.scratch_file("upload", ".csv", b"a;b\n") as path:
        assert path.parent == temp_dir and path.read_bytes() == b"a;b\n"
        assert path.name.startswith(f"insikt-{os.getpid()}-upload-")
        assert stat.S_IMODE(temp_dir.stat().st_mode) == 0o700 and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not path.exists()


def test_leftovers_of_ended_processes_and_old_files_are_removed(temp_dir):
    temp_dir.mkdir(mode=0o700)
    gone = temp_dir / f"insikt-{dead_pid()}-import-abc.sqlite"
    mine = temp_dir / f"insikt-{os.getpid()}-import-def.sqlite"
    old = temp_dir / f"insikt-{os.getppid()}-upload-ghi.csv"
    for path in (gone, mine, old):
        path.write_bytes(b"comments")
    os.utime(old, (time.time() - scratch.MAX_AGE - 60,) * 2)
    assert sorted(scratch.remove_leftovers()) == sorted([gone, old])
    assert [path.name for path in temp_dir.iterdir()] == [mine.name]


def test_the_folder_of_another_user_or_a_link_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere"
    target.mkdir()
    (tmp_path / "link").symlink_to(target)
    monkeypatch.setenv("INSIKT_TEMP_DIR", str(tmp_path / "link"))
    with pytest.raises(RuntimeError, match="not a folder of this user"):
        scratch.directory()


@pytest.mark.parametrize("dry_run", [True, False])
def test_an_import_in_the_worker_leaves_no_temporary_file(temp_dir, database_url, dry_run):
    from queries.db import engine_for

    name, data = build("semicolon")
    source, preview = load.open_file(data, name)
    assert len(preview) == 6
    report = load.check_file(engine_for(database_url), data, source, suggest(source.columns), dry_run=dry_run)
    assert report.accepted == 6 and report.written == (0 if dry_run else 6)
    assert list(temp_dir.iterdir()) == []


def test_checked_rows_removed_from_the_disk_are_refused_not_written_as_nothing(temp_dir, database_url):
    """The checked rows wait in a spool file between the check and the write. Removed
    meanwhile (a cleaner of temporary folders; seen with the clock moved 60 days on, when
    another process's sweep took it for a day-old leftover), the write opened a new, empty
    spool and reported success with nothing written. Now it says so and writes nothing."""
    from sqlalchemy import func, select

    from ingest.files import open_source
    from queries.db import engine_for
    from queries.schema import ImportBatch, Response

    engine = engine_for(database_url)
    name, data = build("semicolon")
    source = open_source(data, name)

    def stored():
        with engine.connect() as connection:
            return (connection.execute(select(func.count()).select_from(Response)).scalar(),
                    connection.execute(select(func.count()).select_from(ImportBatch)).scalar())

    before = stored()
    with scratch.scratch_file("import", ".sqlite") as spool:
        report = load.check_into(engine, source, suggest(source.columns), spool, dry_run=False)
        assert report.accepted == 6
        spool.unlink()
        with pytest.raises(ImportProblem) as raised:
            load.write_checked(engine, report, spool)
    assert raised.value.code == "checked_rows_gone"
    assert "(0 of 6: removed from the disk meanwhile); nothing was written" in str(raised.value)
    assert stored() == before


def test_a_failed_import_leaves_no_temporary_file(temp_dir, database_url):
    from queries.db import engine_for

    name, data = build("semicolon")
    source, _preview = load.open_file(data, name)
    with pytest.raises(ImportProblem) as raised:
        load.check_file(engine_for(database_url), data, source, suggest(source.columns),
                        limits=worker.Limits(seconds=0.01))
    assert raised.value.code == "file_time_limit"
    assert list(temp_dir.iterdir()) == []


def test_the_command_line_removes_leftovers_when_it_starts(temp_dir, database_url, tmp_path, capsys):
    temp_dir.mkdir(mode=0o700)
    leftover = temp_dir / f"insikt-{dead_pid()}-import-abc.sqlite"
    leftover.write_bytes(b"comments of a killed import")
    name, data = build("semicolon")
    (tmp_path / name).write_bytes(data)
    assert load.main([str(tmp_path / name), "--dry-run", "--database-url", database_url]) == 0
    assert "Rows read: 6; accepted: 6" in capsys.readouterr().out
    assert list(temp_dir.iterdir()) == []
