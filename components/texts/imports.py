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
        "sv": "Förslagen kommer från kolumnernas namn och värden. Kolumner som inte används till något fält "
              "sparas med varje svar om du inte hoppar över dem; de som har några få värden med tillräckligt "
              "många svar vardera (t.ex. produkt eller kundtyp) jämförs som segment.",
        "en": "The suggestions come from the columns' names and values. Columns not used for a field are kept "
              "with each response unless you skip them; those with a few values with enough responses each "
              "(such as product or customer type) are compared as segments.",
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
    "imp_field_scale10": {"sv": "Betyg 1–10", "en": "Rating 1–10"},
    "imp_field_sentiment": {"sv": "Sentiment (positiv/neutral/negativ)", "en": "Sentiment (positive/neutral/negative)"},
    "imp_field_comment": {"sv": "Kommentar", "en": "Comment"},
    "imp_field_language": {"sv": "Språk", "en": "Language"},
    "imp_required": {"sv": "{label} (krävs)", "en": "{label} (required)"},
    "imp_csat_scale": {"sv": "Skala för nöjdhetskolumnen", "en": "Scale of the satisfaction column"},
    "imp_scale_1-5": {"sv": "1–5", "en": "1–5"},
    "imp_scale_stars": {"sv": "1–5 stjärnor", "en": "1–5 stars"},
    "imp_whole_file": {"sv": "För alla rader", "en": "For every row"},
    "imp_whole_file_caption": {
        "sv": "När filen saknar kolumnen, eller cellen är tom. Så går en fil utan datum- eller enhetskolumn att "
              "importera utan att ändra i den.",
        "en": "When the file has no such column, or the cell is empty. So a file without a date or unit column "
              "imports without editing it.",
    },
    "imp_default_unit": {"sv": "Enhet för rader utan", "en": "Unit for rows without one"},
    "imp_default_date": {"sv": "Datum för rader utan", "en": "Date for rows without one"},
    "imp_default_language": {"sv": "Språk för rader utan", "en": "Language for rows without one"},
    "imp_language_sv": {"sv": "svenska", "en": "Swedish"},
    "imp_language_en": {"sv": "engelska", "en": "English"},
    "imp_type_new": {"sv": "Välj i listan eller skriv ett nytt namn (skapas med ”Skapa som saknas”).",
                     "en": "Pick from the list or type a new name (created with “Create what is missing”)."},
    "imp_reading": {"sv": "Så läses filen", "en": "How the file is read"},
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
    "imp_no_attributes": {"sv": "Inga fler kolumner sparas med svaren.", "en": "No other columns are kept with the responses."},
    "imp_segments_named": {"sv": "Jämför alltid som segment", "en": "Always compare as segments"},
    "imp_segments_help": {
        "sv": "Annars avgör värdena: några få värden med tillräckligt många svar vardera. Datum, tal, fritext, "
              "webbadresser och id jämförs inte.",
        "en": "Otherwise the values decide: a few values with enough responses each. Dates, numbers, free text, "
              "web addresses and ids are not compared.",
    },
    "imp_segments_none": {"sv": "låt värdena avgöra", "en": "let the values decide"},
    "imp_keep_comments": {
        "sv": "Behåll kommentaren när betyget är ogiltigt (svaret sparas utan betyget)",
        "en": "Keep the comment when the score is invalid (the response is saved without the score)",
    },
    "imp_kept": {
        "sv": "{n} rader med ogiltigt betyg men med kommentar sparas som kommentarer utan betyg (rad {rows} …).",
        "en": "{n} rows with an invalid score but a comment are kept as comments without the score (rows {rows} …).",
    },
    "imp_not_kept": {
        "sv": "{n} rader har ogiltigt betyg men en kommentar och avvisas. Kryssa i ”Behåll kommentaren …” och "
              "kontrollera igen för att spara kommentarerna.",
        "en": "{n} rows have an invalid score but a comment and are rejected. Tick “Keep the comment …” and "
              "check again to keep the comments.",
    },
    "imp_read_as": {"sv": "Läs filen som {encoding}", "en": "Read the file as {encoding}"},
    # why the suggestions
    "imp_why_title": {"sv": "Varför de här förslagen", "en": "Why these suggestions"},
    "imp_why_chosen": {"sv": "**{field}** ← {column}: {why}", "en": "**{field}** ← {column}: {why}"},
    "imp_why_passed": {"sv": "{column} inte som **{field}**: {why}", "en": "{column} not as **{field}**: {why}"},
    "imp_why_named": {"sv": "namnet säger det", "en": "named so"},
    "imp_why_unique": {"sv": "namnet säger det; {distinct} olika värden på {filled} rader",
                       "en": "named so; {distinct} different values in {filled} rows"},
    "imp_why_dates": {"sv": "namnet säger det, och {share} av värdena är datum",
                      "en": "named so, and {share} of the values are dates"},
    "imp_why_unit_repeats": {"sv": "{distinct} olika värden som återkommer, cirka {per_value} rader vardera",
                             "en": "{distinct} distinct values, repeated: about {per_value} rows each"},
    "imp_why_labels": {"sv": "{distinct} olika värden", "en": "{distinct} distinct values"},
    "imp_why_longest_text": {"sv": "de längsta texterna, i snitt {length} tecken",
                             "en": "the longest texts, on average {length} characters"},
    "imp_why_stars": {"sv": "tal {low}–{high}: nöjdhet eller stjärnor 1–5",
                      "en": "numbers {low}–{high}: a 1–5 satisfaction or star rating"},
    "imp_why_scale10": {"sv": "tal {low}–{high} utan 0: ett betyg 1–10, inte NPS",
                        "en": "numbers {low}–{high} without 0: a 1–10 rating, not NPS"},
    "imp_why_nps": {"sv": "tal {low}–{high}: rekommendationsfrågan", "en": "numbers {low}–{high}: the recommendation question"},
    "imp_why_nps_named": {"sv": "namnet säger rekommendationsfrågan (NPS, 0–10)",
                          "en": "named for the recommendation question (NPS, 0–10)"},
    "imp_why_sentiment_labels": {"sv": "{share} av värdena är sentiment", "en": "{share} of the values are sentiment labels"},
    "imp_why_languages": {"sv": "{share} av värdena är språkkoder eller språknamn",
                          "en": "{share} of the values are language codes or names"},
    "imp_why_not_unique": {"sv": "värdena återkommer ({distinct} olika på {filled} rader)",
                           "en": "its values repeat ({distinct} distinct in {filled} rows)"},
    "imp_why_scientific": {"sv": "id:na står i grundpotensform (Excel har avrundat dem)",
                           "en": "the ids are in scientific notation (Excel rounded them)"},
    "imp_why_urls": {"sv": "värdena är webbadresser", "en": "its values are web addresses"},
    "imp_why_no_repeat": {"sv": "{distinct} olika värden på {filled} rader, knappt några återkommer",
                          "en": "{distinct} distinct values in {filled} rows, hardly repeated"},
    "imp_why_free_text": {"sv": "fritext ({distinct} olika värden)", "en": "free text ({distinct} distinct values)"},
    "imp_why_mostly_empty": {"sv": "{empty} av cellerna är tomma", "en": "{empty} of the cells are empty"},
    "imp_why_not_dates": {"sv": "bara {share} av värdena är datum", "en": "only {share} of the values are dates"},
    "imp_why_not_scores": {"sv": "värdena är inte tal från 0 till 10", "en": "its values are not numbers from 0 to 10"},
    "imp_why_not_labels": {"sv": "värdena är inte sentiment", "en": "its values are not sentiment labels"},
    "imp_why_shorter_text": {"sv": "kortare texter, i snitt {length} tecken", "en": "shorter texts, on average {length} characters"},
    "imp_why_taken": {"sv": "den används redan som {other}", "en": "it is used as {other} already"},
    # segments
    "imp_segments_title": {"sv": "Segment", "en": "Segments"},
    "imp_segments_caption": {
        "sv": "Kolumnerna som inte är fält sparas med varje svar. Sidorna jämför bara de markerade som segment; "
              "en administratör kan ändra det under fliken Segment.",
        "en": "The columns that are no field are kept with each response. Pages compare only the ticked ones as "
              "segments; an administrator can change that on the Segments tab.",
    },
    "imp_seg_compared": {"sv": "Jämförs", "en": "Compared"},
    "imp_seg_values": {"sv": "Olika värden", "en": "Distinct values"},
    "imp_seg_why": {"sv": "Varför", "en": "Why"},
    "imp_segment_mapping": {"sv": "mappningen anger det som segment", "en": "the mapping names it as a segment"},
    "imp_segment_few_values": {"sv": "några få värden, med tillräckligt många svar vardera",
                               "en": "a few values, with enough responses each"},
    "imp_segment_earlier_import": {"sv": "jämfördes redan innan segment valdes",
                                   "en": "compared already before segments were chosen"},
    "imp_segment_admin_on": {"sv": "påslaget av en administratör", "en": "switched on by an administrator"},
    "imp_segment_admin_off": {"sv": "avslaget av en administratör", "en": "switched off by an administrator"},
    "imp_segment_one_value": {"sv": "färre än två av värdena har tillräckligt många svar",
                              "en": "fewer than two of its values have enough responses"},
    "imp_segment_small_groups": {"sv": "för få svar för de flesta av värdena",
                                 "en": "too few responses for most of its values"},
    "imp_segment_too_many_values": {"sv": "för många olika värden (högst 30 jämförs)",
                                    "en": "too many different values (at most 30 are compared)"},
    "imp_segment_free_text": {"sv": "fritext", "en": "free text"},
    "imp_segment_id_like": {"sv": "nästan varje värde är unikt, som ett id", "en": "nearly every value differs, like an id"},
    "imp_segment_scientific": {"sv": "id i grundpotensform", "en": "ids in scientific notation"},
    "imp_segment_date": {"sv": "datum", "en": "dates"},
    "imp_segment_numeric": {"sv": "tal som varierar fritt", "en": "numbers that vary continuously"},
    "imp_segment_url": {"sv": "webbadresser", "en": "web addresses"},
    "imp_segment_mostly_empty": {"sv": "de flesta rader saknar värde", "en": "most rows have no value"},
    "imp_segment_same_as_unit": {"sv": "ett värde per enhet: samma sak som att jämföra enheter",
                                 "en": "one value per unit: the same as comparing units"},
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
        "sv": "Importerade {n} svar som import {batch}; alla sidor visar dem nu.",
        "en": "Imported {n} responses as import {batch}; every page shows them now.",
    },
    "imp_done_themes": {"sv": "{tagged} av {comments} nya kommentarer fick minst ett tema.",
                        "en": "{tagged} of the {comments} new comments have at least one theme."},
    "imp_done_defaults": {
        "sv": "Det fanns inga teman, så de {n} förvalda lades till (och {earlier} tidigare kommentarer taggades).",
        "en": "There were no themes, so the {n} default ones were added (and {earlier} earlier comments tagged).",
    },
    "imp_done_cases": {
        "sv": "{n} nya uppföljningsärenden för kritisk feedback från de senaste {days} dagarna; tiden räknas "
              "från när den kom in i Insikt.",
        "en": "{n} new follow-up cases for critical feedback from the last {days} days; their time counts from "
              "its arrival in Insikt.",
    },
    "imp_done_no_cases": {"sv": "Inga nya uppföljningsärenden.", "en": "No new follow-up cases."},
    "imp_done_too_old": {
        "sv": "{n} kritiska svar är äldre än reglernas {days} dagar (det senaste från {newest}) och ger inga ärenden: "
              "för sent att ringa upp.",
        "en": "{n} critical responses are older than the rules' {days} days (the newest from {newest}) and open no "
              "case: too late to call back.",
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
    "imp_code_file_too_large": {"sv": "Filen är {size} byte; högst {limit} byte kan importeras."},
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
        "sv": "Filen är inte giltig {encoding} vid byte {offset} (rad {line}), fast början är det. Hela "
              "filen går att läsa som {suggestion}: välj den teckenkodningen och läs igen."},
    "imp_code_too_many_fields": {"sv": "Raden har fler värden än rubrikraden har kolumner (en avgränsare "
                                       "i ett värde utan citattecken?).",
        "en": "The row has more values than the header has columns (a delimiter inside a value without quotes?)."},
    "imp_code_field_required": {"sv": "Välj kolumnen för {label}, eller ange ett värde för alla rader ({option}): "
                                      "den krävs."},
    "imp_code_no_feedback_field": {"sv": "Välj en kolumn för minst en av NPS, nöjdhet, betyg 1–10, sentiment och "
                                         "kommentar."},
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
    "imp_code_invalid_sentiment": {"sv": "Inget sentiment (positiv, neutral eller negativ; positive, neutral, "
                                         "negative; eller 1, 0, −1).",
                                   "en": "Not a sentiment label (positive, neutral or negative, or 1, 0, −1)."},
    "imp_code_date_out_of_range": {"sv": "Datumet ligger före 1990 eller i framtiden."},
    "imp_code_default_date_out_of_range": {"sv": "Datumet för alla rader, {value}, ligger före 1990 eller i framtiden."},
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
    "imp_code_checked_rows_gone": {"sv": "Filens kontrollerade rader fanns inte längre i den tillfälliga mappen "
                                         "({found} av {expected}: borttagna från disken under tiden); ingenting "
                                         "skrevs. Kontrollera filen igen och försök på nytt."},
    "imp_code_xlsx_too_many_entries": {"sv": "Arbetsboken består av {entries} delar; högst {limit} kan läsas "
                                             "(en riktig export har några dussin)."},
    "imp_code_xlsx_too_large": {"sv": "Arbetsbokens del {entry!r} packas upp till {size} byte; högst {limit} "
                                      "byte kan läsas."},
    "imp_code_xlsx_total_too_large": {"sv": "Arbetsboken packas upp till {size} byte; högst {limit} byte kan "
                                            "läsas."},
    "imp_code_xlsx_ratio": {"sv": "Arbetsbokens del {entry!r} packas upp till {ratio} gånger sin packade "
                                  "storlek; högst {limit} gånger läses (mer är kännetecknet för en zip-bomb)."},
    "imp_code_duplicate_header": {"sv": "Rubrikraden (rad {row}) har {name!r} i {count} kolumner: {columns}. "
                                        "Koppla var och en av dem ({names}) till ett fält, eller hoppa över den, så "
                                        "att det är klart vilken som är vilken."},
    "imp_code_file_memory_limit": {"sv": "Att läsa filen krävde mer än {memory_mb} MB minne, gränsen för en fil "
                                         "(INSIKT_FILE_MEMORY_MB); ingenting importerades. Dela upp filen, eller "
                                         "kontrollera att det är rätt export."},
    "imp_code_file_time_limit": {"sv": "Att läsa filen tog längre tid än {seconds} sekunder, gränsen för en fil "
                                       "(INSIKT_FILE_SECONDS); ingenting importerades. Dela upp filen i mindre filer."},
    "imp_code_file_worker_failed": {"sv": "Processen som läste filen stannade oväntat (slutkod {exit_code}), troligen "
                                          "för att filen krävde mer än de {memory_mb} MB minne en fil får använda; "
                                          "ingenting importerades."},
    "imp_code_comment_truncated": {"sv": "Kommentarer längre än {limit} tecken kortades till den längden: "
                                         "{count} (rad {rows})."},
    "imp_code_theme_timeout": {"sv": "Temat {theme!r} sattes inte på {skipped} av de nya kommentarerna: dess mönster "
                                     "{pattern!r} tog längre tid än {seconds} s på en kommentar. Rätta mönstret på "
                                     "administrationssidan; när det sparas taggas alla kommentarer om."},
}

# English: the importer's own messages, with the same placeholders (the one-row codes above
# have a shorter wording of their own, since the row's column and value stand beside them).
for _code, _message in ALL_MESSAGES.items():
    TEXTS[f"imp_code_{_code}"].setdefault("en", _message)
