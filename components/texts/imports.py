"""Texts of the import and import-history tabs (merged into components.i18n.TEXTS).

``imp_code_<code>`` is the Swedish wording of every problem code of
``ingest.load.CODES``: with the code's own placeholders for problems with the
whole file or the mapping, and without placeholders for problems of one row
(the row's column and value stand beside it). English uses the importer's own
messages.
"""

from ingest.load import ALL_MESSAGES

TEXTS: dict[str, dict[str, str]] = {
    "imports_tab_import": {"sv": "Importera", "en": "Import"},
    "imports_tab_history": {"sv": "Importhistorik", "en": "Import history"},
    "imp_intro": {
        "sv": "Läs in en export från en enkät, en recensionssajt eller ett CRM (CSV eller Excel). Du ser först "
              "vad som skulle läsas in och varför rader avvisas; inget skrivs förrän du väljer att importera.",
        "en": "Load an export from a survey tool, a review site or a CRM (CSV or Excel). You first see what "
              "would be imported and why rows are rejected; nothing is written until you choose to import.",
    },
    "imp_manager_scope": {
        "sv": "Som chef kan du importera svar för dina enheter: {units}.",
        "en": "As a manager you can import responses for your units: {units}.",
    },
    "imp_file": {"sv": "Fil (CSV, TSV eller XLSX, högst {mb} MB)", "en": "File (CSV, TSV or XLSX, at most {mb} MB)"},
    "imp_detected": {
        "sv": "**{file}**: {kind}, {size}. Teckenkodning: {encoding}. Avgränsare: {delimiter}. {rows}",
        "en": "**{file}**: {kind}, {size}. Encoding: {encoding}. Delimiter: {delimiter}. {rows}",
    },
    "imp_detected_xlsx": {"sv": "**{file}**: Excel-arbetsbok, {size}. Blad: {sheet}.",
                          "en": "**{file}**: Excel workbook, {size}. Sheet: {sheet}."},
    "imp_delimiter_comma": {"sv": "komma", "en": "comma"},
    "imp_delimiter_semicolon": {"sv": "semikolon", "en": "semicolon"},
    "imp_delimiter_tab": {"sv": "tabb", "en": "tab"},
    "imp_encoding_unsure": {
        "sv": "Teckenkodningen går inte att avgöra säkert. Titta på förhandsvisningen: står å, ä och ö rätt? "
              "Välj annars en annan kodning.",
        "en": "The encoding cannot be told for certain. Look at the preview: do å, ä and ö read right? "
              "Otherwise choose another encoding.",
    },
    "imp_encoding": {"sv": "Teckenkodning", "en": "Encoding"},
    "imp_sheet": {"sv": "Blad", "en": "Sheet"},
    "imp_header_changes": {"sv": "Kolumnnamn som justerades: {changes}", "en": "Column names adjusted: {changes}"},
    "imp_preview": {"sv": "De första raderna", "en": "The first rows"},
    "imp_mapping_title": {"sv": "Vilken kolumn är vad?", "en": "Which column is what?"},
    "imp_mapping_caption": {
        "sv": "Förslagen kommer från kolumnnamnen. Kolumner som inte används till något fält sparas som "
              "segment (t.ex. produkt eller ordervärde) om du inte väljer att hoppa över dem.",
        "en": "The suggestions come from the column names. Columns not used for a field are kept as segments "
              "(such as product or order value) unless you choose to skip them.",
    },
    "imp_saved_mapping": {"sv": "Sparad mappning", "en": "Saved mapping"},
    "imp_no_saved_mapping": {"sv": "– föreslå från kolumnnamnen –", "en": "– suggest from the column names –"},
    "imp_mapping_file": {"sv": "…eller läs in en mappning (YAML)", "en": "…or load a mapping (YAML)"},
    "imp_not_in_file": {"sv": "– finns inte i filen –", "en": "– not in the file –"},
    "imp_field_external_id": {"sv": "Id (gör om-import säker)", "en": "Id (makes re-imports safe)"},
    "imp_field_responded_at": {"sv": "Datum", "en": "Date"},
    "imp_field_unit": {"sv": "Enhet", "en": "Unit"},
    "imp_field_touchpoint": {"sv": "Kontaktpunkt", "en": "Touchpoint"},
    "imp_field_channel": {"sv": "Kanal", "en": "Channel"},
    "imp_field_nps": {"sv": "NPS (0–10)", "en": "NPS (0–10)"},
    "imp_field_csat": {"sv": "Nöjdhet (1–5)", "en": "Satisfaction (1–5)"},
    "imp_field_comment": {"sv": "Kommentar", "en": "Comment"},
    "imp_field_language": {"sv": "Språk", "en": "Language"},
    "imp_required": {"sv": "{label} (krävs)", "en": "{label} (required)"},
    "imp_nps_scale": {"sv": "Skala för NPS-kolumnen", "en": "Scale of the NPS column"},
    "imp_csat_scale": {"sv": "Skala för nöjdhetskolumnen", "en": "Scale of the satisfaction column"},
    "imp_scale_0-10": {"sv": "0–10", "en": "0–10"},
    "imp_scale_1-10": {"sv": "1–10 (betyg)", "en": "1–10 (rating)"},
    "imp_scale_1-5": {"sv": "1–5", "en": "1–5"},
    "imp_scale_stars": {"sv": "1–5 stjärnor", "en": "1–5 stars"},
    "imp_default_touchpoint": {"sv": "Kontaktpunkt för rader utan", "en": "Touchpoint for rows without one"},
    "imp_no_default": {"sv": "– ingen –", "en": "– none –"},
    "imp_default_channel": {"sv": "Kanal för rader utan", "en": "Channel for rows without one"},
    "imp_source": {"sv": "Källa (samma namn varje gång för samma sorts fil)",
                   "en": "Source (the same name each time for the same kind of file)"},
    "imp_day_first": {"sv": "Datumens ordning", "en": "Order of the dates"},
    "imp_order_auto": {"sv": "avgör från kolumnen", "en": "decide from the column"},
    "imp_order_day": {"sv": "dag först (31/03/2025)", "en": "day first (31/03/2025)"},
    "imp_order_month": {"sv": "månad först (03/31/2025)", "en": "month first (03/31/2025)"},
    "imp_ignored": {"sv": "Kolumner att hoppa över", "en": "Columns to skip"},
    "imp_ignored_none": {"sv": "inga", "en": "none"},
    "imp_attributes": {"sv": "Sparas som segment: {columns}", "en": "Kept as segments: {columns}"},
    "imp_no_attributes": {"sv": "Inga kolumner sparas som segment.", "en": "No columns are kept as segments."},
    "imp_create_missing": {"sv": "Skapa enheter och kontaktpunkter som saknas",
                           "en": "Create units and touchpoints that are missing"},
    "imp_check": {"sv": "Kontrollera filen", "en": "Check the file"},
    "imp_checking": {"sv": "Kontrollerar raderna…", "en": "Checking the rows…"},
    "imp_importing": {"sv": "Importerar…", "en": "Importing…"},
    "imp_blocked": {"sv": "Filen kan inte importeras så här:", "en": "The file cannot be imported like this:"},
    "imp_rows_read": {"sv": "Lästa rader", "en": "Rows read"},
    "imp_accepted": {"sv": "Godkända", "en": "Accepted"},
    "imp_rejected": {"sv": "Avvisade", "en": "Rejected"},
    "imp_already": {"sv": "Redan importerade", "en": "Already imported"},
    "imp_duplicates": {"sv": "Dubbletter i filen", "en": "Duplicates in the file"},
    "imp_to_create": {"sv": "Skapas vid import: {names}", "en": "Created on import: {names}"},
    "imp_unknown_units": {"sv": "Okända enheter: {names}", "en": "Unknown units: {names}"},
    "imp_unknown_touchpoints": {"sv": "Okända kontaktpunkter: {names}", "en": "Unknown touchpoints: {names}"},
    "imp_summary": {"sv": "Problem per sort", "en": "Problems by kind"},
    "imp_problems": {"sv": "Problem rad för rad (de första {n})", "en": "Problems row by row (the first {n})"},
    "imp_problems_csv": {"sv": "Ladda ner alla problem (CSV)", "en": "Download every problem (CSV)"},
    "imp_col_row": {"sv": "Rad", "en": "Row"},
    "imp_col_column": {"sv": "Kolumn", "en": "Column"},
    "imp_col_value": {"sv": "Värde", "en": "Value"},
    "imp_col_problem": {"sv": "Problem", "en": "Problem"},
    "imp_col_count": {"sv": "Antal", "en": "Count"},
    "imp_row_note_csv": {"sv": "Rad 1 är rubrikraden; radnummer räknar poster, som i Excel.",
                         "en": "Row 1 is the header; row numbers count records, as in Excel."},
    "imp_go": {"sv": "Importera {n} godkända rader", "en": "Import the {n} accepted rows"},
    "imp_cancel": {"sv": "Avbryt", "en": "Cancel"},
    "imp_nothing_to_import": {"sv": "Inga nya rader att importera.", "en": "No new rows to import."},
    "imp_done": {
        "sv": "Importerade {n} svar som import {batch}. {cases} nya uppföljningsärenden. Alla sidor visar dem nu.",
        "en": "Imported {n} responses as import {batch}. {cases} new follow-up cases. Every page shows them now.",
    },
    "imp_failed": {"sv": "Importen misslyckades och ingenting skrevs: {message}",
                   "en": "The import failed and nothing was written: {message}"},
    "imp_save_mapping": {"sv": "Spara mappningen som", "en": "Save the mapping as"},
    "imp_save_mapping_button": {"sv": "Spara mappningen", "en": "Save the mapping"},
    "imp_mapping_saved": {"sv": "Mappningen {name} är sparad.", "en": "The mapping {name} is saved."},
    "imp_mapping_name_bad": {"sv": "Ge mappningen ett namn på 1–60 tecken.", "en": "Give the mapping a name of 1–60 characters."},
    "imp_mapping_yaml": {"sv": "Ladda ner mappningen (YAML)", "en": "Download the mapping (YAML)"},
    # history
    "imp_history_caption": {
        "sv": "Varje import kan rullas tillbaka: dess svar, teman, ärenden och dagsiffror tas bort i ett svep.",
        "en": "Every import can be rolled back: its responses, themes, cases and daily counts go in one step.",
    },
    "imp_history_empty": {"sv": "Inga importer ännu.", "en": "No imports yet."},
    "imp_col_when": {"sv": "När", "en": "When"},
    "imp_col_file": {"sv": "Fil", "en": "File"},
    "imp_col_source": {"sv": "Källa", "en": "Source"},
    "imp_col_by": {"sv": "Av", "en": "By"},
    "imp_col_accepted": {"sv": "Godkända", "en": "Accepted"},
    "imp_col_rejected": {"sv": "Avvisade", "en": "Rejected"},
    "imp_col_present": {"sv": "Svar kvar", "en": "Responses present"},
    "imp_col_rolled_back": {"sv": "Tillbakarullad", "en": "Rolled back"},
    "imp_rollback_pick": {"sv": "Import att rulla tillbaka", "en": "Import to roll back"},
    "imp_rollback_confirm": {"sv": "Ja, ta bort de {n} svaren från import {batch}",
                             "en": "Yes, remove the {n} responses of import {batch}"},
    "imp_rollback": {"sv": "Rulla tillbaka", "en": "Roll back"},
    "imp_rolled_back": {"sv": "Import {batch} är tillbakarullad: {n} svar borttagna.",
                        "en": "Import {batch} is rolled back: {n} responses removed."},
    "imp_rollback_own_only": {"sv": "Du kan rulla tillbaka dina egna importer.",
                              "en": "You can roll back your own imports."},
    # problems (Swedish; English uses the importer's messages)
    "imp_code_file_too_large": {"sv": "Filen är {size:,} byte; högst {limit:,} byte kan importeras."},
    "imp_code_empty_file": {"sv": "Filen är tom."},
    "imp_code_no_header": {"sv": "Filen har ingen rubrikrad med kolumnnamn."},
    "imp_code_no_data_rows": {"sv": "Filen har en rubrikrad men inga datarader."},
    "imp_code_binary_file": {"sv": "Det här är ingen texttabell. Exportera som CSV eller Excel-arbetsbok (.xlsx)."},
    "imp_code_invalid_xlsx": {"sv": "Filen heter {file_name!r} men är ingen Excel-arbetsbok som går att läsa."},
    "imp_code_xls_not_supported": {"sv": "Gamla Excel-filer (.xls) går inte att läsa: spara som .xlsx eller CSV."},
    "imp_code_unknown_sheet": {"sv": "Arbetsboken har inget blad som heter {sheet!r}; bladen är: {sheets}."},
    "imp_code_no_sheets": {"sv": "Arbetsboken har inga blad."},
    "imp_code_empty_sheet": {"sv": "Bladet {sheet!r} är tomt."},
    "imp_code_unknown_encoding": {"sv": "{encoding!r} är ingen känd teckenkodning."},
    "imp_code_bad_delimiter": {"sv": "Avgränsaren måste vara komma, semikolon eller tabb, inte {delimiter!r}."},
    "imp_code_encoding_error": {
        "sv": "Filen är inte giltig {encoding} vid byte {offset:,} (rad {line:,}), fast början är det. Välj "
              "teckenkodning (t.ex. cp1252 för Windows-1252) och läs igen."},
    "imp_code_too_many_fields": {"sv": "Raden har fler värden än rubrikraden har kolumner (en avgränsare "
                                       "i ett värde utan citattecken?).",
        "en": "The row has more values than the header has columns (a delimiter inside a value without quotes?)."},
    "imp_code_field_required": {"sv": "Välj kolumnen för {label}: den krävs."},
    "imp_code_no_feedback_field": {"sv": "Välj en kolumn för minst en av NPS, nöjdhet och kommentar."},
    "imp_code_touchpoint_unmapped": {"sv": "Välj kolumnen för kontaktpunkt, eller en kontaktpunkt för alla rader."},
    "imp_code_column_not_in_file": {"sv": "{label} är kopplad till kolumnen {column!r}, som filen inte har."},
    "imp_code_column_mapped_twice": {"sv": "Kolumnen {column!r} är kopplad till både {labels}."},
    "imp_code_mapping_unreadable": {"sv": "Mappningen är inte läsbar YAML: {reason}"},
    "imp_code_mapping_unknown_key": {"sv": "Mappningen har en inställning som importen inte känner till: {key!r} "
                                           "(kända: {known})."},
    "imp_code_mapping_unknown_field": {"sv": "Mappningen har ett fält som importen inte känner till: {key!r} "
                                             "(kända: {known})."},
    "imp_code_mapping_invalid_value": {"sv": "Mappningens {key!r} kan inte vara {value!r}: {expected}."},
    "imp_code_missing_value": {"sv": "Värdet krävs men är tomt.",
        "en": "The value is required but empty."},
    "imp_code_invalid_date": {"sv": "Inget datum som går att läsa (t.ex. 2025-03-31, 31/03/2025 eller "
                                    "2025-03-31T14:05Z).",
        "en": "Not a date this import can read (e.g. 2025-03-31, 31/03/2025 or 2025-03-31T14:05Z)."},
    "imp_code_date_order_conflict": {"sv": "Dag och månad står i omvänd ordning mot resten av kolumnen.",
        "en": "Day and month are the other way round from the rest of the column."},
    "imp_code_score_not_a_number": {"sv": "Betyget är inget tal.",
        "en": "The score is not a number."},
    "imp_code_score_not_whole": {"sv": "Betyget måste vara ett heltal.",
        "en": "The score must be a whole number."},
    "imp_code_score_out_of_range": {"sv": "Betyget ligger utanför skalan.",
        "en": "The score is outside the scale."},
    "imp_code_score_wrong_scale": {"sv": "Betyget är angivet på en annan skala.",
        "en": "The score is given on another scale."},
    "imp_code_external_id_scientific": {"sv": "Id:t står i grundpotensform (Excel har avrundat det) och "
                                              "identifierar inte längre svaret: formatera kolumnen som text i källan."},
    "imp_code_external_id_too_long": {"sv": "Id:t är för långt.",
        "en": "The id is too long."},
    "imp_code_value_too_long": {"sv": "Värdet är för långt.",
        "en": "The value is too long."},
    "imp_code_invalid_language": {"sv": "Ingen språkkod eller språknamn (t.ex. sv, en, svenska)."},
    "imp_code_unknown_unit": {"sv": "Det finns ingen enhet med det namnet (lägg till den först, eller importera "
                                    "med ”skapa som saknas”)."},
    "imp_code_unit_not_importable": {"sv": "Det här är en region eller en inaktiv enhet; svar hör till en aktiv enhet."},
    "imp_code_unit_out_of_scope": {"sv": "Du får inte importera svar för den här enheten."},
    "imp_code_unknown_touchpoint": {"sv": "Det finns ingen kontaktpunkt med den nyckeln eller det namnet.",
        "en": "There is no touchpoint with this key or name."},
    "imp_code_no_feedback": {"sv": "Raden har varken betyg eller kommentar."},
    "imp_code_date_out_of_range": {"sv": "Datumet ligger före 1990 eller i framtiden."},
    "imp_code_duplicate_in_file": {"sv": "Samma svar som en tidigare rad i filen (samma id, eller samma innehåll "
                                         "när id saknas).",
        "en": "The same response as an earlier row of the file (same id, or the same content when there is no id column)."},
    "imp_code_date_order_ambiguous": {"sv": "Några datum kan läsas både som dag/månad och månad/dag (som 03/04/2025) "
                                            "och inget datum i kolumnen avgör: välj om dagen eller månaden kommer först."},
    "imp_code_unknown_batch": {"sv": "Det finns ingen import {batch_id}."},
    "imp_code_already_rolled_back": {"sv": "Import {batch_id} är redan tillbakarullad."},
    "imp_code_demo_batch": {"sv": "Demodata är ingen import och kan inte rullas tillbaka."},
    "imp_code_write_conflict": {"sv": "Databasen ändrades under importen; ingenting skrevs. Kontrollera filen "
                                      "igen och försök på nytt."},
    "imp_code_xlsx_too_many_entries": {"sv": "Arbetsboken består av {entries:,} delar; högst {limit:,} kan läsas "
                                             "(en riktig export har några dussin)."},
    "imp_code_xlsx_too_large": {"sv": "Arbetsbokens del {entry!r} packas upp till {size:,} byte; högst {limit:,} "
                                      "byte kan läsas."},
    "imp_code_xlsx_total_too_large": {"sv": "Arbetsboken packas upp till {size:,} byte; högst {limit:,} byte kan "
                                            "läsas."},
    "imp_code_xlsx_ratio": {"sv": "Arbetsbokens del {entry!r} packas upp till {ratio:,} gånger sin packade "
                                  "storlek; högst {limit:,} gånger läses (mer är kännetecknet för en zip-bomb)."},
    "imp_code_duplicate_header": {"sv": "Rubrikraden (rad {row}) har {name!r} i {count} kolumner: {columns}. "
                                        "Koppla var och en av dem ({names}) till ett fält, eller hoppa över den, så "
                                        "att det är klart vilken som är vilken."},
    "imp_code_file_memory_limit": {"sv": "Att läsa filen krävde mer än {memory_mb:,} MB minne, gränsen för en fil "
                                         "(INSIKT_FILE_MEMORY_MB); ingenting importerades. Dela upp filen, eller "
                                         "kontrollera att det är rätt export."},
    "imp_code_file_time_limit": {"sv": "Att läsa filen tog längre tid än {seconds:,g} sekunder, gränsen för en fil "
                                       "(INSIKT_FILE_SECONDS); ingenting importerades. Dela upp filen i mindre filer."},
    "imp_code_file_worker_failed": {"sv": "Processen som läste filen stannade oväntat (slutkod {exit_code}), troligen "
                                          "för att filen krävde mer än de {memory_mb:,} MB minne en fil får använda; "
                                          "ingenting importerades."},
    "imp_code_comment_truncated": {"sv": "Kommentarer längre än {limit:,} tecken kortades till den längden: "
                                         "{count:,} (rad {rows})."},
    "imp_code_theme_timeout": {"sv": "Temat {theme!r} sattes inte på {skipped:,} av de nya kommentarerna: dess mönster "
                                     "{pattern!r} tog längre tid än {seconds} s på en kommentar. Rätta mönstret på "
                                     "administrationssidan; när det sparas taggas alla kommentarer om."},
}

# English: the importer's own messages, with the same placeholders (the one-row codes above
# have a shorter wording of their own, since the row's column and value stand beside them).
for _code, _message in ALL_MESSAGES.items():
    TEXTS[f"imp_code_{_code}"].setdefault("en", _message)
