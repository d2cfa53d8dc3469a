"""Insikt's temporary files, all in one folder, owned by the process that made them.

Importing keeps an uploaded file and its checked rows (customers' comments) in
temporary files while it works. They live in one folder — ``INSIKT_TEMP_DIR``,
else ``insikt-<uid>`` in the system's temporary folder, readable by this user
only — and are named ``insikt-<pid>-<kind>-<random><suffix>`` after the process
that owns them. The owner removes them when it is done, whether it succeeded or
failed (:func:`scratch_file`); :func:`remove_leftovers`, run when the app or the
import command starts, removes those of processes that are gone (killed
mid-import) and any older than :data:`MAX_AGE`.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "insikt-"
MAX_AGE = 24 * 3600  # seconds: no import runs this long, so such a file is a leftover


def directory() -> Path:
    """The folder of Insikt's temporary files, made (mode 700) when missing.

    Refuses a folder that is a symbolic link or belongs to another user, since
    the files hold customers' comments."""
    configured = os.environ.get("INSIKT_TEMP_DIR")
    folder = Path(configured) if configured else Path(tempfile.gettempdir()) / f"{PREFIX}{os.getuid()}"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise RuntimeError(f"{folder} is not a folder of this user; set INSIKT_TEMP_DIR to one that is")
    if stat.S_IMODE(info.st_mode) & 0o077:
        folder.chmod(0o700)
    return folder


def new_path(kind: str, suffix: str = "") -> Path:
    """A fresh, not yet existing path for a temporary file of this process."""
    return directory() / f"{PREFIX}{os.getpid()}-{kind}-{secrets.token_hex(6)}{suffix}"


@contextmanager
def scratch_file(kind: str, suffix: str = "", data: bytes | None = None) -> Iterator[Path]:
    """A temporary file (holding ``data``, else not yet created) that is removed
    when the block ends, however it ends."""
    path = new_path(kind, suffix)
    try:
        if data is not None:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
        yield path
    finally:
        remove(path)


def remove(path: Path) -> None:
    """Remove a temporary file if it is there."""
    path.unlink(missing_ok=True)


def _owner(path: Path) -> int | None:
    """The process id in a temporary file's name, if it has one."""
    parts = path.name[len(PREFIX):].split("-", 1)
    return int(parts[0]) if path.name.startswith(PREFIX) and parts[0].isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a process of another user has this id
        return True
    return True


def remove_leftovers(now: float | None = None) -> list[Path]:
    """Remove the temporary files whose process is gone or that are older than
    :data:`MAX_AGE`; returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for path in directory().glob(f"{PREFIX}*"):
        owner = _owner(path)
        try:
            old = now - path.lstat().st_mtime > MAX_AGE
        except FileNotFoundError:  # its owner removed it meanwhile
            continue
        if owner is None or old or (owner != os.getpid() and not _alive(owner)):
            remove(path)
            removed.append(path)
    return removed
