"""A job wrapper for the worker's tests that imports nothing itself (beyond ``sys``), so
that what a job imports in its child can be told from what the zygote had loaded."""

import sys

PROJECT = ("analysis", "components", "ingest", "queries")


def imports_of(function, *args, progress) -> list[str]:
    """Run the job ``function(*args)`` as the worker would and list the modules it had to
    import: the project's own, and those of packages the zygote had not loaded at all."""
    loaded = set(sys.modules)
    packages = {name.split(".")[0] for name in loaded}
    function(*args, progress=progress)
    return sorted(name for name in set(sys.modules) - loaded
                  if name.split(".")[0] not in packages or name.split(".")[0] in PROJECT)
