"""Texts of the admin pages (merged into components.i18n.TEXTS)."""

TEXTS: dict[str, dict[str, str]] = {
    # page and tabs
    "menu_admin": {"sv": "Administration", "en": "Administration"},
    "admin_title": {"sv": "Administration", "en": "Administration"},
    "admin_nothing_for_role": {
        "sv": "Administrationssidan har just nu inget för din roll. Enheter, användare, teman och "
              "gränsvärden sköts av en administratör.",
        "en": "The administration page currently offers nothing for your role. Units, users, themes "
              "and thresholds are managed by an administrator.",
    },
    "admin_tab_units": {"sv": "Enheter och regioner", "en": "Units and regions"},
    "admin_tab_touchpoints": {"sv": "Kontaktpunkter", "en": "Touchpoints"},
    "admin_tab_users": {"sv": "Användare", "en": "Users"},
    "admin_tab_themes": {"sv": "Teman", "en": "Themes"},
    "admin_tab_thresholds": {"sv": "Gränsvärden och mål", "en": "Thresholds and targets"},
    "admin_tab_segments": {"sv": "Segment", "en": "Segments"},
    # follow-up rules beyond NPS and satisfaction (the rules editor is on the admin page)
    "fu_rule_scale10": {"sv": "betyg 1–{limit} av 10", "en": "ratings 1–{limit} of 10"},
    "fu_rule_sentiment": {"sv": "negativt sentiment", "en": "a negative sentiment"},
    "fu_rule_scale10_label": {"sv": "Betyg 1–10 som ger ärende (1 till och med)",
                              "en": "1–10 ratings that open a case (1 up to)"},
    "fu_rule_sentiment_label": {"sv": "Negativt sentiment med kommentar ger ärende",
                                "en": "A negative sentiment with a comment opens a case"},
    "fu_empty_window": {
        "sv": "Ärenden skapas för kritisk feedback med kommentar som getts de senaste {days} dagarna (reglerna "
              "på administrationssidan); äldre feedback är för sen att ringa upp.",
        "en": "Cases are opened for critical feedback with a comment given in the last {days} days (the rules on "
              "the administration page); older feedback is too late to call back.",
    },
    "fu_empty_newest": {"sv": "Den senaste kritiska feedbacken här är från {newest}.",
                        "en": "The newest critical feedback here is from {newest}."},
    "fu_empty_never": {"sv": "Här finns ingen kritisk feedback ännu.", "en": "There is no critical feedback here yet."},
    "admin_segments_caption": {
        "sv": "Kolumner från importerna som sparas med varje svar. Sidorna jämför de påslagna som segment "
              "(t.ex. kundtyp eller produkt). Importen slår på dem som har några få värden med tillräckligt många "
              "svar vardera; här kan du ändra det, och senare importer behåller ditt val.",
        "en": "Columns from the imports that are kept with each response. Pages compare the switched-on ones as "
              "segments (such as customer type or product). The import switches on those with a few values with "
              "enough responses each; you can change that here, and later imports keep your choice.",
    },
    "admin_segments_none": {"sv": "Inga importerade kolumner ännu.", "en": "No imported columns yet."},
    "admin_segments_gone": {"sv": "Segmentet finns inte längre. Ladda om sidan.",
                            "en": "The segment no longer exists. Reload the page."},
    "admin_seg_key": {"sv": "Kolumn", "en": "Column"},
    "admin_seg_enabled": {"sv": "Jämförs", "en": "Compared"},
    "admin_seg_enabled_help": {"sv": "Kryssa i eller ur och spara.", "en": "Tick or untick, then save."},
    "admin_seg_decided_by": {"sv": "Ändrat av", "en": "Changed by"},
    "admin_seg_updated": {"sv": "Senast ändrat", "en": "Last changed"},
    "admin_seg_save": {"sv": "Spara ändringarna ({n})", "en": "Save the changes ({n})"},
    "admin_seg_saved": {"sv": "{n} segment ändrade; sidorna jämför nu enligt ditt val.",
                        "en": "{n} segments changed; pages now compare as you chose."},
    "admin_permission_refused": {
        "sv": "Bara en aktiv administratör får göra den här ändringen. Inget har ändrats.",
        "en": "Only an active administrator may make this change. Nothing was changed.",
    },
    # shared words
    "admin_none": {"sv": "– ingen –", "en": "– none –"},
    "admin_create": {"sv": "Skapa", "en": "Create"},
    "admin_save": {"sv": "Spara", "en": "Save"},
    "admin_saved": {"sv": "Sparat.", "en": "Saved."},
    "admin_rename": {"sv": "Byt namn", "en": "Rename"},
    "admin_move": {"sv": "Flytta", "en": "Move"},
    "admin_deactivate": {"sv": "Inaktivera", "en": "Deactivate"},
    "admin_reactivate": {"sv": "Aktivera igen", "en": "Reactivate"},
    "admin_deactivated": {"sv": "”{name}” är inaktiverad.", "en": "“{name}” is deactivated."},
    "admin_reactivated": {"sv": "”{name}” är aktiv igen.", "en": "“{name}” is active again."},
    # table columns
    "admin_col_name": {"sv": "Namn", "en": "Name"},
    "admin_col_unit": {"sv": "Enhet", "en": "Unit"},
    "admin_whole_region": {"sv": "(hela regionen)", "en": "(whole region)"},
    "admin_col_users_help": {"sv": "Aktiva användare med just denna enhet eller region som sin.",
                             "en": "Active users whose own unit or region this is."},
    "admin_col_region": {"sv": "Region", "en": "Region"},
    "admin_col_active": {"sv": "Aktiv", "en": "Active"},
    "admin_col_responses": {"sv": "Svar", "en": "Responses"},
    "admin_col_users": {"sv": "Användare", "en": "Users"},
    "admin_col_position": {"sv": "Ordning", "en": "Order"},
    "admin_col_key": {"sv": "Nyckel", "en": "Key"},
    "admin_col_touchpoint": {"sv": "Kontaktpunkt", "en": "Touchpoint"},
    "admin_col_has_password": {"sv": "Lösenord satt", "en": "Password set"},
    "admin_col_must_change": {"sv": "Ska byta lösenord", "en": "Must change password"},
    "admin_must_change_help": {
        "sv": "Användaren har ett lösenord som en administratör skapade och väljer ett eget vid nästa inloggning.",
        "en": "The user has a password an administrator generated and chooses their own at the next login.",
    },
    "admin_has_password_help": {
        "sv": "Om användaren har ett lösenord (själva lösenordet visas aldrig). Utan lösenord loggar man "
              "in med organisationens konto, eller inte alls.",
        "en": "Whether the user has a password (the password itself is never shown). Without one, the "
              "user logs in with the organisation account, or not at all.",
    },
    "admin_col_last_seen": {"sv": "Senast aktiv", "en": "Last active"},
    "admin_col_tagged": {"sv": "Taggade kommentarer", "en": "Tagged comments"},
    "admin_col_date": {"sv": "Datum", "en": "Date"},
    "admin_col_score": {"sv": "Betyg", "en": "Score"},
    "admin_col_comment": {"sv": "Kommentar", "en": "Comment"},
    "admin_col_matched_before": {"sv": "Träff förut", "en": "Matched before"},
    # fields (also named in error messages)
    "admin_field_name": {"sv": "Namn", "en": "Name"},
    "admin_field_name_sv": {"sv": "Namn på svenska", "en": "Swedish name"},
    "admin_field_name_en": {"sv": "Namn på engelska", "en": "English name"},
    "admin_field_key": {"sv": "Nyckel", "en": "Key"},
    "admin_field_kind": {"sv": "Typ", "en": "Kind"},
    "admin_field_region": {"sv": "Region", "en": "Region"},
    "admin_field_unit": {"sv": "Enhet", "en": "Unit"},
    "admin_field_source": {"sv": "Enhet som slås ihop", "en": "Unit to merge"},
    "admin_field_target": {"sv": "Enhet att slå ihop med", "en": "Unit to merge into"},
    "admin_field_touchpoint": {"sv": "Kontaktpunkt", "en": "Touchpoint"},
    "admin_field_order": {"sv": "Ordning", "en": "Order"},
    "admin_field_user": {"sv": "Användare", "en": "User"},
    "admin_field_username": {"sv": "Användarnamn", "en": "Username"},
    "admin_field_display_name": {"sv": "Namn som visas", "en": "Display name"},
    "admin_field_email": {"sv": "E-post", "en": "Email"},
    "admin_field_role": {"sv": "Roll", "en": "Role"},
    "admin_field_password": {"sv": "Startlösenord (valfritt)", "en": "Initial password (optional)"},
    "admin_field_theme": {"sv": "Tema", "en": "Theme"},
    "admin_field_patterns_sv": {"sv": "Mönster på svenska (ett per rad)", "en": "Swedish patterns (one a line)"},
    "admin_field_patterns_en": {"sv": "Mönster på engelska (ett per rad)", "en": "English patterns (one a line)"},
    "admin_field_min_responses": {"sv": "Minsta antal svar", "en": "Minimum number of responses"},
    "admin_field_small_sample": {"sv": "Gräns för litet underlag", "en": "Small-sample limit"},
    "admin_field_measure": {"sv": "Mått", "en": "Measure"},
    "admin_field_target_nps": {"sv": "Mål för NPS (−100 till 100)", "en": "NPS target (−100 to 100)"},
    "admin_field_target_csat": {"sv": "Mål för nöjdhet (andel 4–5, %)", "en": "Satisfaction target (share 4–5, %)"},
    # units and regions
    "admin_new_region": {"sv": "Ny region", "en": "New region"},
    "admin_new_unit": {"sv": "Ny enhet", "en": "New unit"},
    "admin_pick_region": {"sv": "Välj en region", "en": "Pick a region"},
    "admin_created_region": {"sv": "Regionen ”{name}” är skapad.", "en": "The region “{name}” is created."},
    "admin_created_unit": {"sv": "Enheten ”{name}” är skapad.", "en": "The unit “{name}” is created."},
    "admin_change_unit": {"sv": "Ändra en enhet eller region", "en": "Change a unit or region"},
    "admin_pick_unit": {"sv": "Enhet eller region", "en": "Unit or region"},
    "admin_pick_unit_placeholder": {"sv": "Välj enhet eller region", "en": "Pick a unit or region"},
    "admin_renamed": {"sv": "”{old}” heter nu ”{name}”.", "en": "“{old}” is now called “{name}”."},
    "admin_moved": {"sv": "”{name}” ligger nu i {region}.", "en": "“{name}” now belongs to {region}."},
    "admin_deactivate_help": {
        "sv": "En inaktiv enhet syns inte i urvalen; dess svar, åtgärder och historik finns kvar.",
        "en": "An inactive unit is not offered in the filters; its responses, actions and history are kept.",
    },
    "admin_inactive_now": {"sv": "Inaktiv just nu.", "en": "Inactive at the moment."},
    "admin_merge_title": {"sv": "Slå ihop två enheter", "en": "Merge two units"},
    "admin_merge_caption": {
        "sv": "Allt som hör till den första (svar, uppföljningar, åtgärder, insikter, workshoppar och "
              "användare; för en region dess enheter) flyttas till den andra, och den första inaktiveras. "
              "En enhet slås ihop med en enhet, en region med en region.",
        "en": "Everything that belongs to the first (responses, follow-ups, actions, insights, workshops "
              "and users; for a region, its units) moves to the second, and the first is deactivated. "
              "A unit merges into a unit, a region into a region.",
    },
    "admin_merge_source": {"sv": "Slå ihop …", "en": "Merge …"},
    "admin_merge_target": {"sv": "… in i", "en": "… into"},
    "admin_merge_confirm": {
        "sv": "Detta flyttas från **{source}** till **{target}**:",
        "en": "This moves from **{source}** to **{target}**:",
    },
    "admin_merge_nothing": {"sv": "Inget att flytta.", "en": "Nothing to move."},
    "admin_merge_sure": {
        "sv": "Jag förstår att ”{source}” inaktiveras och att sammanslagningen inte kan ångras här.",
        "en": "I understand that “{source}” is deactivated and that the merge cannot be undone here.",
    },
    "admin_merge_button": {"sv": "Slå ihop", "en": "Merge"},
    "admin_merged": {
        "sv": "”{source}” är sammanslagen med ”{target}” ({n} svar flyttade).",
        "en": "“{source}” is merged into “{target}” ({n} responses moved).",
    },
    "admin_table_responses": {"sv": "Svar", "en": "Responses"},
    "admin_table_follow_ups": {"sv": "Uppföljningar", "en": "Follow-ups"},
    "admin_table_actions": {"sv": "Åtgärder", "en": "Actions"},
    "admin_table_insights": {"sv": "Insikter", "en": "Insights"},
    "admin_table_workshops": {"sv": "Workshoppar", "en": "Workshops"},
    "admin_table_users": {"sv": "Användare", "en": "Users"},
    "admin_table_units": {"sv": "Enheter i regionen", "en": "Units of the region"},
    # touchpoints
    "admin_change_touchpoint": {"sv": "Ändra en kontaktpunkt", "en": "Change a touchpoint"},
    "admin_pick_touchpoint": {"sv": "Välj en kontaktpunkt", "en": "Pick a touchpoint"},
    "admin_move_up": {"sv": "Flytta upp", "en": "Move up"},
    "admin_move_down": {"sv": "Flytta ned", "en": "Move down"},
    "admin_reordered": {"sv": "Ordningen är sparad.", "en": "The order is saved."},
    "admin_new_touchpoint": {"sv": "Ny kontaktpunkt", "en": "New touchpoint"},
    "admin_key_help": {
        "sv": "En fast nyckel som används i adresser och importer: små bokstäver a–z, siffror och _, "
              "först en bokstav (t.ex. click_and_collect). Den kan inte ändras senare.",
        "en": "A fixed key used in addresses and imports: lower-case letters a–z, digits and _, starting "
              "with a letter (e.g. click_and_collect). It cannot be changed later.",
    },
    "admin_created_touchpoint": {"sv": "Kontaktpunkten ”{name}” är skapad.", "en": "The touchpoint “{name}” is created."},
    # users
    "admin_new_user": {"sv": "Ny användare", "en": "New user"},
    "admin_unit_help": {
        "sv": "Krävs för chefer och medarbetare: de ser denna enhet (chefer även det som ligger under). "
              "Ledning och administratörer ser alla enheter och har ingen.",
        "en": "Required for managers and staff: they see this unit (managers also what lies below it). "
              "Leadership and administrators see every unit and have none.",
    },
    "admin_password_help": {
        "sv": "Minst 10 tecken. Lämna tomt så skapas ett slumpat lösenord som visas en gång.",
        "en": "At least 10 characters. Leave empty to generate a random password, shown once.",
    },
    "admin_created_user": {"sv": "Användaren {username} är skapad.", "en": "The user {username} is created."},
    "admin_password_once": {
        "sv": "Lösenord för **{username}**. Det visas bara nu: ge det till användaren på ett säkert sätt. "
              "Vid första inloggningen väljer användaren ett eget.",
        "en": "Password for **{username}**. It is shown only now: hand it to the user safely. At the first "
              "login the user chooses their own.",
    },
    "admin_change_user": {"sv": "Ändra en användare", "en": "Change a user"},
    "admin_pick_user": {"sv": "Användare", "en": "User"},
    "admin_pick_user_placeholder": {"sv": "Välj en användare", "en": "Pick a user"},
    "admin_saved_user": {
        "sv": "Ändringen av {username} är sparad. Vid ändrad roll eller enhet loggas användaren ut.",
        "en": "The change to {username} is saved. A changed role or unit logs the user out.",
    },
    "admin_reset_password": {"sv": "Nytt lösenord", "en": "New password"},
    "admin_reset_help": {
        "sv": "Skapar ett nytt slumpat lösenord (visas en gång), loggar ut användaren överallt och "
              "nollställer misslyckade inloggningar.",
        "en": "Makes a new random password (shown once), logs the user out everywhere and clears failed "
              "logins.",
    },
    "admin_password_reset": {"sv": "{username} har fått ett nytt lösenord.", "en": "{username} has a new password."},
    # themes
    "admin_pick_theme": {"sv": "Tema att ändra", "en": "Theme to edit"},
    "admin_new_theme": {"sv": "+ Nytt tema", "en": "+ New theme"},
    "admin_pattern_syntax": {
        "sv": "Ett mönster per rad: `stam*` (ord som börjar så, minst 3 bokstäver), `ord` (hela ordet), "
              "`flera ord` (en fras), `re:uttryck` (reguljärt uttryck). Skiftläget spelar ingen roll; "
              "både svenska och engelska mönster prövas mot varje kommentar.",
        "en": "One pattern a line: `stem*` (words starting so, at least 3 letters), `word` (the whole "
              "word), `several words` (a phrase), `re:expression` (a regular expression). Case does not "
              "matter; both the Swedish and the English patterns are tried on every comment.",
    },
    "admin_patterns_help": {
        "sv": "Förhandsvisningen nedan följer med när du lämnar rutan (eller trycker Ctrl+Enter).",
        "en": "The preview below follows when you leave the box (or press Ctrl+Enter).",
    },
    "admin_preview_title": {"sv": "Förhandsvisning", "en": "Preview"},
    "admin_preview_count": {
        "sv": "Mönstren träffar {n} av de {total} senaste kommentarerna.",
        "en": "The patterns match {n} of the {total} most recent comments.",
    },
    "admin_preview_change": {
        "sv": "Sparade mönster: {saved} (nya träffar {gained}, tappade {lost}).",
        "en": "Saved patterns: {saved} ({gained} gained, {lost} lost).",
    },
    "admin_pattern_error": {
        "sv": "Mönstret ”{pattern}” ({lang}) kan inte användas: {reason}. Rätta det för att kunna spara.",
        "en": "The pattern “{pattern}” ({lang}) cannot be used: {reason}. Correct it to save.",
    },
    "admin_create_theme": {"sv": "Skapa tema och tagga om", "en": "Create theme and retag"},
    "admin_save_theme": {"sv": "Spara och tagga om alla kommentarer", "en": "Save and retag every comment"},
    "admin_retagging": {"sv": "Taggar om alla kommentarer …", "en": "Retagging every comment …"},
    "admin_created_theme": {"sv": "Temat ”{name}” är skapat och kommentarerna omtaggade.",
                            "en": "The theme “{name}” is created and the comments retagged."},
    "admin_saved_theme": {
        "sv": "Temat ”{name}” är sparat; {n} kommentarer har nu minst ett tema.",
        "en": "The theme “{name}” is saved; {n} comments now have at least one theme.",
    },
    # thresholds and targets
    "admin_thresholds_title": {"sv": "Gränsvärden för gruppstorlek", "en": "Group-size thresholds"},
    "admin_thresholds_caption": {
        "sv": "Under minsta antal svar döljs en grupps resultat och bara antalet visas; under gränsen för "
              "litet underlag visas resultatet med en varning.",
        "en": "Below the minimum number of responses a group's results are hidden and only the count is "
              "shown; below the small-sample limit they are shown with a warning.",
    },
    "admin_min_responses_help": {"sv": "Minst 1. Standard: 5.", "en": "At least 1. Default: 5."},
    "admin_small_sample_help": {"sv": "Större än minsta antal svar. Standard: 30.",
                                "en": "More than the minimum number of responses. Default: 30."},
    "admin_saved_thresholds": {
        "sv": "Gränsvärdena är sparade: minst {min} svar, litet underlag under {small}.",
        "en": "The thresholds are saved: at least {min} responses, small sample below {small}.",
    },
    "admin_targets_title": {"sv": "Mål", "en": "Targets"},
    "admin_targets_caption": {
        "sv": "Sidan Styrkor och svagheter kan jämföra med målen. Utan mål erbjuds ingen sådan jämförelse.",
        "en": "The strengths page can compare with the targets. Without a target no such comparison is offered.",
    },
    "admin_use_nps_target": {"sv": "Använd ett mål för NPS", "en": "Use an NPS target"},
    "admin_use_csat_target": {"sv": "Använd ett mål för nöjdhet", "en": "Use a satisfaction target"},
    "admin_saved_targets": {"sv": "Målen är sparade.", "en": "The targets are saved."},
    # validation errors (queries.admin.ERROR_CODES)
    "admin_error_name_required": {"sv": "{field}: fyll i ett namn.", "en": "{field}: enter a name."},
    "admin_error_name_too_long": {
        "sv": "{field}: högst {max} tecken (nu {length}).",
        "en": "{field}: at most {max} characters (now {length}).",
    },
    "admin_error_name_taken": {
        "sv": "{field}: ”{name}” finns redan (stora och små bokstäver räknas som samma).",
        "en": "{field}: “{name}” exists already (upper and lower case count as the same).",
    },
    "admin_error_key_required": {"sv": "{field}: fyll i en nyckel.", "en": "{field}: enter a key."},
    "admin_error_key_too_long": {"sv": "{field}: högst {max} tecken.", "en": "{field}: at most {max} characters."},
    "admin_error_key_invalid": {
        "sv": "{field}: ”{value}” går inte. Använd små bokstäver a–z, siffror och _, och börja med en bokstav.",
        "en": "{field}: “{value}” will not do. Use lower-case letters a–z, digits and _, starting with a letter.",
    },
    "admin_error_key_taken": {"sv": "{field}: ”{value}” används redan.", "en": "{field}: “{value}” is taken."},
    "admin_error_unknown_unit": {
        "sv": "{field}: enheten finns inte (längre). Ladda om sidan.",
        "en": "{field}: the unit does not exist (any more). Reload the page.",
    },
    "admin_error_bad_kind": {
        "sv": "{field}: bara enheter kan flyttas mellan regioner.",
        "en": "{field}: only units can move between regions.",
    },
    "admin_error_parent_required": {"sv": "{field}: välj en region för enheten.", "en": "{field}: pick a region for the unit."},
    "admin_error_parent_not_region": {"sv": "{field}: ”{name}” är ingen region.", "en": "{field}: “{name}” is not a region."},
    "admin_error_parent_inactive": {
        "sv": "{field}: ”{name}” är inaktiv. Aktivera den först.",
        "en": "{field}: “{name}” is inactive. Reactivate it first.",
    },
    "admin_error_own_parent": {"sv": "{field}: ”{name}” kan inte ligga under sig själv.",
                               "en": "{field}: “{name}” cannot lie below itself."},
    "admin_error_cycle": {
        "sv": "{field}: ”{parent}” ligger under ”{name}”; det skulle bli en cirkel.",
        "en": "{field}: “{parent}” lies below “{name}”; that would make a circle.",
    },
    "admin_error_region_has_active_units": {
        "sv": "”{name}” har {n} aktiva enheter. Flytta eller inaktivera dem först.",
        "en": "“{name}” has {n} active units. Move or deactivate them first.",
    },
    "admin_error_unit_has_users": {
        "sv": "{n} aktiva användare hör till ”{name}”. Flytta eller inaktivera dem först, eller slå ihop enheten med en annan.",
        "en": "{n} active users belong to “{name}”. Move or deactivate them first, or merge the unit into another.",
    },
    "admin_error_merge_same": {"sv": "”{name}” kan inte slås ihop med sig själv.", "en": "“{name}” cannot be merged into itself."},
    "admin_error_merge_region_into_unit": {
        "sv": "Regionen ”{source}” kan inte slås ihop med en enhet (”{target}”). Välj en region.",
        "en": "The region “{source}” cannot be merged into a unit (“{target}”). Pick a region.",
    },
    "admin_error_merge_unit_into_region": {
        "sv": "Enheten ”{source}” kan bara slås ihop med en annan enhet, inte med regionen ”{target}”.",
        "en": "The unit “{source}” can only be merged into another unit, not into the region “{target}”.",
    },
    "admin_error_merge_target_inactive": {
        "sv": "{field}: ”{name}” är inaktiv. Aktivera den först.",
        "en": "{field}: “{name}” is inactive. Reactivate it first.",
    },
    "admin_error_unknown_touchpoint": {"sv": "Kontaktpunkten finns inte (längre). Ladda om sidan.",
                                       "en": "The touchpoint does not exist (any more). Reload the page."},
    "admin_error_bad_order": {"sv": "Ordningen måste ta med varje kontaktpunkt en gång. Ladda om sidan.",
                              "en": "The order must list every touchpoint once. Reload the page."},
    "admin_error_username_required": {"sv": "{field}: fyll i ett användarnamn.", "en": "{field}: enter a username."},
    "admin_error_username_too_long": {"sv": "{field}: högst {max} tecken.", "en": "{field}: at most {max} characters."},
    "admin_error_username_invalid": {
        "sv": "{field}: ”{username}” går inte. Använd a–z, siffror och . _ @ -, utan mellanslag.",
        "en": "{field}: “{username}” will not do. Use a–z, digits and . _ @ -, without spaces.",
    },
    "admin_error_username_taken": {"sv": "{field}: ”{username}” används redan.", "en": "{field}: “{username}” is taken."},
    "admin_error_email_invalid": {"sv": "{field}: ”{email}” är ingen e-postadress.", "en": "{field}: “{email}” is not an email address."},
    "admin_error_email_taken": {"sv": "{field}: ”{email}” tillhör en annan användare.",
                                "en": "{field}: “{email}” belongs to another user."},
    "admin_error_bad_role": {"sv": "{field}: okänd roll.", "en": "{field}: unknown role."},
    "admin_error_unit_required": {
        "sv": "{field}: en {role} behöver en enhet eller region.",
        "en": "{field}: a {role} needs a unit or region.",
    },
    "admin_error_unit_not_allowed": {
        "sv": "{field}: {role} ser alla enheter och ska inte ha någon enhet.",
        "en": "{field}: {role} sees every unit and has no unit.",
    },
    "admin_error_password_too_short": {
        "sv": "{field}: minst {min} tecken, eller lämna tomt för ett slumpat lösenord.",
        "en": "{field}: at least {min} characters, or leave it empty for a random password.",
    },
    "admin_error_password_weak": {
        "sv": "{field}: lösenordet är lätt att gissa (ett vanligt ord, användarnamnet, en följd som 1234567890 "
              "eller för få olika tecken).",
        "en": "{field}: the password is easy to guess (a common word, the username, a run like 1234567890 "
              "or too few different characters).",
    },
    "admin_error_password_required": {"sv": "{field}: fyll i ett lösenord.", "en": "{field}: enter a password."},
    "admin_error_unknown_user": {"sv": "Användaren finns inte (längre). Ladda om sidan.",
                                 "en": "The user does not exist (any more). Reload the page."},
    "admin_error_own_account": {
        "sv": "{field}: du kan inte ändra din egen roll eller inaktivera dig själv. Be en annan administratör.",
        "en": "{field}: you cannot change your own role or deactivate yourself. Ask another administrator.",
    },
    "admin_error_last_admin": {
        "sv": "{field}: {username} är den sista aktiva administratören. Skapa en till först.",
        "en": "{field}: {username} is the last active administrator. Create another one first.",
    },
    "admin_error_unknown_theme": {"sv": "Temat finns inte (längre). Ladda om sidan.",
                                  "en": "The theme does not exist (any more). Reload the page."},
    "admin_error_bad_pattern": {
        "sv": "{field}: mönstret ”{pattern}” kan inte användas: {reason}.",
        "en": "{field}: the pattern “{pattern}” cannot be used: {reason}.",
    },
    "admin_error_not_whole_number": {"sv": "{field}: ange ett heltal.", "en": "{field}: enter a whole number."},
    "admin_error_bad_min_responses": {"sv": "{field}: minst 1.", "en": "{field}: at least 1."},
    "admin_error_bad_small_sample": {
        "sv": "{field}: måste vara större än minsta antal svar ({min}).",
        "en": "{field}: must be more than the minimum number of responses ({min}).",
    },
    "admin_error_bad_target": {"sv": "{field}: värdet ligger utanför det tillåtna.",
                               "en": "{field}: the value is outside the allowed range."},
}
