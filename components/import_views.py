"""The import tabs of the admin page: upload an export, check what was detected,
map its columns, see every problem by row and column, then import or cancel;
and the import history with one-click rollback.

Admins import for every unit and may create missing units and touchpoints;
managers import for the units in their scope only and roll back their own
imports. The page calls the same functions as ``python -m ingest.load`` and
shows the same report text. The file is read and checked in a worker process
with memory and time limits (``load.open_file``, ``load.check_file``), never in
the server process.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import streamlit as st

from components import data, privacy_views, table_cards
from components.i18n import current_language, day, markdown_safe, number, t
from components.shell import Page, rerun_fragment
from ingest import files, load
from ingest.files import ImportProblem
from ingest.mapping import FIELDS, REQUIRED, Mapping
from ingest.suggest import SAMPLE_ROWS, Reason, Suggestion, explain
from ingest.values import CSAT_SCALES
from queries import import_mappings
from queries.units import touchpoints

SHOWN_PROBLEMS = 500
DELIMITERS = {",": "imp_delimiter_comma", ";": "imp_delimiter_semicolon", "\t": "imp_delimiter_tab"}


def problem_text(problem: ImportProblem) -> str:
    """A problem with the whole file or the mapping, in the reader's language, as
    Markdown-safe text (it names columns, sheets and parts from the file)."""
    key = f"imp_code_{problem.code}"
    params = {name: _figure(value) for name, value in problem.params.items()}
    try:
        text = t(key, **params)
    except (KeyError, IndexError, ValueError):
        text = problem.message
    return markdown_safe(text)


def _figure(value):
    """A number of a problem as the reader writes it (Babel); anything else as it is."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return number(value, 0 if float(value).is_integer() else 1)


def _row_problem(code: str, message: str) -> str:
    """A problem of one row: the importer's own words in English, ours in Swedish."""
    return message if current_language() == "en" else t(f"imp_code_{code}")


def _size(size: int) -> str:
    return f"{number(size / 1_000_000, 1)} MB" if size >= 100_000 else f"{number(size / 1000, 1)} kB"


# --- import ------------------------------------------------------------------------------------

def import_tab(page: Page) -> None:
    """Upload, detection, preview, mapping, check, and import or cancel."""
    account = page.account
    st.caption(t("imp_intro"))
    allowed = None
    if account.role == "manager":
        allowed = frozenset(page.scope.unit_ids)
        names = _unit_names(page)
        st.info(t("imp_manager_scope", units=markdown_safe(", ".join(names.get(unit, str(unit)) for unit in sorted(allowed)
                                                                      if unit in names))), icon=":material/info:")
    limit_mb = st.get_option("server.maxUploadSize")  # Streamlit refuses larger uploads before reading them
    upload = st.file_uploader(t("imp_file", mb=limit_mb), type=["csv", "tsv", "txt", "xlsx", "xls"], key="imp_upload")
    done = st.session_state.get("imp_done")
    if done:
        st.success(done, icon=":material/check_circle:")
    if upload is None:
        return
    data = upload.getvalue()
    file_key = hashlib.sha256(data).hexdigest()[:16]
    opened = _open(data, upload.name, file_key, limit_mb * 1024 * 1024)
    if opened is None:
        return
    source, preview = opened
    _detected(source, file_key)
    st.markdown(f"**{t('imp_preview')}**")
    table_cards.table(preview.head(10).drop(columns=[files.ROW], errors="ignore"), key="import_preview", hide_index=True, width="stretch")
    try:
        mapping = _mapping_form(page, source, preview, file_key, may_create=account.role == "admin")
    except ImportProblem as problem:  # the suggestion reads the first rows: their bytes may not decode
        _unreadable(source.file_name, problem, file_key)
        return
    if mapping is not None:
        report = _in_worker(lambda tell: load.check_file(page.engine, data, source, mapping, allowed_unit_ids=allowed,
                                                         progress=tell), "imp_checking",
                            lambda problem: _unreadable(source.file_name, problem, file_key))
        if report is not None:
            st.session_state["imp_report"] = (file_key, mapping.to_yaml(), report)
            st.session_state.pop("imp_done", None)
    checked = st.session_state.get("imp_report")
    if checked and checked[0] == file_key:
        _report(page, data, source, Mapping.from_yaml(checked[1]), checked[2], allowed)
        _save_mapping(page, checked[1], file_key)


def _in_worker(work, label: str, unreadable=None):
    """``work(progress)`` with a progress bar; None after saying why it failed
    (a limit of the worker that reads the file, or a write conflict; a file whose
    bytes do not decode goes to ``unreadable``, which offers an encoding that does)."""
    bar = st.progress(0.0, text=t(label))
    try:
        return work(lambda fraction, _stage: bar.progress(min(max(fraction or 0, 0), 1), text=t(label)))
    except ImportProblem as problem:
        bar.empty()
        if unreadable is not None and problem.code == "encoding_error":
            unreadable(problem)
        else:
            st.error(t("imp_failed", message=problem_text(problem)), icon=":material/error:")
        return None
    finally:
        bar.empty()


def _unit_names(page: Page) -> dict[int, str]:
    units = data.units_in_scope(page)
    return dict(zip(units["id"].astype(int), units["name"]))


def _open(data: bytes, name: str, file_key: str, max_bytes: int):
    """The uploaded file opened with the chosen encoding and sheet, and its first
    rows, or None after saying what is wrong with it. Read once in a worker per
    choice, not on every rerun."""
    encoding = st.session_state.get(f"imp_encoding_{file_key}")
    sheet = st.session_state.get(f"imp_sheet_{file_key}")
    key = (file_key, encoding, sheet)
    kept = st.session_state.get("imp_opened")
    if kept and kept[0] == key:
        return kept[1]
    try:
        opened = load.open_file(data, name, encoding=encoding, sheet=sheet, max_bytes=max_bytes,
                                preview_rows=SAMPLE_ROWS)
    except ImportProblem as problem:
        _unreadable(name, problem, file_key)
        return None
    st.session_state["imp_opened"] = (key, opened)
    return opened


def _unreadable(name: str, problem: ImportProblem, file_key: str) -> None:
    """Why the file cannot be read; for an encoding that fails, a button to read it
    in the one that decodes the whole file."""
    st.error(f"{markdown_safe(name)}: {problem_text(problem)}", icon=":material/error:")
    suggestion = problem.params.get("suggestion")
    if problem.code == "encoding_error" and suggestion:
        def choose() -> None:
            st.session_state[f"imp_encoding_{file_key}"] = suggestion
            st.session_state.pop("imp_report", None)
        st.button(t("imp_read_as", encoding=suggestion), on_click=choose, type="primary",
                  icon=":material/translate:", key=f"imp_read_as_{file_key}")


def _detected(source, file_key: str) -> None:
    """What was detected, with a choice where it could be wrong."""
    if source.kind == "xlsx":
        st.markdown(t("imp_detected_xlsx", file=markdown_safe(source.file_name), size=_size(source.size_bytes),
                      sheet=markdown_safe(source.sheet)))
        if len(source.sheets) > 1:
            st.selectbox(t("imp_sheet"), source.sheets, index=source.sheets.index(source.sheet),
                         key=f"imp_sheet_{file_key}", width=320)
    else:
        st.markdown(t("imp_detected", file=markdown_safe(source.file_name), kind="CSV", size=_size(source.size_bytes),
                      encoding=source.encoding, delimiter=t(DELIMITERS[source.delimiter]),
                      rows=t("imp_row_note_csv")))
        if not source.encoding_certain:
            st.warning(t("imp_encoding_unsure"), icon=":material/translate:")
            st.selectbox(t("imp_encoding"), source.encoding_candidates, key=f"imp_encoding_{file_key}", width=320)
    if source.header_changes:
        st.caption(t("imp_header_changes", changes=markdown_safe("; ".join(
            f"{position}: {original!r} → {new!r}" for position, original, new in source.header_changes))))


def _suggestion(source, preview, file_key: str) -> Suggestion:
    """The suggested mapping from the names and the first rows' values (read once a
    file and encoding, by the worker that opened it)."""
    key = f"imp_suggestion_{file_key}_{source.encoding}_{source.sheet}"
    if key not in st.session_state:
        st.session_state[key] = explain(source.columns, preview)
    return st.session_state[key]


def _base_mapping(page: Page, source, preview, file_key: str) -> tuple[Mapping, Suggestion | None]:
    """The mapping the form starts from: a saved one, an uploaded YAML, or the
    suggestion (then returned too, with its reasons)."""
    saved = import_mappings.saved_mappings(page.engine)
    left, right = st.columns(2)
    chosen = left.selectbox(t("imp_saved_mapping"), [None, *saved], key=f"imp_saved_{file_key}",
                            format_func=lambda name: t("imp_no_saved_mapping") if name is None else name)
    uploaded = right.file_uploader(t("imp_mapping_file"), type=["yaml", "yml"], key=f"imp_yaml_{file_key}")
    text = uploaded.getvalue().decode("utf-8", errors="replace") if uploaded else saved.get(chosen)
    if text:
        try:
            return Mapping.from_yaml(text).for_columns(source.columns), None
        except ImportProblem as problem:
            st.error(problem_text(problem), icon=":material/error:")
    suggestion = _suggestion(source, preview, file_key)
    return suggestion.mapping, suggestion


def _reason_text(reason: Reason) -> str:
    """A suggestion's reason in the reader's language (column names from the file, escaped)."""
    params = {}
    for name, value in reason.params.items():
        if name in ("share", "empty"):
            params[name] = f"{number(100 * value)} %"
        elif name == "other":
            params[name] = t(f"imp_field_{value}")
        elif isinstance(value, float) and name in ("low", "high"):
            params[name] = number(value, 0 if value == round(value) else 1)
        else:
            params[name] = number(value)
    said = t(f"imp_why_{reason.code}", **params)
    field = t(f"imp_field_{reason.field}")
    column = markdown_safe(reason.column)
    return (t("imp_why_chosen", field=field, column=column, why=said) if reason.chosen
            else t("imp_why_passed", field=field, column=column, why=said))


def _reasons(suggestion: Suggestion | None) -> None:
    if suggestion is None or not suggestion.reasons:
        return
    with st.expander(t("imp_why_title"), expanded=True, icon=":material/lightbulb:"):
        st.markdown("\n".join(f"- {_reason_text(reason)}" for reason in suggestion.reasons))


def _mapping_form(page: Page, source, preview, file_key: str, may_create: bool) -> Mapping | None:
    """The mapping form; returns the mapping when the user asks for a check."""
    st.subheader(t("imp_mapping_title"))
    st.caption(t("imp_mapping_caption"))
    base, suggestion = _base_mapping(page, source, preview, file_key)
    _reasons(suggestion)
    columns = list(source.columns)
    points = touchpoints(page.engine)
    point_names = dict(zip(points["key"], points[f"name_{page.language}"]))
    units = data.units_in_scope(page)  # active ones only
    unit_names = sorted(units.loc[units["kind"] == "unit", "name"])
    key = f"{file_key}_{hashlib.sha256(base.to_yaml().encode()).hexdigest()[:8]}"
    with st.form(f"imp_form_{key}"):
        chosen = {}
        grid = st.columns(3)
        for position, name in enumerate(FIELDS):
            label = t(f"imp_field_{name}")
            label = t("imp_required", label=label) if name in REQUIRED else label
            options = [None, *columns]
            current = base.fields.get(name)
            chosen[name] = grid[position % 3].selectbox(
                label, options, index=options.index(current) if current in options else 0,
                format_func=lambda column: t("imp_not_in_file") if column is None else column,
                key=f"imp_field_{name}_{key}")
        st.markdown(f"**{t('imp_whole_file')}**")
        st.caption(t("imp_whole_file_caption"))
        left, middle, right = st.columns(3)
        default_unit = _pick_or_type(left, t("imp_default_unit"), unit_names, base.default_unit,
                                     may_create, f"imp_unit_{key}")
        default_date = middle.date_input(t("imp_default_date"), value=_as_date(base.default_date),
                                         format="YYYY-MM-DD", key=f"imp_date_{key}")
        touchpoint_options = [None, *point_names]
        default_touchpoint = right.selectbox(
            t("imp_default_touchpoint"), touchpoint_options,
            index=touchpoint_options.index(base.default_touchpoint) if base.default_touchpoint in point_names else 0,
            format_func=lambda key_: t("imp_no_default") if key_ is None else point_names.get(key_, key_),
            accept_new_options=may_create, help=t("imp_type_new") if may_create else None,
            key=f"imp_touchpoint_{key}")
        left, middle, right = st.columns(3)
        default_channel = left.text_input(t("imp_default_channel"), base.default_channel, max_chars=40,
                                          key=f"imp_channel_{key}")
        languages = [None, "sv", "en"]
        default_language = middle.selectbox(
            t("imp_default_language"), languages,
            index=languages.index(base.default_language) if base.default_language in languages else 0,
            format_func=lambda code: t("imp_no_default") if code is None else t(f"imp_language_{code}"),
            key=f"imp_language_{key}")
        source_name = right.text_input(t("imp_source"), base.source, max_chars=80, key=f"imp_source_{key}")
        st.markdown(f"**{t('imp_reading')}**")
        left, right = st.columns(2)
        csat_scale = left.selectbox(t("imp_csat_scale"), list(CSAT_SCALES),
                                    index=list(CSAT_SCALES).index(base.csat_scale),
                                    format_func=lambda scale: t(f"imp_scale_{scale}"), key=f"imp_csat_{key}")
        orders = [None, True, False]
        day_first = right.selectbox(t("imp_day_first"), orders, index=orders.index(base.day_first),
                                    format_func=lambda order: t({None: "imp_order_auto", True: "imp_order_day",
                                                                 False: "imp_order_month"}[order]),
                                    key=f"imp_order_{key}")
        left, right = st.columns(2)
        ignored = left.multiselect(t("imp_ignored"), columns, default=[c for c in base.ignored if c in columns],
                                   placeholder=t("imp_ignored_none"), key=f"imp_ignored_{key}")
        named = right.multiselect(t("imp_segments_named"), columns,
                                  default=[c for c in base.segments if c in columns], help=t("imp_segments_help"),
                                  placeholder=t("imp_segments_none"), key=f"imp_named_{key}")
        keep_comments = st.checkbox(t("imp_keep_comments"), base.keep_comments, key=f"imp_keep_{key}")
        create_missing = st.checkbox(t("imp_create_missing"), base.create_missing and may_create,
                                     disabled=not may_create, key=f"imp_create_{key}")
        if not st.form_submit_button(t("imp_check"), type="primary", icon=":material/fact_check:"):
            return None
    used = {column for column in chosen.values() if column}
    try:
        return Mapping(fields=chosen, attributes=[c for c in columns if c not in used and c not in ignored],
                       ignored=ignored, segments=[c for c in named if c not in used and c not in ignored],
                       day_first=day_first, csat_scale=csat_scale, source=source_name.strip() or "import",
                       default_unit=default_unit, default_date=default_date.isoformat() if default_date else None,
                       default_touchpoint=default_touchpoint, default_channel=default_channel.strip() or "import",
                       default_language=default_language, time_zone=base.time_zone,
                       create_missing=bool(create_missing and may_create), keep_comments=bool(keep_comments))
    except ImportProblem as problem:
        st.error(problem_text(problem), icon=":material/error:")
        return None


def _pick_or_type(column, label: str, names: list[str], current: str | None, may_create: bool, key: str):
    """A name from the list or, for whoever may create units, a new one typed in."""
    options = [None, *names] + ([current] if current and current not in names else [])
    return column.selectbox(label, options, index=options.index(current) if current in options else 0,
                            format_func=lambda name: t("imp_no_default") if name is None else name,
                            accept_new_options=may_create, help=t("imp_type_new") if may_create else None,
                            key=key)


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _report(page: Page, data: bytes, source, mapping: Mapping, report: load.Report, allowed) -> None:
    """Counts, what blocks the file, problems by kind and by row, and the choice."""
    st.subheader(t("imp_check"))
    if report.blocking:
        st.error(t("imp_blocked") + "\n\n" + "\n\n".join(f"- {problem_text(problem)}" for problem in report.blocking),
                 icon=":material/block:")
        _report_text(report)
        return
    for note in report.notes:
        st.warning(problem_text(note), icon=":material/content_cut:")
    metrics = st.columns(5)
    for column, (label, value) in zip(metrics, [
            ("imp_rows_read", report.rows_read), ("imp_accepted", report.accepted),
            ("imp_rejected", report.rejected), ("imp_already", report.already_imported),
            ("imp_duplicates", report.duplicate_in_file)]):
        column.metric(t(label), number(value))
    privacy_views.import_notice(report.personal_data)
    created = [name for names in report.to_create.values() for name in names]
    if created:
        st.info(t("imp_to_create", names=markdown_safe(", ".join(created))), icon=":material/add_circle:")
    if report.unknown_units:
        st.warning(t("imp_unknown_units", names=markdown_safe(", ".join(report.unknown_units))),
                   icon=":material/help:")
    if report.unknown_touchpoints and not mapping.create_missing:
        st.warning(t("imp_unknown_touchpoints", names=markdown_safe(", ".join(report.unknown_touchpoints))),
                   icon=":material/help:")
    if report.scores_with_comment:
        if mapping.keep_comments:
            st.info(t("imp_kept", n=number(report.scores_with_comment),
                      rows=", ".join(map(str, report.kept_rows))), icon=":material/chat:")
        else:
            st.warning(t("imp_not_kept", n=number(report.scores_with_comment)), icon=":material/chat:")
    if report.problem_counts:
        _problems(report)
    segments_table(report.segments)
    _report_text(report)
    left, right, _ = st.columns([2, 1, 3])
    if report.accepted and left.button(t("imp_go", n=number(report.accepted)), type="primary",
                                       icon=":material/upload:", key="imp_go"):
        _import(page, data, source, mapping, allowed)
    if not report.accepted:
        st.info(t("imp_nothing_to_import"))
    if right.button(t("imp_cancel"), key="imp_cancel"):
        st.session_state.pop("imp_report", None)
        rerun_fragment()


def _problems(report: load.Report) -> None:
    summary = report.summary()
    st.markdown(f"**{t('imp_summary')}**")
    table_cards.table(pd.DataFrame({"problem": [_row_problem(row.code, row.message) for row in summary.itertuples()],
                                    "count": summary["count"]}),
                      key="import_problems", hide_index=True, width="stretch",
                      column_config={"problem": t("imp_col_problem"), "count": t("imp_col_count")})
    shown = report.problems.head(SHOWN_PROBLEMS)
    st.markdown(f"**{t('imp_problems', n=number(len(shown)))}**")
    table_cards.table(pd.DataFrame({"row": shown["row"], "column": shown["column"], "value": shown["value"],
                                    "problem": [_row_problem(code, message)
                                                for code, message in zip(shown["code"], shown["message"])]}),
                      key="import_problem_rows", hide_index=True, width="stretch",
                      column_config={"row": t("imp_col_row"), "column": t("imp_col_column"),
                                     "value": t("imp_col_value"), "problem": t("imp_col_problem")})
    st.download_button(t("imp_problems_csv"), report.problems_csv(), file_name="import-problems.csv",
                       mime="text/csv", icon=":material/download:", key="imp_problems_csv")


def segment_reason(reason: str, enabled: bool) -> str:
    """Why a column is (not) compared as a segment, in the reader's language."""
    said = t(f"imp_segment_{reason}")
    return t("imp_segment_admin_on" if enabled else "imp_segment_admin_off") if reason == "admin" else said


def segments_table(decisions) -> None:
    """Which of the other columns pages will compare as segments, and why each is or is not."""
    if not decisions:
        st.caption(t("imp_no_attributes"))
        return
    st.markdown(f"**{t('imp_segments_title')}**")
    st.caption(t("imp_segments_caption"))
    table_cards.table(pd.DataFrame({
        "column": [decision.column for decision in decisions],
        "compared": [decision.enabled for decision in decisions],
        "values": [f"> {number(decision.distinct)}" if decision.more else number(decision.distinct)
                        for decision in decisions],
        "why": [segment_reason(decision.reason, decision.enabled) for decision in decisions],
    }), key="import_segments", hide_index=True, width="stretch",
        column_config={"column": t("imp_col_column"),
                            "compared": st.column_config.CheckboxColumn(t("imp_seg_compared"), width="small"),
                            "values": st.column_config.TextColumn(t("imp_seg_values"), width="small"),
                            "why": st.column_config.TextColumn(t("imp_seg_why"), width="large")})


def _report_text(report: load.Report) -> None:
    """The command line's report, word for word."""
    with st.expander("python -m ingest.load"):
        st.code("\n".join(load.report_lines(report)), language=None)


def _import(page: Page, data: bytes, source, mapping: Mapping, allowed) -> None:
    report = _in_worker(lambda tell: load.check_file(page.engine, data, source, mapping, dry_run=False,
                                                     user_id=page.account.id, allowed_unit_ids=allowed,
                                                     progress=tell), "imp_importing")
    if report is None:
        return
    st.cache_data.clear()  # every page shows the new data at once (the data version changed too)
    st.session_state.pop("imp_report", None)
    st.session_state["imp_done"] = "\n\n".join(part for part in [
        " ".join([
            t("imp_done", n=number(report.written), batch=report.batch_id),
            t("imp_done_themes", tagged=number(report.comments_tagged), comments=number(report.comments_written)),
            t("imp_done_defaults", n=report.themes_created, earlier=number(report.earlier_comments_tagged))
            if report.themes_created else "",
            t("imp_done_cases", n=number(report.follow_ups_opened), days=report.follow_up_window)
            if report.follow_ups_opened else t("imp_done_no_cases"),
            t("imp_done_too_old", n=number(report.follow_ups_too_old), days=report.follow_up_window,
              newest=day(report.follow_ups_newest_old.date())) if report.follow_ups_too_old else ""]).strip(),
        *(problem_text(note) for note in report.notes)] if part)
    st.rerun()


def _save_mapping(page: Page, yaml_text: str, file_key: str) -> None:
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    name = left.text_input(t("imp_save_mapping"), key=f"imp_mapping_name_{file_key}", max_chars=60)
    if middle.button(t("imp_save_mapping_button"), key=f"imp_mapping_save_{file_key}"):
        try:
            saved = import_mappings.save_mapping(page.engine, page.account, name, yaml_text)
        except ValueError:
            st.error(t("imp_mapping_name_bad"))
        else:
            st.success(t("imp_mapping_saved", name=markdown_safe(saved)))
    right.download_button(t("imp_mapping_yaml"), yaml_text.encode("utf-8"), file_name="mapping.yaml",
                          mime="application/x-yaml", key=f"imp_mapping_yaml_{file_key}")


# --- history -----------------------------------------------------------------------------------

def history_tab(page: Page) -> None:
    """Every import (a manager: their own), and rolling one back."""
    st.caption(t("imp_history_caption"))
    rolled = st.session_state.pop("imp_rolled", None)
    if rolled:
        st.success(rolled, icon=":material/undo:")
    batches = data.import_history(page)
    batches = batches[batches["source"] != "demo"]
    if page.account.role != "admin":
        batches = batches[batches["created_by_id"] == page.account.id]
        st.caption(t("imp_rollback_own_only"))
    if batches.empty:
        st.info(t("imp_history_empty"))
        return
    table_cards.table(batches.drop(columns=["created_by_id"]), key="import_batches", hide_index=True, width="stretch",
                      column_config={"id": "#", "created_at": st.column_config.DatetimeColumn(t("imp_col_when"),
                                                                                               format="YYYY-MM-DD HH:mm"),
                                     "source": t("imp_col_source"), "file_name": t("imp_col_file"),
                                     "created_by": t("imp_col_by"), "rows_accepted": t("imp_col_accepted"),
                                     "rows_rejected": t("imp_col_rejected"),
                                     "rolled_back_at": st.column_config.DatetimeColumn(t("imp_col_rolled_back"),
                                                                                       format="YYYY-MM-DD HH:mm"),
                                     "responses": t("imp_col_present")})
    live = batches[batches["rolled_back_at"].isna()]
    if live.empty:
        return
    labels = {int(row.id): f"{row.id} · {row.file_name or row.source} · {number(row.responses)}"
              for row in live.itertuples()}
    chosen = st.selectbox(t("imp_rollback_pick"), list(labels), format_func=lambda b: labels.get(b, str(b)),
                          key="imp_rollback_batch", width=480)
    responses = int(live.loc[live["id"] == chosen, "responses"].iloc[0])
    sure = st.checkbox(t("imp_rollback_confirm", n=number(responses), batch=chosen), key=f"imp_sure_{chosen}")
    if st.button(t("imp_rollback"), type="primary", disabled=not sure, icon=":material/undo:", key="imp_rollback"):
        try:
            result = load.rollback(page.engine, chosen, user_id=page.account.id)
        except ImportProblem as problem:
            st.error(problem_text(problem), icon=":material/error:")
            return
        st.cache_data.clear()
        st.session_state["imp_rolled"] = t("imp_rolled_back", batch=chosen, n=number(result["responses_deleted"]))
        st.rerun()
