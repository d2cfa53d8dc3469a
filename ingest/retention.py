"""Remove what customers wrote and their contact details after the retention period.

    python -m ingest.retention --dry-run [--database-url URL]   # say what would go; write nothing
    python -m ingest.retention --apply [--database-url URL]     # do it, in one transaction

The period is the one an administrator set on the admin page (*Personal data*);
what goes and what stays is described in :mod:`queries.retention`. Run
``--apply`` daily (cron or a timer), so that rows imported late are handled too.
Exit codes: 0 done (or nothing to do), 1 the database cannot be reached, 2 no
retention period is set.
"""

from __future__ import annotations

import argparse
import sys

from queries import retention


def describe(plan: retention.Plan, done: bool) -> list[str]:
    """The lines the command prints (the admin page shows the same figures)."""
    verb = "Anonymised" if done else "Would anonymise"
    return [
        f"Retention period: {plan.months} months; responses received before "
        f"{plan.cutoff:%Y-%m-%d %H:%M} UTC are anonymised.",
        f"{verb} {plan.responses:,} responses: {plan.comments:,} comments removed, "
        f"{plan.attributes:,} personal attributes deleted, the notes of {plan.cases:,} follow-up cases cleared.",
        f"Held back until their follow-up case is closed: {plan.held_back:,} responses.",
        "Scores, dates and case timings stay; measures and trends are unchanged." if done
        else "Dry run: nothing written.",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.retention",
                                     description="Anonymise responses older than the retention period.")
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--dry-run", action="store_true", help="say what would be anonymised; write nothing")
    what.add_argument("--apply", action="store_true", help="anonymise, in one transaction, with an audit event")
    parser.add_argument("--database-url", help="target database (default: configured)")
    args = parser.parse_args(argv)
    from queries.db import DatabaseUnavailable, prepare

    try:
        engine = prepare(args.database_url)
    except DatabaseUnavailable as error:
        print(f"Cannot reach the database: {error}", file=sys.stderr)
        return 1
    try:
        plan = retention.apply(engine, None) if args.apply else retention.plan(engine)
    except retention.RetentionError as error:
        print(f"Nothing done: {error}.", file=sys.stderr)
        return 2
    print("\n".join(describe(plan, done=args.apply)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
