"""Words the app says, in Dutch and English.

Domain errors carry a message key and parameters; the page that catches one
shows it in the participant's language with :func:`t`.

A word that follows a count takes both its forms: ``{count|probleem|problemen}`` is the first
form when ``count`` is 1 and the second otherwise (one rule serves both languages), so a message
never says "1 problemen". The board's and notes' texts go to the browser unfilled and use
``_one`` keys instead.
"""

from __future__ import annotations

import re

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"  # the product's home audience is Dutch

MESSAGES: dict[str, dict[str, str]] = {
    # errors
    "error.unknown_session": {
        "nl": "Er is geen open sessie met code {code}. Controleer de code op het scherm.",
        "en": "There is no open session with code {code}. Check the code on the screen.",
    },
    "error.bad_code": {
        "nl": "Een sessiecode heeft 6 tekens, zoals K7QX3M. Je typte: {code}",
        "en": "A session code has 6 characters, like K7QX3M. You typed: {code}",
    },
    "error.code_lookalike": {
        "nl": "Een sessiecode bevat nooit O, 0, I, 1 of L: die lijken te veel op andere tekens. Wat je als {chars} "
        "las, is een ander teken; kijk nog eens op het scherm. Je typte: {code}",
        "en": "A session code never contains O, 0, I, 1 or L: they look too much like other characters. What you "
        "read as {chars} is another character; look at the screen again. You typed: {code}",
    },
    "error.no_code": {
        "nl": "Er is geen sessiecode opgegeven. Een sessiecode heeft 6 tekens, zoals K7QX3M.",
        "en": "No session code was given. A session code has 6 characters, like K7QX3M.",
    },
    "error.session_closed": {
        "nl": "Deze sessie is gesloten; er kunnen geen sorteringen meer worden ingeleverd.",
        "en": "This session is closed; no more sorts can be submitted.",
    },
    "error.session_paused": {
        "nl": "De begeleider heeft de sessie even gepauzeerd. Je sortering is bewaard en gaat vanzelf door "
        "zodra de sessie verdergaat.",
        "en": "The facilitator has paused the session for a moment. Your sort is kept and goes through by "
        "itself when the session resumes.",
    },
    "error.code_retired": {
        "nl": "Deze code is vervangen. Scan de nieuwe QR-code op het scherm.",
        "en": "This code has been replaced. Scan the new QR code on the screen.",
    },
    "session.questions_locked": {
        "nl": "Er zijn al sorteringen ingeleverd; de vragen liggen vast. Begin een nieuwe ronde om ze te wijzigen.",
        "en": "Sorts have already come in; the questions are fixed. Start a new round to change them.",
    },
    "error.bad_token": {
        "nl": "Deze deelnamelink is niet geldig voor deze sessie. Scan de QR-code opnieuw.",
        "en": "This participation link is not valid for this session. Scan the QR code again.",
    },
    "error.unknown_condition": {
        "nl": "Onbekende sorteervraag: {condition}.",
        "en": "Unknown sorting condition: {condition}.",
    },
    "error.store_locked": {
        "nl": "De database {path} is in gebruik door een ander programma (waarschijnlijk de app). "
        "Stop dat eerst, of gebruik een andere database.",
        "en": "The database {path} is in use by another program (probably the running app). "
        "Stop it first, or use another database.",
    },
    # issue 9: faults
    "error.store_readonly": {
        "nl": "De database {path} kan niet worden geschreven, want de map of het bestand is alleen-lezen: "
        "kies een schrijfbare plek met REVIEW_DB=/pad/naar/review.duckdb.",
        "en": "The database {path} cannot be written because its folder or file is read-only: "
        "choose a writable place with REVIEW_DB=/path/to/review.duckdb.",
    },
    "error.store_full": {
        "nl": "De schijf met de database {path} is vol: maak ruimte vrij, of kies met REVIEW_DB een bestand "
        "op een andere schijf.",
        "en": "The disk holding the database {path} is full: free some space, or choose a file on another disk "
        "with REVIEW_DB.",
    },
    "error.store_corrupt": {
        "nl": "De database {path} is beschadigd en niet te lezen: zet een reservekopie terug, of begin met REVIEW_DB "
        "in een nieuw bestand.",
        "en": "The database {path} is damaged and cannot be read: restore a backup copy, or start a new file "
        "with REVIEW_DB.",
    },
    "error.store_failed": {
        "nl": "De database {path} werkt niet ({reason}): controleer het bestand, of kies met REVIEW_DB een ander.",
        "en": "The database {path} does not work ({reason}): check the file, or choose another one with REVIEW_DB.",
    },
    "error.database_unreachable": {
        "nl": "De PostgreSQL-database {path} is niet bereikbaar ({reason}): controleer REVIEW_DATABASE_URL en of "
        "de server draait.",
        "en": "The PostgreSQL database {path} cannot be reached ({reason}): check REVIEW_DATABASE_URL and that the "
        "server is running.",
    },
    "start.refused": {
        "nl": "REVIEW start niet. {reason}",
        "en": "REVIEW cannot start. {reason}",
    },
    "sort.not_columns": {
        "nl": "De sortering is niet leesbaar: verwacht per kolom een lijst met uitspraken.",
        "en": "The sort cannot be read: expected a list of statements per column.",
    },
    "sort.unknown_column": {
        "nl": "Kolom {column} bestaat niet in dit raster.",
        "en": "Column {column} does not exist in this grid.",
    },
    "sort.column_count": {
        "nl": "Kolom {column} hoort {expected} kaarten te hebben; deze sortering heeft er {actual}.",
        "en": "Column {column} holds {expected} cards; this sort puts {actual} there.",
    },
    "sort.not_an_id": {
        "nl": "{value!r} is geen nummer van een uitspraak.",
        "en": "{value!r} is not a statement number.",
    },
    "sort.unknown_statement": {
        "nl": "Uitspraak {statement} hoort niet bij deze set.",
        "en": "Statement {statement} is not part of this set.",
    },
    "sort.duplicate_statement": {
        "nl": "Uitspraak {statement} is meer dan één keer geplaatst.",
        "en": "Statement {statement} is placed more than once.",
    },
    "sort.missing_statement": {
        "nl": "Nog niet alle uitspraken zijn geplaatst: {missing} ontbreken.",
        "en": "Not every statement is placed yet: {missing} are missing.",
    },
    "comment.too_long": {
        "nl": "Je toelichting bij uitspraak {statement} is {length} tekens; het maximum is {limit}.",
        "en": "Your comment on statement {statement} is {length} characters; the limit is {limit}.",
    },
    "comment.not_extreme": {
        "nl": "Toelichtingen horen bij kaarten in de buitenste kolommen; uitspraak {statement} staat daar niet.",
        "en": "Comments belong to cards in the outer columns; statement {statement} is not there.",
    },
    "comment.not_text": {
        "nl": "Een toelichting moet tekst zijn.",
        "en": "A comment must be text.",
    },
    "role.unknown": {
        "nl": "Kies een van de rollen die de begeleider noemde.",
        "en": "Choose one of the roles the facilitator listed.",
    },
    "roles.invalid": {
        "nl": "Rollen: hoogstens {max_roles}, elk 1 tot {limit} tekens, zonder herhaling.",
        "en": "Roles: at most {max_roles}, each 1 to {limit} characters, none repeated.",
    },
    "draft.invalid": {
        "nl": "Het tussentijds opslaan is mislukt: {reason}",
        "en": "Saving your progress failed: {reason}",
    },
    # issue 9: trust
    "request.too_large": {
        "nl": "Dit verzoek is te groot; er is niets opgeslagen.",
        "en": "This request is too large; nothing was stored.",
    },
    "upload.forbidden": {
        "nl": "Alleen de begeleider kan bestanden uploaden; log eerst in.",
        "en": "Only the facilitator can upload files; log in first.",
    },
    "rate.limited": {
        "nl": "Te veel mislukte pogingen vanaf dit netwerk. Probeer het over {seconds} s opnieuw.",
        "en": "Too many failed tries from this network. Try again in {seconds} s.",
    },
    "store.unavailable": {
        "nl": "De server kan je sortering nu niet opslaan. Ze blijft op deze telefoon bewaard en wordt "
        "vanzelf opnieuw verstuurd; laat deze pagina open.",
        "en": "The server cannot store your sort right now. It stays on this phone and is sent again "
        "by itself; keep this page open.",
    },
    "draft.after_submit": {
        "nl": "Deze tussenstand is ouder dan je ingeleverde sortering en is niet bewaard.",
        "en": "This progress is older than your submitted sort and was not kept.",
    },
    "fac.logout_all": {"nl": "Iedereen uitloggen", "en": "Log everyone out"},
    "fac.logout_all_help": {
        "nl": "Alle ingelogde browsers (ook deze) moeten opnieuw inloggen; een eerdere inloglink werkt niet "
        "meer. Zonder wachtwoord toont de terminal een nieuwe link. Deelnemers merken er niets van.",
        "en": "Every logged-in browser (this one too) has to log in again; an earlier login link stops "
        "working. Without a password the terminal shows a new link. Participants notice nothing.",
    },
    "fac.logout_all_confirm": {"nl": "Ja, log iedereen uit", "en": "Yes, log everyone out"},
    "request.invalid": {
        "nl": "Het verzoek is niet leesbaar.",
        "en": "The request cannot be read.",
    },
    "import.invalid": {
        "nl": "Kan niet importeren: {where}: {reason}. Er is niets geïmporteerd.",
        "en": "Cannot import: {where}: {reason}. Nothing was imported.",
    },
    "import.too_big": {
        "nl": "Het {kind}-bestand is groter dan {most} MB; een import mag hoogstens {most} MB zijn. "
        "Er is niets geïmporteerd.",
        "en": "The {kind} file is larger than {most} MB; an import may be at most {most} MB. Nothing was imported.",
    },
    "import.too_many_rows": {
        "nl": "Het {kind}-bestand heeft meer dan {most} rijen; een studie in deze indeling heeft hoogstens "
        "{statements} uitspraken (één rij per uitspraak, onder de kop). Er is niets geïmporteerd.",
        "en": "The {kind} file has more than {most} rows; a study in this layout holds at most {statements} "
        "statements (one row each, under the heading row). Nothing was imported.",
    },
    "import.unpacked_too_big": {
        "nl": "Het Excel-bestand is uitgepakt groter dan {most} MB (een .xlsx is een zip-archief); een import "
        "mag uitgepakt hoogstens {most} MB zijn. Bewaar alleen de tabel in een nieuwe werkmap. "
        "Er is niets geïmporteerd.",
        "en": "The Excel file unpacks to more than {most} MB (an .xlsx is a zip archive); an import may unpack "
        "to at most {most} MB. Save just the table in a new workbook. Nothing was imported.",
    },
    # issue 9: imports
    "import.files": {
        "nl": "PQMethod .dat (+ .sta), een CSV- of Excel-bestand (.xlsx) in R qmethod-indeling, "
        "of een REVIEW-JSON-export",
        "en": "PQMethod .dat (+ .sta), a CSV or Excel (.xlsx) file in R qmethod's layout, or a REVIEW JSON export",
    },
    "import.none": {
        "nl": "Kies eerst een .dat-, .csv-, .xlsx- of .json-bestand. Er is niets geïmporteerd.",
        "en": "Choose a .dat, .csv, .xlsx or .json file first. Nothing was imported.",
    },
    "import.nothing": {"nl": "Er is niets geïmporteerd.", "en": "Nothing was imported."},
    "import.limits": {
        "nl": "Hoogstens {mb} MB per bestand, {statements} uitspraken en {sorts} Q-sorts.",
        "en": "At most {mb} MB per file, {statements} statements and {sorts} Q-sorts.",
    },
    # end issue 9: imports
    "grid.invalid": {
        "nl": "Ongeldig raster {name}: {reason}",
        "en": "Invalid grid {name}: {reason}",
    },
    "statements.invalid": {
        "nl": "Ongeldige set uitspraken {name}: {reason}",
        "en": "Invalid statement set {name}: {reason}",
    },
    "session.bad_title": {
        "nl": "Geef de sessie een titel van 1 tot {limit} tekens.",
        "en": "Give the session a title of 1 to {limit} characters.",
    },
    "session.grid_mismatch": {
        "nl": "Het raster heeft {cells} plaatsen maar de set heeft {statements} uitspraken.",
        "en": "The grid has {cells} places but the set has {statements} statements.",
    },
    "chart.column": {"nl": "kolom", "en": "column"},
    "chart.most": {"nl": "Meest kenmerkend", "en": "Most characteristic"},
    "chart.least": {"nl": "Minst kenmerkend", "en": "Least characteristic"},
    "chart.mean_sd": {"nl": "gemiddeld {mean} · spreiding {sd}", "en": "mean {mean} · spread {sd}"},
    "chart.disagree": {"nl": "Hier verschillen we van mening", "en": "Where we disagree"},
    "chart.agree": {"nl": "Hier zijn we het over eens", "en": "Where we agree"},
    "chart.observed": {"nl": "Zoals het is", "en": "As it is"},
    "chart.desired": {"nl": "Zoals het zou moeten", "en": "As it should be"},
    "chart.theme_axis": {
        "nl": "gemiddelde positie (← minder · meer kenmerkend →)",
        "en": "mean position (← less · more characteristic →)",
    },
    "chart.sorts": {"nl": "aantal sorteringen", "en": "number of sorts"},
    "results.too_few": {
        "nl": "Tot nu toe {n} {n|sortering|sorteringen}. Resultaten verschijnen vanaf {min} sorteringen, zodat "
        "niemand herkenbaar is.",
        "en": "{n} {n|sort|sorts} so far. Results appear from {min} sorts on, so that nobody can be recognised.",
    },
    "results.withheld": {
        "nl": "Subgroepen worden nu niet getoond: een kleine groep (minder dan {min}) zou dan uit het totaal "
        "af te leiden zijn.",
        "en": "Subgroups are not shown now: a small group (fewer than {min}) could then be worked out from the total.",
    },
    "results.hidden_groups": {
        "nl": "Niet apart getoond: {roles} (minder dan {min} sorteringen, om anonimiteit te beschermen).",
        "en": "Not shown separately: {roles} (fewer than {min} sorts, to protect anonymity).",
    },
    "results.no_roles": {
        "nl": "Er zijn (nog) geen twee subgroepen met genoeg sorteringen om te vergelijken.",
        "en": "There are no two subgroups with enough sorts to compare (yet).",
    },
    "results.no_desired": {
        "nl": "In deze sessie is alleen de huidige cultuur gesorteerd.",
        "en": "This session only sorted the culture as it is.",
    },
    "view.hidden": {"nl": "Resultaten verborgen", "en": "Results hidden"},
    "view.heatmap": {"nl": "Wat is kenmerkend voor ons?", "en": "What is characteristic of us?"},
    "view.extremes": {"nl": "Meest en minst kenmerkend", "en": "Most and least characteristic"},
    "view.agreement": {
        "nl": "Waar verschillen we, waar zijn we het eens?",
        "en": "Where do we differ, where do we agree?",
    },
    "view.gap": {"nl": "Zoals het is en zoals het zou moeten", "en": "As it is and as it should be"},
    "view.subgroups": {"nl": "Hoe zien de subgroepen het?", "en": "How do the subgroups see it?"},
    "view.themes": {"nl": "Per thema van Goed Werk", "en": "Per Good Work theme"},
    "view.pins": {"nl": "Om over te praten", "en": "To talk about"},
    "proj.no_session": {
        "nl": "Dit projectorscherm weet niet welke sessie het moet tonen. Open het vanaf de pagina van de "
        "begeleider met '{button}': die zet de sessiecode in het adres.",
        "en": "This projector screen does not know which session to show. Open it from the facilitator's page "
        "with '{button}', which puts the session's code in the address.",
    },
    "proj.submitted": {"nl": "{n} van {total} ingeleverd", "en": "{n} of {total} submitted"},
    "proj.waiting": {
        "nl": "De resultaten verschijnen hier als de begeleider ze laat zien.",
        "en": "The results appear here when the facilitator shows them.",
    },
    "chart.left_out": {
        "nl": "⋯ {n} {n|uitspraak|uitspraken} hiertussen",
        "en": "⋯ {n} {n|statement|statements} in between",
    },
    "chart.kaiser": {"nl": "eigenwaarde 1", "en": "eigenvalue 1"},
    "chart.factor": {"nl": "factor", "en": "factor"},
    "chart.eigenvalue": {"nl": "eigenwaarde", "en": "eigenvalue"},
    "chart.axis": {
        "nl": "← minst kenmerkend · · · meest kenmerkend →",
        "en": "← least characteristic · · · most characteristic →",
    },
    # participant pages
    "app.name": {"nl": "REVIEW", "en": "REVIEW"},
    "join.heading": {"nl": "Doe mee met een REVIEW-sessie", "en": "Join a REVIEW session"},
    "join.intro": {
        "nl": "Je sorteert uitspraken over hoe jullie als groep werken, van minst tot meest kenmerkend. "
        "Er zijn geen goede of foute antwoorden. Niemand ziet jouw sortering: de groep ziet alleen het totaal.",
        "en": "You will sort statements about how your group works, from least to most characteristic. "
        "There are no right or wrong answers. Nobody sees your sort: the group only sees the total.",
    },
    "join.code_label": {
        "nl": "Sessiecode (6 tekens, op het scherm)",
        "en": "Session code (6 characters, on the screen)",
    },
    "join.button": {"nl": "Meedoen", "en": "Join"},
    "join.restart": {"nl": "Opnieuw beginnen met deze sessie", "en": "Start again in this session"},
    "lang.switch": {"nl": "English", "en": "Nederlands"},
    # Streamlit's own words on every page, said in the page's language instead (ui/page_language.py);
    # the English is Streamlit's own, so an English page reads as before
    "frame.skip": {"nl": "Naar de inhoud", "en": "Skip to main content"},
    "frame.enter_submit": {"nl": "Enter om te versturen", "en": "Press Enter to submit form"},
    "frame.enter_apply": {"nl": "Enter om toe te passen", "en": "Press Enter to apply"},
    "frame.keys_submit": {"nl": "{keys}+Enter om te versturen", "en": "Press {keys}+Enter to submit form"},
    "frame.keys_apply": {"nl": "{keys}+Enter om toe te passen", "en": "Press {keys}+Enter to apply"},
    "frame.help": {"nl": "Uitleg", "en": "Help"},
    "frame.help_for": {"nl": "Uitleg bij {label}", "en": "Help for {label}"},
    "sort.heading.observed": {"nl": "Hoe is het nu?", "en": "How is it now?"},
    "sort.heading.desired": {"nl": "Hoe zou het moeten zijn?", "en": "How should it be?"},
    "board.intro_rough": {
        "nl": "Leg elke uitspraak op een stapel: minst kenmerkend, neutraal of meest kenmerkend voor "
        "jullie groep. Daarna leg je ze in het raster, waar elke kolom een vast aantal plaatsen heeft.",
        "en": "Put each statement on a pile: least characteristic, neutral or most characteristic of your "
        "group. Then you lay them onto the grid, where each column has a fixed number of places.",
    },
    "board.progress": {"nl": "{n} / {total} geplaatst", "en": "{n} / {total} placed"},
    "board.least": {"nl": "minst kenmerkend", "en": "least characteristic"},
    "board.most": {"nl": "meest kenmerkend", "en": "most characteristic"},
    "board.full": {
        "nl": "Kolom {column} is vol. Tik eerst op een kaart in die kolom om hem te verplaatsen.",
        "en": "Column {column} is full. Tap a card in that column first to move it.",
    },
    "board.count": {"nl": "{n} van {count}", "en": "{n} of {count}"},
    "board.pile": {"nl": "Nog te plaatsen ({n})", "en": "Still to place ({n})"},
    "board.place": {"nl": "Plaats in kolom", "en": "Place in column"},
    "board.target_label": {"nl": "Kolom {column}, nog {left} vrij", "en": "Column {column}, {left} left"},
    "board.back": {"nl": "Terug naar de stapel", "en": "Back to the pile"},
    "board.submit": {"nl": "Sortering inleveren", "en": "Submit my sort"},
    "board.sending": {"nl": "Bezig met inleveren…", "en": "Submitting…"},
    "board.start": {"nl": "Verder met plaatsen ({n} over)", "en": "Continue placing ({n} left)"},
    "board.step_rough": {"nl": "Stap 1 van 2 · eerste indeling", "en": "Step 1 of 2 · first sort"},
    "board.step_fine": {"nl": "Stap 2 van 2 · in het raster", "en": "Step 2 of 2 · onto the grid"},
    "board.neutral": {"nl": "neutraal / twijfel", "en": "neutral / unsure"},
    "board.pile_counts": {
        "nl": "Minst: {least} · neutraal: {neutral} · meest: {most}",
        "en": "Least: {least} · neutral: {neutral} · most: {most}",
    },
    "board.previous": {"nl": "← Vorige kaart", "en": "← Previous card"},
    "board.fine_intro": {
        "nl": "Alle kaarten liggen op een stapel. Leg ze nu in het raster; begin bij de uitersten.",
        "en": "Every card is on a pile. Now lay them onto the grid, starting at the extremes.",
    },
    "board.redo_rough": {"nl": "Terug naar stap 1", "en": "Back to step 1"},
    "board.to_comments": {"nl": "Verder: toelichting (optioneel)", "en": "Next: comments (optional)"},
    "board.comments_title": {"nl": "Wil je iets toelichten?", "en": "Anything to explain?"},
    "board.comments_hint": {
        "nl": "Waarom staan deze kaarten aan de uiteinden? Optioneel, hoogstens {limit} tekens per kaart. "
        "Alleen de begeleider leest het, zonder je naam.",
        "en": "Why are these cards at the ends? Optional, at most {limit} characters each. "
        "Only the facilitator reads it, without your name.",
    },
    "board.back_to_grid": {"nl": "← Terug naar het raster", "en": "← Back to the grid"},
    "board.sent": {"nl": "Ingeleverd ✓", "en": "Submitted ✓"},
    "board.offline": {
        "nl": "Geen verbinding. Je sortering is bewaard op je telefoon en wordt vanzelf ingeleverd "
        "zodra er weer verbinding is.",
        "en": "No connection. Your sort is kept on your phone and will be submitted by itself "
        "as soon as the connection is back.",
    },
    "board.waiting": {
        "nl": "Nog niet verstuurd, wordt vanzelf opnieuw geprobeerd (tik om nu te proberen)",
        "en": "Not sent yet, trying again by itself (tap to try now)",
    },
    "board.progress_rough": {"nl": "{n} / {total} op een stapel", "en": "{n} / {total} on a pile"},
    "board.server_error": {
        "nl": "Er ging iets mis bij het inleveren. Je sortering is bewaard; probeer het zo nog eens.",
        "en": "Something went wrong while submitting. Your sort is kept; please try again in a moment.",
    },
    "board.role_question": {"nl": "Wat is je rol in deze groep?", "en": "What is your role in this group?"},
    "board.role_hint": {
        "nl": "Alleen groepen van minstens 3 mensen worden apart getoond; niemand ziet jouw keuze.",
        "en": "Only groups of at least 3 people are shown separately; nobody sees your choice.",
    },
    "sort.instructions.desired": {
        "nl": "Leg de kaarten nu neer zoals het **zou moeten zijn**. Je begint met een kopie van je vorige "
        "sortering: verplaats wat anders moet.",
        "en": "Now lay the cards as it **should be**. You start from a copy of your previous sort: "
        "move what should be different.",
    },
    "sort.next_desired": {
        "nl": "Je eerste sortering is ingeleverd. Nu de tweede: hoe zou het moeten zijn?",
        "en": "Your first sort is in. Now the second: how should it be?",
    },
    "done.show_texts": {"nl": "Toon de uitspraken per kolom", "en": "Show the statements per column"},
    "done.condition.observed": {"nl": "Hoe het nu is", "en": "How it is now"},
    "done.condition.desired": {"nl": "Hoe het zou moeten zijn", "en": "How it should be"},
    "done.change_condition": {"nl": "Aanpassen: {condition}", "en": "Change: {condition}"},
    "done.comments": {"nl": "Je toelichting", "en": "Your comments"},
    "done.heading": {"nl": "Dank je! Je sortering is ingeleverd.", "en": "Thank you! Your sort is in."},
    "done.private": {
        "nl": "Alleen jij ziet hieronder je eigen sortering; de groep ziet alleen het totaal.",
        "en": "Only you see your own sort below; the group only sees the total.",
    },
    "done.change": {"nl": "Mijn sortering aanpassen", "en": "Change my sort"},
    "done.closed": {"nl": "De sessie is gesloten.", "en": "The session is closed."},
    # facilitator access
    "auth.heading": {"nl": "Alleen voor de begeleider", "en": "For the facilitator only"},
    "auth.password": {
        "nl": "Deze pagina toont de regie en de resultaten. Log in met het wachtwoord van de begeleider.",
        "en": "This page shows the controls and the results. Log in with the facilitator's password.",
    },
    "auth.key": {
        "nl": "Deze pagina toont de regie en de resultaten. Open de inloglink die de app bij het starten "
        "in de terminal toonde.",
        "en": "This page shows the controls and the results. Open the login link the app printed in the "
        "terminal when it started.",
    },
    "auth.key_how": {
        "nl": "Geen terminal bij de hand? Start de app met een wachtwoord (REVIEW_FACILITATOR_PASSWORD), "
        "dan logt u hier in met dat wachtwoord.",
        "en": "No terminal at hand? Start the app with a password (REVIEW_FACILITATOR_PASSWORD) and log in "
        "here with it.",
    },
    "auth.login": {"nl": "Inloggen", "en": "Log in"},
    "login.password": {"nl": "Wachtwoord", "en": "Password"},
    "login.wrong": {"nl": "Dat wachtwoord klopt niet.", "en": "That password is not right."},
    "login.bad_key": {
        "nl": "Deze inloglink is niet (meer) geldig. Gebruik de link die de app bij de laatste start toonde.",
        "en": "This login link is not valid (any more). Use the link the app printed at its last start.",
    },
    # facilitator pages
    "fac.heading": {"nl": "Sessies", "en": "Sessions"},
    "fac.new": {"nl": "Nieuwe sessie", "en": "New session"},
    "fac.title": {"nl": "Titel", "en": "Title"},
    "fac.title_default": {"nl": "Goed Werk Plaats", "en": "Good Work session"},
    "fac.set": {"nl": "Set uitspraken", "en": "Statement set"},
    "fac.grid": {"nl": "Raster", "en": "Grid"},
    "fac.desired": {
        "nl": "Ook laten sorteren hoe het zou moeten zijn (gewenste cultuur)",
        "en": "Also sort how it should be (desired culture)",
    },
    "fac.roles": {
        "nl": "Rollen om uit te kiezen (optioneel, één per regel)",
        "en": "Roles to choose from (optional, one per line)",
    },
    "fac.comments": {
        "nl": "Vragen om een toelichting bij de kaarten aan de uiteinden",
        "en": "Ask for comments on the cards at both ends",
    },
    "fac.create": {"nl": "Sessie aanmaken", "en": "Create session"},
    "fac.none": {
        "nl": "Nog geen sessies. Maak er links een aan, of bekijk eerst een gevulde voorbeeldsessie.",
        "en": "No sessions yet. Create one on the left, or look at a filled example session first.",
    },
    "fac.open_session": {"nl": "Openen", "en": "Open"},
    "fac.back": {"nl": "← Alle sessies", "en": "← All sessions"},
    "fac.scan": {"nl": "Scan de QR-code om mee te doen", "en": "Scan the QR code to join"},
    "fac.or_code": {"nl": "of ga naar **{url}** en typ de code", "en": "or go to **{url}** and type the code"},
    "fac.qr_alt": {"nl": "QR-code die {url} opent", "en": "QR code that opens {url}"},
    "fac.loopback": {
        "nl": "Deze link wijst naar **{host}**, dat telefoons niet kunnen bereiken. Start de app met "
        "`REVIEW_PUBLIC_URL={suggestion}` (het adres van deze laptop in het netwerk van de zaal) "
        "zodat de QR-code werkt.",
        "en": "This link points at **{host}**, which phones cannot reach. Start the app with "
        "`REVIEW_PUBLIC_URL={suggestion}` (this laptop's address on the room's network) so the QR code works.",
    },
    "fac.joined": {"nl": "link geopend", "en": "opened the link"},
    "fac.joined_help": {
        "nl": "Iedereen die de link of de code opende, ook wie nog niets deed.",
        "en": "Everyone who opened the link or typed the code, including those who have done nothing yet.",
    },
    "fac.submitted": {"nl": "ingeleverd", "en": "submitted"},
    "fac.submitted_help": {
        "nl": "Deelnemers die in deze ronde minstens één sortering inleverden.",
        "en": "Participants who submitted at least one sort in this round.",
    },
    "fac.sorting_now": {"nl": "nu aan het sorteren", "en": "sorting now"},
    "fac.status.open": {"nl": "open", "en": "open"},
    "fac.status.closed": {"nl": "gesloten", "en": "closed"},
    "fac.status.paused": {"nl": "gepauzeerd", "en": "paused"},
    "fac.pause": {"nl": "Pauzeren", "en": "Pause"},
    "join.paused": {
        "nl": "De begeleider heeft de sessie even gepauzeerd. Meedoen kan zodra de sessie verdergaat: probeer "
        "het zo opnieuw.",
        "en": "The facilitator has paused the session for a moment. You can join as soon as it resumes: try "
        "again in a moment.",
    },
    "join.waiting": {
        "nl": "De groep is vol: er doen al {size} telefoons mee. De begeleider laat je zo binnen; houd deze "
        "pagina open.",
        "en": "The group is full: {size} phones have joined already. The facilitator will let you in shortly; "
        "keep this page open.",
    },
    "admission.size_bad": {
        "nl": "Vul als groepsgrootte een heel getal van 2 tot {max} in, of 0 als je die niet opgeeft.",
        "en": "Enter the group size as a whole number from 2 to {max}, or 0 to leave it open.",
    },
    "fac.group_size": {"nl": "Groepsgrootte", "en": "Group size"},
    "fac.group_size_help": {
        "nl": "Hoeveel mensen er meedoen. Telefoons daarboven wachten tot jij ze binnenlaat, en het "
        "projectorscherm toont hoeveel telefoons er meedoen. Zo kan niemand met een extra telefoon of "
        "tabblad de sortering van een collega terugrekenen. 0: niet opgeven.",
        "en": "How many people take part. Phones beyond it wait until you let them in, and the projector "
        "shows how many phones have joined. That way nobody can work out a colleague's sort with an extra "
        "phone or tab. 0: leave it open.",
    },
    "fac.group_size_saved": {"nl": "Groepsgrootte opgeslagen: {size}.", "en": "Group size saved: {size}."},
    "fac.group_size_open": {"nl": "Geen groepsgrootte opgegeven.", "en": "No group size given."},
    "fac.phones": {
        "nl": "{joined} {joined|telefoon|telefoons} binnen · groep van {size}",
        "en": "{joined} {joined|phone|phones} in · group of {size}",
    },
    "fac.phones_open": {
        "nl": "{joined} {joined|telefoon|telefoons} binnen",
        "en": "{joined} {joined|phone|phones} in",
    },
    "fac.phones_over": {
        "nl": "Er doen meer telefoons mee ({joined}) dan de groep mensen heeft ({size}). Vraag of iemand twee "
        "telefoons gebruikt.",
        "en": "More phones have joined ({joined}) than the group has people ({size}). Ask whether anyone is "
        "using two phones.",
    },
    "fac.waiting_phones": {
        "nl": "{n} {n|telefoon wacht|telefoons wachten} om binnen te komen: de groep is vol.",
        "en": "{n} {n|phone waits|phones wait} to be let in: the group is full.",
    },
    "fac.admit": {"nl": "Binnenlaten", "en": "Let in"},
    "fac.admit_help": {
        "nl": "Laat ze alleen binnen als iemand in de zaal nog geen werkende telefoon heeft. Een extra "
        "telefoon van iemand die al meedoet kan samen met zijn eigen sortering die van een collega zichtbaar "
        "maken. Wie je nu binnenlaat, telt pas mee voor sorteringen die hierna worden ingeleverd.",
        "en": "Only let them in if someone in the room has no working phone yet. An extra phone of someone "
        "who already takes part can, together with their own sort, reveal a colleague's. Phones you let in "
        "now count only for sorts submitted after this.",
    },
    "fac.admit_confirm": {"nl": "Ja, laat ze binnen", "en": "Yes, let them in"},
    "proj.phones": {
        "nl": "{joined} {joined|telefoon|telefoons} · groep van {size}",
        "en": "{joined} {joined|phone|phones} · group of {size}",
    },
    "proj.phones_open": {"nl": "{joined} {joined|telefoon|telefoons}", "en": "{joined} {joined|phone|phones}"},
    "sort.paused": {
        "nl": "De begeleider heeft de sessie even gepauzeerd. Je kunt gewoon verder sorteren; inleveren kan "
        "zodra de sessie verdergaat.",
        "en": "The facilitator has paused the session for a moment. You can go on sorting; you can submit "
        "as soon as the session resumes.",
    },
    "fac.resume": {"nl": "Hervatten", "en": "Resume"},
    "fac.new_code": {"nl": "Nieuwe code", "en": "New code"},
    "fac.new_code_help": {
        "nl": "Als de code buiten de groep terechtkwam. De QR-code en de code op het projectorscherm veranderen; "
        "de oude code laat niemand nieuw meer toe. Telefoons die al meedoen, kunnen gewoon verder.",
        "en": "If the code got out of the room. The QR code and the code on the projector change; the old code "
        "admits nobody new. Phones already in carry on as before.",
    },
    "fac.new_round": {"nl": "Nieuwe ronde", "en": "New round"},
    "fac.new_round_help": {
        "nl": "Ronde {round} begint leeg; eerdere rondes blijven bewaard. De resultaten worden weer verborgen.",
        "en": "Round {round} starts empty; earlier rounds are kept. The results are hidden again.",
    },
    "fac.new_round_confirm": {"nl": "Start de nieuwe ronde", "en": "Start the new round"},
    "fac.new_code_confirm": {"nl": "Maak een nieuwe code", "en": "Make a new code"},
    "fac.close_help": {
        "nl": "Niemand kan daarna nog meedoen of inleveren: wie nog aan het sorteren is, kan pas inleveren "
        "als de sessie weer open is. Wat al is ingeleverd blijft bewaard.",
        "en": "Nobody can join or submit after this: a phone still sorting can only send its sort once you "
        "reopen. What was submitted is kept.",
    },
    "fac.close_confirm": {"nl": "Sluit de sessie", "en": "Close the session"},
    "fac.pause_help": {
        "nl": "Telefoons kunnen verder sorteren maar niet inleveren; wat tijdens de pauze wordt ingeleverd, "
        "gaat vanzelf door bij hervatten.",
        "en": "Phones can go on sorting but not submit; what is submitted during the pause goes through by "
        "itself on resume.",
    },
    "fac.open_projector": {"nl": "Projectorscherm openen", "en": "Open the projector screen"},
    "fac.reveal": {"nl": "Op het projectorscherm", "en": "On the projector"},
    "fac.reveal_next": {"nl": "Volgende: {view} ▶", "en": "Next: {view} ▶"},
    "fac.round": {"nl": "ronde", "en": "round"},
    "fac.participants": {"nl": "Deelnemers (anoniem)", "en": "Participants (anonymous)"},
    "fac.nobody": {"nl": "Nog niemand.", "en": "Nobody yet."},
    "fac.state.submitted": {"nl": "ingeleverd: {what}", "en": "submitted: {what}"},
    "fac.state.sorting": {"nl": "bezig met sorteren", "en": "sorting"},
    "fac.statement": {"nl": "Uitspraak", "en": "Statement"},
    "fac.statement_tools": {"nl": "Eén uitspraak bekijken en vastzetten", "en": "Look at one statement and pin it"},
    "fac.pin": {"nl": "Vastzetten voor het gesprek", "en": "Pin for the discussion"},
    "fac.unpin": {"nl": "Losmaken", "en": "Unpin"},
    "fac.pinned": {"nl": "Vastgezet:", "en": "Pinned:"},
    "fac.questions": {"nl": "Vragen aan de deelnemers", "en": "Questions for participants"},
    "fac.save": {"nl": "Opslaan", "en": "Save"},
    "data.export": {"nl": "Gegevens exporteren", "en": "Export the data"},
    "data.export_group_help": {
        "nl": "Groepsresultaten per uitspraak (gemiddelde, spreiding, aantal per kolom), per ronde en sortering, "
        "zoals de schermen ze tonen. Geen losse sorteringen, geen tijden (alleen de datum), alleen de opmerkingen "
        "die u voor het scherm koos. Groepen van minder dan {min} sorteringen staan er niet in; kleinere rollen "
        "samen als 'other roles' zodra dat er minstens {min} zijn.",
        "en": "Group results per statement (mean, spread, count per column), per round and sort, as the screens "
        "show them. No single sorts, no times (the date only), only the comments you chose for the projector. "
        "Groups of fewer than {min} sorts are left out; smaller roles together as 'other roles' once they reach {min}.",
    },
    "data.research_heading": {"nl": "Onderzoeksexport (losse sorteringen)", "en": "Research export (single sorts)"},
    "data.research_button": {"nl": "Onderzoek · {fmt}", "en": "Research · {fmt}"},
    "data.research_help": {
        "nl": "Elke sortering apart, onder p01, p02, ... (zonder naam of link), met de rol, alle opmerkingen en het "
        "tijdstip van insturen: voor R qmethod, PQMethod, KADE en Ken-Q. Wie iemands rol of tijdstip kent, kan "
        "diens sortering herkennen. Bewaar en deel dit bestand alleen zoals het onderzoek dat toestaat.",
        "en": "Every sort on its own, as p01, p02, ... (no name or link), with its role, every comment and when it "
        "was sent: for R qmethod, PQMethod, KADE and Ken-Q. Anyone who knows a person's role or when they sent "
        "it can recognise their sort. Keep and share this file only as the research allows.",
    },
    "data.research_confirm": {
        "nl": "Ik wil de losse sorteringen downloaden",
        "en": "I want to download the single sorts",
    },
    "export.about_what": {
        "nl": "Groepsresultaten per ronde, sortering en uitspraak: aantal sorteringen (n_sorts), gemiddelde "
        "(mean), spreiding (sd) en hoeveel sorteringen de uitspraak in elke kolom legden (n_-4 ... n_+4). "
        "Dezelfde gepubliceerde kopie als de schermen; geen losse sorteringen, alleen de datum van de sessie.",
        "en": "Group results per round, sort and statement: number of sorts (n_sorts), mean, spread (sd) and how "
        "many sorts put the statement in each column (n_-4 ... n_+4). The same published copy as the screens; "
        "no single sorts, the session's date only.",
    },
    "export.about_groups": {
        "nl": "Groep 'all' is de hele groep. Een rol (groep 'role') staat erin vanaf {min} sorteringen; kleinere "
        "rollen en sorteringen zonder rol samen als 'other roles' als dat er minstens {min} zijn, anders niet. "
        "Geen rollen als de rest een groep van minder dan {min} zou verraden.",
        "en": "Group 'all' is the whole group. A role (group 'role') is in from {min} sorts; smaller roles and "
        "sorts without a role together as 'other roles' when they reach {min}, else not at all. No roles when "
        "the rest would give away a group of fewer than {min}.",
    },
    "export.about_rest": {
        "nl": "Opmerkingen: alleen die de begeleider voor het scherm koos, zonder wie ze schreef. De losse "
        "sorteringen staan in de onderzoeksexport, een aparte keuze.",
        "en": "Comments: only those the facilitator chose for the projector, without who wrote them. The single "
        "sorts are in the research export, a separate choice.",
    },
    "export.research_only": {
        "nl": "{fmt} bevat losse sorteringen: alleen met --research.",
        "en": "{fmt} holds single sorts: only with --research.",
    },
    "export.left_out_condition": {
        "nl": "Ronde {round}, {condition}: minder dan {min} sorteringen, niet opgenomen.",
        "en": "Round {round}, {condition}: fewer than {min} sorts, left out.",
    },
    "export.left_out_roles": {
        "nl": "Ronde {round}, {condition}: geen rollen, want een groep zou minder dan {min} sorteringen hebben.",
        "en": "Round {round}, {condition}: no roles, as a group would hold fewer than {min} sorts.",
    },
    "data.import_heading": {"nl": "Een studie importeren", "en": "Import a study"},
    "data.import": {"nl": "Importeren", "en": "Import"},
    "q.heading": {"nl": "Standpunten in de groep (factoranalyse)", "en": "Viewpoints in the group (factor analysis)"},
    "q.condition": {"nl": "Sortering", "en": "Sort"},
    "q.extraction": {"nl": "Extractie", "en": "Extraction"},
    "q.rotation": {"nl": "Rotatie", "en": "Rotation"},
    "q.factors": {"nl": "Aantal standpunten (factoren)", "en": "Number of viewpoints (factors)"},
    "q.kaiser_hint": {
        "nl": "{n} {n|eigenwaarde|eigenwaarden} boven 1: een gebruikelijk startpunt voor het aantal factoren.",
        "en": "{n} {n|eigenvalue|eigenvalues} above 1: a common starting point for the number of factors.",
    },
    "q.viewpoint": {"nl": "Standpunt {factor}", "en": "Viewpoint {factor}"},
    "q.defined_by": {
        "nl": "Gedragen door {n} {n|sortering|sorteringen}: {who} (zelfde p-nummers als in de export)",
        "en": "Defined by {n} {n|sort|sorts}: {who} (the same p-numbers as in the export)",
    },
    "q.distinguishing": {
        "nl": "Onderscheidend voor dit standpunt (p < .05 tegen elk ander)",
        "en": "Distinguishing this viewpoint (p < .05 against every other)",
    },
    "fac.close": {"nl": "Sessie sluiten", "en": "Close session"},
    "fac.reopen": {"nl": "Heropenen", "en": "Reopen"},  # short: it shares a row with three buttons
    "fac.heatmap": {"nl": "Wat is kenmerkend voor ons?", "en": "What is characteristic of us?"},
    "fac.heatmap_help": {
        "nl": "Elke rij is een uitspraak, gesorteerd op gemiddelde positie; elk vak telt hoeveel deelnemers "
        "de uitspraak in die kolom zetten.",
        "en": "Each row is a statement, ordered by mean position; each cell counts how many participants "
        "put the statement in that column.",
    },
    "fac.empty": {
        "nl": "Nog geen sorteringen. De heatmap verschijnt zodra de eerste deelnemer inlevert.",
        "en": "No sorts yet. The heatmap appears as soon as the first participant submits.",
    },
    "fac.sorts": {"nl": "{n} sorteringen", "en": "{n} sorts"},
    "fac.sorts_one": {"nl": "1 sortering", "en": "1 sort"},
    # -- the room: state, snapshots, comments, counts (issue 8) --
    "results.themes_shown": {"nl": "De staven tonen: {who}.", "en": "The bars show: {who}."},
    "results.whole_group": {"nl": "{label} (hele groep)", "en": "{label} (whole group)"},
    "error.unexpected": {
        "nl": "Er ging hier iets mis. Niets van wat is ingeleverd gaat verloren. Laad de pagina opnieuw; "
        "blijft dit gebeuren, meld het dan aan de begeleider.",
        "en": "Something went wrong here. Nothing that was submitted is lost. Reload the page; if it keeps "
        "happening, tell the facilitator.",
    },
    "room.unknown_view": {"nl": "Onbekende weergave: {view}.", "en": "Unknown view: {view}."},
    "room.unknown_comment": {
        "nl": "Dit commentaar is (nog) niet zichtbaar voor de groep.",
        "en": "This comment is not visible to the group (yet).",
    },
    "fac.started_help": {
        "nl": "Deelnemers die minstens één kaart hebben gelegd en nog niets inleverden. Wie alleen de link "
        "opende, telt niet mee.",
        "en": "Participants who placed at least one card and have submitted nothing yet. Opening the link "
        "alone does not count.",
    },
    "fac.state.joined": {"nl": "link geopend, nog niets gelegd", "en": "opened the link, nothing placed yet"},
    "fresh.waiting": {
        "nl": "{k} {k|nieuwe sortering|nieuwe sorteringen} sinds deze weergave. Die komt bij als er minstens "
        "{min} zijn, zodat niemand uit een verschil te herleiden is.",
        "en": "{k} new {k|sort|sorts} since this view. It updates once there are at least {min}, so that nobody "
        "can be worked out from a difference.",
    },
    "view.comments": {"nl": "Wat deelnemers erbij schreven", "en": "What participants wrote"},
    "comments.heading": {"nl": "Commentaren van deelnemers", "en": "Participants' comments"},
    "comments.help": {
        "nl": "Anoniem, per uitspraak, bij de kaarten aan beide uiteinden. Ze verschijnen zodra de weergave "
        "minstens {min} sorteringen telt. Alleen wat je hier aanvinkt komt op de projector, zonder wie het schreef.",
        "en": "Anonymous, per statement, on the cards at both ends. They appear once the view rests on at "
        "least {min} sorts. Only what you tick here goes on the projector, never who wrote it.",
    },
    "comments.none": {"nl": "Nog geen commentaren.", "en": "No comments yet."},
    "comments.not_asked": {
        "nl": "In deze sessie is niet om commentaar gevraagd.",
        "en": "This session did not ask for comments.",
    },
    "comments.end.most": {"nl": "meest kenmerkend", "en": "most characteristic"},
    "comments.end.least": {"nl": "minst kenmerkend", "en": "least characteristic"},
    "comments.show": {"nl": "Op de projector", "en": "On the projector"},
    "comments.none_featured": {
        "nl": "Nog geen commentaren gekozen. De begeleider kiest er een paar uit om te bespreken.",
        "en": "No comments chosen yet. The facilitator picks a few to talk about.",
    },
    "fac.demo_title": {"nl": "Voorbeeldsessie", "en": "Example session"},
    "fac.demo": {"nl": "Maak een voorbeeldsessie met 12 sorteringen", "en": "Make an example session with 12 sorts"},
    "fac.roles_lines": {
        "nl": "Eén rol per regel (of gescheiden door komma's). Leeg laten: niet vragen.",
        "en": "One role per line (or separated by commas). Leave empty: not asked.",
    },
    # -- the phone board and join page (issue 8) --
    "board.welcome": {
        "nl": "Je legt {n} uitspraken over hoe jullie als groep werken in volgorde, van minst tot meest "
        "kenmerkend. Het duurt ongeveer 10 minuten. Er zijn geen goede of foute antwoorden, en niemand ziet "
        "jouw sortering: de groep ziet alleen het totaal.",
        "en": "You will order {n} statements about how your group works, from least to most characteristic. "
        "It takes about 10 minutes. There are no right or wrong answers, and nobody sees your own sort: "
        "the group only sees the total.",
    },
    "board.welcome_two": {
        "nl": "Je legt {n} uitspraken over hoe jullie als groep werken in volgorde, van minst tot meest "
        "kenmerkend: eerst zoals het is, daarna zoals het zou moeten. Samen duurt het ongeveer 15 minuten. "
        "Er zijn geen goede of foute antwoorden, en niemand ziet jouw sortering: de groep ziet alleen het totaal.",
        "en": "You will order {n} statements about how your group works, from least to most characteristic: "
        "first as it is, then as it should be. Together it takes about 15 minutes. There are no right or wrong "
        "answers, and nobody sees your own sort: the group only sees the total.",
    },
    "board.free": {"nl": "nog {n}", "en": "{n} free"},
    "board.no_free": {"nl": "vol", "en": "full"},
    "board.target_full": {"nl": "Kolom {column}, vol: ruilen", "en": "Column {column}, full: swap"},
    "board.full_swap": {
        "nl": "Kolom {column} is vol. Tik op een kaart met ⇄ in die kolom om ze te ruilen.",
        "en": "Column {column} is full. Tap one of its cards marked ⇄ to swap the two.",
    },
    "board.swap_with": {"nl": "Ruilen met: {text}", "en": "Swap with: {text}"},
    "board.swap_cancel": {"nl": "Annuleren", "en": "Cancel"},
    "board.overview": {
        "nl": "Overzicht van het raster: tik op een kolom om erheen te gaan",
        "en": "Overview of the grid: tap a column to go there",
    },
    "board.overview_col": {
        "nl": "Kolom {column}: {n} van {count} geplaatst. Ga erheen",
        "en": "Column {column}: {n} of {count} placed. Go there",
    },
    "board.moved": {"nl": "{n} kaarten verplaatst", "en": "{n} cards moved"},
    "board.moved_one": {"nl": "1 kaart verplaatst", "en": "1 card moved"},
    "board.moved_none": {"nl": "Nog niets verplaatst", "en": "No card moved yet"},
    "board.confirm_unchanged": {
        "nl": "Je hebt nog geen kaart verplaatst: dit is precies hoe het nu is. Toch zo inleveren?",
        "en": "You have not moved any card yet: this is exactly how it is now. Submit it like this anyway?",
    },
    "board.keep_sorting": {"nl": "Verder sorteren", "en": "Keep sorting"},
    "board.submit_unchanged": {"nl": "Ja, ongewijzigd inleveren", "en": "Yes, submit it unchanged"},
    # -- the projector: readability, pins, viewpoints (issue 8) --
    # the Q analysis: input errors (moved here from review/qanalysis.py: one message table) and warnings
    "qanalysis.at": {"nl": "regel {line}, kolom {field}: ", "en": "line {line}, column {field}: "},
    "qanalysis.at_line": {"nl": "regel {line}: ", "en": "line {line}: "},
    "qanalysis.empty": {
        "nl": "Er zijn geen sorteringen: verwacht een kolom met uitspraak-ids en een kolom per Q-sortering.",
        "en": "There are no sorts: expected a column of statement ids and one column per Q-sort.",
    },
    "qanalysis.row_length": {
        "nl": "deze regel heeft {actual} velden; de kopregel heeft er {expected}.",
        "en": "this line has {actual} fields; the header has {expected}.",
    },
    "qanalysis.missing_value": {
        "nl": "sortering {sort} heeft geen waarde voor uitspraak {statement}; elke sortering plaatst elke "
        "uitspraak precies één keer.",
        "en": "sort {sort} has no value for statement {statement}; every Q-sort places every statement exactly once.",
    },
    "qanalysis.not_integer": {
        "nl": "sortering {sort} geeft uitspraak {statement} de waarde {value!r}; dat is geen geheel getal "
        "(een rasterkolom zoals -4..+4).",
        "en": "sort {sort} gives statement {statement} the value {value!r}, which is not a whole number "
        "(a grid column such as -4..+4).",
    },
    "qanalysis.not_grid": {
        "nl": "sortering {sort} past niet in het raster van de andere sorteringen: kolom {position} krijgt "
        "{actual} kaart(en), het raster heeft er {expected}.",
        "en": "sort {sort} does not fit the grid the other sorts imply: it puts {actual} card(s) in column "
        "{position}, where that grid holds {expected}.",
    },
    "qanalysis.constant_sort": {
        "nl": "sortering {sort} legt elke uitspraak in dezelfde kolom ({value}); een constante sortering "
        "heeft geen correlatie met de andere.",
        "en": "sort {sort} puts every statement in the same column ({value}); a constant sort has no "
        "correlation with the others.",
    },
    "qanalysis.duplicate_statement": {
        "nl": "uitspraak-id {statement} komt meer dan één keer voor; elke uitspraak heeft één rij.",
        "en": "statement id {statement} occurs more than once; every statement needs exactly one row.",
    },
    "qanalysis.duplicate_sort": {
        "nl": "sorteer-id {sort} komt meer dan één keer voor; elke Q-sortering heeft een eigen kolomnaam.",
        "en": "sort id {sort} occurs more than once; every Q-sort needs its own column name.",
    },
    "qanalysis.too_few_sorts": {
        "nl": "De analyse met {nfactors} factor(en) vraagt minstens {need} sorteringen; er zijn er {nsorts}.",
        "en": "An analysis with {nfactors} factor(s) needs at least {need} Q-sorts; there are {nsorts}.",
    },
    "qanalysis.too_few_statements": {
        "nl": "De analyse vraagt minstens 2 uitspraken; er zijn er {nstatements}.",
        "en": "The analysis needs at least 2 statements; there are {nstatements}.",
    },
    "qanalysis.bad_nfactors": {
        "nl": "Het aantal factoren moet een geheel getal van minstens 1 zijn, niet {nfactors!r}.",
        "en": "The number of factors must be a whole number of at least 1, not {nfactors!r}.",
    },
    "qanalysis.unknown_method": {
        "nl": "Onbekende {what} {value!r}; kies uit {choices}.",
        "en": "Unknown {what} {value!r}; choose one of {choices}.",
    },
    "qanalysis.bad_flags": {
        "nl": "De vlaggen moeten een tabel van {nsorts} x {nfactors} met waar/onwaar zijn, niet {shape}.",
        "en": "The flags must be a {nsorts} x {nfactors} table of True/False, not {shape}.",
    },
    "qanalysis.warn.undefined": {
        "nl": "Standpunt {n} (factor f{n}): geen sortering draagt het (geen enkele is gemarkeerd), dus het heeft "
        "geen z-scores, modelsortering of onderscheidende uitspraken (R qmethod geeft NA). Kies minder standpunten.",
        "en": "Viewpoint {n} (factor f{n}): no sort defines it (none is flagged), so it has no z-scores, model "
        "sort or distinguishing statements (R qmethod gives NA). Choose fewer viewpoints.",
    },
    "qanalysis.warn.infinite": {
        "nl": "Standpunt {n} (factor f{n}): de z-scores zijn niet te berekenen: een gemarkeerde lading van ±1 "
        "geeft het gewicht a / (1 - a²) geen eindige waarde.",
        "en": "Viewpoint {n} (factor f{n}): its z-scores cannot be computed: a flagged loading of ±1 leaves "
        "the weight a / (1 - a²) without a finite value.",
    },
    "qanalysis.warn.negative": {
        "nl": "Standpunt {n} (factor f{n}): sortering(en) {sorts} laden er negatief op: ze hebben het spiegelbeeld "
        "van dit standpunt en tellen met een negatief gewicht mee in de z-scores, zoals in R qmethod.",
        "en": "Viewpoint {n} (factor f{n}): sort(s) {sorts} are flagged with a negative loading: they hold the "
        "mirror image of this viewpoint and enter its z-scores with a negative weight, as in R qmethod.",
    },
    "qanalysis.warn.multiple": {
        "nl": "Sortering {sort} is op meer dan één standpunt gemarkeerd.",
        "en": "Sort {sort} is flagged on more than one viewpoint.",
    },
    "qanalysis.warn.no_distinguishing": {
        "nl": "Geen onderscheidende of consensus-uitspraken: daarvoor zijn minstens twee standpunten nodig die "
        "door sorteringen gedragen worden.",
        "en": "No distinguishing or consensus statements: they need at least two viewpoints that sorts define.",
    },
    # the viewpoints on the projector and the facilitator's choice of analysis
    "view.viewpoints": {"nl": "Standpunten in de groep", "en": "Viewpoints in the group"},
    "vp.shared": {"nl": "gedeeld door {n} mensen", "en": "shared by {n} people"},
    "vp.higher": {"nl": "Staat hoger dan bij de andere standpunten", "en": "Ranks higher than in the other viewpoints"},
    "vp.lower": {"nl": "Staat lager dan bij de andere standpunten", "en": "Ranks lower than in the other viewpoints"},
    "vp.few": {
        "nl": "Standpunt {n} wordt door minder dan {min} mensen gedeeld en staat daarom niet op het scherm.",
        "en": "Viewpoint {n} is shared by fewer than {min} people, so it is not shown.",
    },
    "vp.undefined": {
        "nl": "Standpunt {n} past bij niemands sortering duidelijk en staat daarom niet op het scherm.",
        "en": "Viewpoint {n} clearly fits nobody's sort, so it is not shown.",
    },
    "vp.one": {
        "nl": "Er is één standpunt te zien: er is geen ander om het mee te vergelijken.",
        "en": "There is one viewpoint to show: no other to compare it with.",
    },
    "vp.failed": {
        "nl": "De standpunten zijn met de sorteringen van nu nog niet te berekenen. De begeleider kan minder "
        "standpunten kiezen.",
        "en": "The viewpoints cannot be computed from the sorts so far. The facilitator can choose fewer viewpoints.",
    },
    "vp.not_chosen": {
        "nl": "De begeleider heeft nog geen analyse gekozen.",
        "en": "The facilitator has not chosen an analysis yet.",
    },
    "vp.fit": {
        "nl": "{n} van deze standpunten {n|wordt|worden} door minder dan {min} mensen gedeeld (of door niemand); "
        "de projector laat {n|het|ze} weg. Met {fits} {fits|standpunt|standpunten} laat de projector niets weg.",
        "en": "{n} of these viewpoints {n|is|are} shared by fewer than {min} people (or by nobody); the projector "
        "leaves {n|it|them} out. With {fits} {fits|viewpoint|viewpoints} the projector leaves nothing out.",
    },
    "vp.fit_none": {
        "nl": "{n} van deze standpunten {n|wordt|worden} door minder dan {min} mensen gedeeld (of door niemand); "
        "de projector laat {n|het|ze} weg. Met deze sorteringen deelt geen enkel standpunt minstens {min} mensen: "
        "laat de standpunten nu weg.",
        "en": "{n} of these viewpoints {n|is|are} shared by fewer than {min} people (or by nobody); the projector "
        "leaves {n|it|them} out. With these sorts no viewpoint is shared by {min} people or more: leave the "
        "viewpoints out for now.",
    },
    "vp.fit_use": {"nl": "Kies {fits} {fits|standpunt|standpunten}", "en": "Choose {fits} {fits|viewpoint|viewpoints}"},
    "vp.room_max": {
        "nl": "Er passen hoogstens {max} standpunten op de projector.",
        "en": "At most {max} viewpoints fit on the projector.",
    },
    "q.use": {"nl": "Deze analyse op de projector", "en": "Use this analysis on the projector"},
    "q.use_help": {
        "nl": "Voegt de stap 'Standpunten in de groep' toe aan wat de projector kan tonen: in woorden, zonder "
        "namen, berekend op de sorteringen die de groep al ziet (minstens {min}).",
        "en": "Adds the step 'Viewpoints in the group' to what the projector can reveal: in words, without names, "
        "computed from the sorts the group already sees (at least {min}).",
    },
    "q.in_use": {
        "nl": "Op de projector: {condition}, {extraction}, {rotation}, {n} standpunt(en).",
        "en": "On the projector: {condition}, {extraction}, {rotation}, {n} viewpoint(s).",
    },
    "q.stop": {"nl": "Van de projector halen", "en": "Take it off the projector"},
    "q.model_sort": {
        "nl": "De hele modelsortering, per kolom",
        "en": "The whole model sort, by column",
    },
    "chart.pins_more": {
        "nl": "+ nog {n} vastgezette {n|uitspraak|uitspraken}",
        "en": "+ {n} more pinned {n|statement|statements}",
    },
    "proj.no_pins": {
        "nl": "Nog geen uitspraken gekozen om over te praten.",
        "en": "No statements chosen to talk about yet.",
    },
    "error.unknown_trajectory": {
        "nl": "Dit traject bestaat niet (meer): {trajectory}.",
        "en": "This trajectory does not exist (any more): {trajectory}.",
    },
    # -- statement sets, grids and themes as content (issue 10) --
    "library.problems": {
        "nl": "Deze set kan zo niet bewaard worden ({count} {count|probleem|problemen}):",
        "en": "This set cannot be saved like this ({count} {count|problem|problems}):",
    },
    "library.no_name": {"nl": "Geef de set een naam.", "en": "Give the set a name."},
    "library.bad_id": {
        "nl": "Rij {row}: het nummer {value!r} is geen positief geheel getal.",
        "en": "Row {row}: the id {value!r} is not a positive whole number.",
    },
    "library.duplicate_id": {
        "nl": "Rij {row}: nummer {id} staat ook al in rij {first}.",
        "en": "Row {row}: id {id} is also in row {first}.",
    },
    "library.empty_text": {
        "nl": "Rij {row} (nummer {id}): de uitspraak is leeg.",
        "en": "Row {row} (id {id}): the statement is empty.",
    },
    "library.missing_nl": {
        "nl": "Rij {row} (nummer {id}): de Nederlandse tekst ontbreekt.",
        "en": "Row {row} (id {id}): the Dutch text is missing.",
    },
    "library.missing_en": {
        "nl": "Rij {row} (nummer {id}): de Engelse vertaling ontbreekt.",
        "en": "Row {row} (id {id}): the English translation is missing.",
    },
    "library.duplicate_text": {
        "nl": "Rij {row} (nummer {id}): dezelfde tekst staat ook in rij {first}.",
        "en": "Row {row} (id {id}): the same text is also in row {first}.",
    },
    "library.too_long": {
        "nl": "Rij {row} (nummer {id}): de tekst is langer dan {limit} tekens.",
        "en": "Row {row} (id {id}): the text is longer than {limit} characters.",
    },
    "library.unknown_theme": {
        "nl": (
            "Rij {row} (nummer {id}): het thema {theme!r} hoort niet bij deze set. Voeg het toe bij de "
            "thema's of kies een ander."
        ),
        "en": (
            "Row {row} (id {id}): the theme {theme!r} is not one of this set's. Add it under themes or choose another."
        ),
    },
    "library.too_few": {
        "nl": "De set heeft {n} uitspraken; er zijn er minstens {least} nodig.",
        "en": "The set has {n} statements; it needs at least {least}.",
    },
    "library.too_many": {
        "nl": "De set heeft {n} uitspraken; er passen er hoogstens {most} in.",
        "en": "The set has {n} statements; at most {most} fit.",
    },
    "library.grid_mismatch": {
        "nl": "Het raster heeft {cells} plaatsen, maar de set heeft {n} uitspraken. Pas de aantallen per kolom aan.",
        "en": "The grid has {cells} places, but the set has {n} statements. Adjust the counts per column.",
    },
    "library.grid_counts": {
        "nl": "Elke kolom van het raster heeft minstens één plaats nodig.",
        "en": "Every column of the grid needs at least one place.",
    },
    "library.theme_no_name": {
        "nl": "Thema in rij {row}: de naam ({lang}) ontbreekt.",
        "en": "Theme in row {row}: the name ({lang}) is missing.",
    },
    "library.duplicate_theme": {
        "nl": "Thema in rij {row}: {theme!r} staat er al.",
        "en": "Theme in row {row}: {theme!r} is already there.",
    },
    "library.too_big": {
        "nl": "Dit bestand is groter dan {most} MB; een set mag hoogstens {most} MB zijn. Er is niets ingelezen.",
        "en": "This file is larger than {most} MB; a set may be at most {most} MB. Nothing was imported.",
    },
    "library.too_many_rows": {
        "nl": "Dit bestand heeft meer dan {most} rijen; een set heeft hoogstens {statements} uitspraken "
        "(één rij per uitspraak, onder de kop). Er is niets ingelezen.",
        "en": "This file has more than {most} rows; a set holds at most {statements} statements "
        "(one row each, under the heading row). Nothing was imported.",
    },
    "library.unpacked_too_big": {
        "nl": "Dit Excel-bestand is uitgepakt groter dan {most} MB (een .xlsx is een zip-archief); een set is "
        "uitgepakt hoogstens {most} MB. Bewaar alleen de tabel in een nieuwe werkmap. Er is niets ingelezen.",
        "en": "This Excel file unpacks to more than {most} MB (an .xlsx is a zip archive); a set unpacks to "
        "at most {most} MB. Save just the table in a new workbook. Nothing was imported.",
    },
    "library.not_table": {
        "nl": "{name!r} is geen CSV- of XLSX-bestand. Bewaar de tabel als CSV (UTF-8) of Excel-werkmap (.xlsx).",
        "en": "{name!r} is not a CSV or XLSX file. Save the table as CSV (UTF-8) or an Excel workbook (.xlsx).",
    },
    "library.not_utf8": {
        "nl": "Dit CSV-bestand is niet in UTF-8. Kies in Excel 'CSV UTF-8' bij Opslaan als, en lees het opnieuw in.",
        "en": "This CSV file is not UTF-8. In Excel, choose 'CSV UTF-8' under Save as, and import it again.",
    },
    "library.missing_columns": {
        "nl": "Het bestand mist de kolom(men) {missing}. De eerste rij moet de koppen id, nl, en en theme hebben.",
        "en": "The file lacks the column(s) {missing}. Its first row needs the headings id, nl, en and theme.",
    },
    "library.unknown_set": {
        "nl": "Deze set bestaat niet (meer): {set}.",
        "en": "This set does not exist (any more): {set}.",
    },
    "library.heading": {"nl": "Sets uitspraken", "en": "Statement sets"},
    "library.back": {"nl": "← Terug naar de sessies", "en": "← Back to the sessions"},
    "library.link": {"nl": "Sets uitspraken beheren", "en": "Manage statement sets"},
    "library.builtin": {"nl": "Meegeleverd", "en": "Built in"},
    "library.n_statements": {"nl": "{n} uitspraken", "en": "{n} statements"},
    "library.builtin_note": {
        "nl": "Meegeleverd met de app; maak een kopie om hem aan te passen.",
        "en": "Comes with the app; make a copy to change it.",
    },
    "library.row": {
        "nl": "{n} uitspraken · versie {version} · {versions} {versions|versie|versies} · "
        "gebruikt in {sessions} {sessions|sessie|sessies}",
        "en": "{n} statements · version {version} · {versions} {versions|version|versions} · "
        "used in {sessions} {sessions|session|sessions}",
    },
    "library.archived": {"nl": "Gearchiveerd", "en": "Archived"},
    "library.show_archived": {"nl": "Ook gearchiveerde sets tonen", "en": "Also show archived sets"},
    "library.edit": {"nl": "Bewerken", "en": "Edit"},
    "library.copy": {"nl": "Kopiëren", "en": "Copy"},
    "library.archive": {"nl": "Archiveren", "en": "Archive"},
    "library.unarchive": {"nl": "Terugzetten", "en": "Restore"},
    "library.new": {"nl": "Nieuwe set", "en": "New set"},
    "library.new_name": {"nl": "Nieuwe set", "en": "New set"},
    "library.copy_of": {"nl": "Kopie van {name}", "en": "Copy of {name}"},
    "library.editing": {"nl": "Bewerken: {name}", "en": "Editing: {name}"},
    "library.in_use": {
        "nl": (
            "Deze set is gebruikt in {sessions} sessies. Bewaren maakt versie {next}; die sessies houden hun "
            "eigen versie."
        ),
        "en": (
            "This set was used in {sessions} sessions. Saving makes version {next}; those sessions keep their "
            "own version."
        ),
    },
    "library.name_nl": {"nl": "Naam (Nederlands)", "en": "Name (Dutch)"},
    "library.name_en": {"nl": "Naam (Engels)", "en": "Name (English)"},
    "library.statements": {"nl": "Uitspraken", "en": "Statements"},
    "library.col_id": {"nl": "Nr.", "en": "Id"},
    "library.col_nl": {"nl": "Nederlands", "en": "Dutch"},
    "library.col_en": {"nl": "Engels", "en": "English"},
    "library.col_theme": {"nl": "Thema", "en": "Theme"},
    "library.themes": {"nl": "Thema's", "en": "Themes"},
    "library.themes_help": {
        "nl": (
            "Hernoem een thema of voeg er een toe (een lege rij onderaan). De code (id) volgt uit de Nederlandse naam."
        ),
        "en": "Rename a theme or add one (an empty row at the bottom). Its id follows from the Dutch name.",
    },
    "library.grid": {"nl": "Raster", "en": "Grid"},
    "library.grid_help": {
        "nl": "Voorgesteld voor {n} uitspraken. Pas het aantal plaatsen per kolom aan als je wilt.",
        "en": "Proposed for {n} statements. Adjust the places per column if you like.",
    },
    "library.columns": {"nl": "Kolommen aan elke kant", "en": "Columns on each side"},
    "library.propose": {"nl": "Opnieuw voorstellen", "en": "Propose again"},
    "library.grid_sum": {
        "nl": "Plaatsen in het raster: {cells} · uitspraken: {n}",
        "en": "Places in the grid: {cells} · statements: {n}",
    },
    "library.save": {"nl": "Bewaren", "en": "Save"},
    "library.saved": {"nl": "Bewaard als versie {version}.", "en": "Saved as version {version}."},
    "library.unchanged": {
        "nl": "Er is niets veranderd: versie {version} blijft de huidige.",
        "en": "Nothing changed: version {version} stays the current one.",
    },
    "library.close": {"nl": "Sluiten", "en": "Close"},
    "library.import": {"nl": "Inlezen uit CSV of XLSX", "en": "Import from CSV or XLSX"},
    "library.import_help": {
        "nl": (
            "Kolommen: id, nl, en, theme (de Nederlandse tekst, de Engelse, het thema). Hoogstens {mb} MB en "
            "{rows} rijen. Het ingelezen bestand vervangt de uitspraken in de editor; er wordt pas iets bewaard "
            "als je op Bewaren klikt."
        ),
        "en": (
            "Columns: id, nl, en, theme (the Dutch text, the English, the theme). At most {mb} MB and {rows} "
            "rows. The file replaces the statements in the editor; nothing is saved until you click Save."
        ),
    },
    "library.import_file": {"nl": "Bestand", "en": "File"},
    "library.import_problems": {
        "nl": "Niet ingelezen: de editor is niet veranderd.",
        "en": "Not imported: the editor is unchanged.",
    },
    "library.imported": {
        "nl": "{n} {n|uitspraak|uitspraken} ingelezen. Controleer ze en klik op Bewaren.",
        "en": "{n} {n|statement|statements} imported. Check them and click Save.",
    },
    "library.export": {"nl": "Exporteren", "en": "Export"},
    "library.export_csv": {"nl": "CSV downloaden", "en": "Download CSV"},
    "library.export_xlsx": {"nl": "XLSX downloaden", "en": "Download XLSX"},
    "fac.set_own_grid": {"nl": "Het eigen raster van de set", "en": "The set's own grid"},
    # -- trajectories (issue 10) --
    "traj.invalid": {"nl": "Dit traject klopt niet.", "en": "This trajectory is not valid."},
    "traj.bad_organisation": {
        "nl": "Geef de naam van de organisatie (hoogstens {limit} tekens).",
        "en": "Give the organisation's name (at most {limit} characters).",
    },
    "traj.bad_title": {
        "nl": "Geef het traject een titel (hoogstens {limit} tekens).",
        "en": "Give the trajectory a title (at most {limit} characters).",
    },
    "traj.bad_facilitator": {
        "nl": "De naam van de begeleider mag hoogstens {limit} tekens hebben.",
        "en": "The facilitator's name may have at most {limit} characters.",
    },
    "traj.no_groups": {
        "nl": "Noem minstens één groep (één per regel of gescheiden door komma's).",
        "en": "Name at least one group (one per line or separated by commas).",
    },
    "traj.too_many_groups": {
        "nl": "Een traject heeft hoogstens {max} groepen; dit zijn er {n}.",
        "en": "A trajectory has at most {max} groups; these are {n}.",
    },
    "traj.long_group": {
        "nl": "De groepsnaam '{group}' is te lang: hoogstens {limit} tekens.",
        "en": "The group name '{group}' is too long: at most {limit} characters.",
    },
    "traj.repeated_group": {
        "nl": "De groep '{group}' staat er twee keer in.",
        "en": "The group '{group}' is listed twice.",
    },
    "traj.group_in_use": {
        "nl": "De groep '{group}' heeft nog sessies in dit traject; haal die er eerst uit.",
        "en": "The group '{group}' still has sessions in this trajectory; take them out first.",
    },
    "traj.unknown_group": {
        "nl": "'{group}' is geen groep van dit traject.",
        "en": "'{group}' is not a group of this trajectory.",
    },
    "traj.bad_meeting": {
        "nl": "Kies een bijeenkomst van 0 (de intake) tot en met {max}.",
        "en": "Choose a meeting from 0 (the intake) to {max}.",
    },
    "traj.long_theme": {
        "nl": "Het thema mag hoogstens {limit} tekens hebben.",
        "en": "The theme may have at most {limit} characters.",
    },
    "traj.session_elsewhere": {
        "nl": "De sessie '{title}' hoort al bij een ander traject.",
        "en": "The session '{title}' already belongs to another trajectory.",
    },
    "traj.meeting_taken": {
        "nl": "Groep '{group}' heeft voor bijeenkomst {meeting} al de sessie '{title}'; haal die er eerst uit.",
        "en": "Group '{group}' already has the session '{title}' for meeting {meeting}; take that out first.",
    },
    "traj.not_placed": {
        "nl": "De sessie '{title}' hoort niet bij dit traject.",
        "en": "The session '{title}' is not part of this trajectory.",
    },
    "traj.intake": {"nl": "Intake", "en": "Intake"},
    "traj.meeting_n": {"nl": "Bijeenkomst {n}", "en": "Meeting {n}"},
    "traj.withheld_few": {
        "nl": "Niet getoond: aan minstens één kant zijn minder dan {min} sorteringen (anonimiteit).",
        "en": "Not shown: at least one side has fewer than {min} sorts (anonymity).",
    },
    "traj.withheld_condition": {
        "nl": "Niet te vergelijken: een van de sessies vroeg deze sortering niet.",
        "en": "Cannot be compared: one of the sessions did not ask for this sort.",
    },
    "traj.withheld_nothing_shared": {
        "nl": "Niet te vergelijken: de twee sessies hebben geen uitspraak gemeen.",
        "en": "Cannot be compared: the two sessions share no statement.",
    },
    "traj.mixed_sets": {
        "nl": "De sessies gebruiken verschillende uitspraken: vergeleken op de {shared} gedeelde uitspraken "
        "(van {a} en {b}).",
        "en": "The sessions use different statements: compared on {shared} shared statements of {a} and {b}.",
    },
    "traj.fewer_than": {"nl": "minder dan {min}", "en": "fewer than {min}"},
    "traj.heading": {"nl": "Trajecten", "en": "Trajectories"},
    "traj.back": {"nl": "← Sessies", "en": "← Sessions"},
    "traj.all": {"nl": "← Alle trajecten", "en": "← All trajectories"},
    "traj.new": {"nl": "Nieuw traject", "en": "New trajectory"},
    "traj.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "traj.title": {"nl": "Titel", "en": "Title"},
    "traj.title_default": {"nl": "Goed Werk Traject", "en": "Good Work trajectory"},
    "traj.facilitator": {"nl": "Begeleider", "en": "Facilitator"},
    "traj.groups": {"nl": "Groepen", "en": "Groups"},
    "traj.groups_help": {
        "nl": "Eén per regel of gescheiden door komma's, bijvoorbeeld: Groep A, Groep B.",
        "en": "One per line or separated by commas, for example: Group A, Group B.",
    },
    "traj.groups_default": {"nl": "Groep A", "en": "Group A"},
    "traj.create": {"nl": "Traject aanmaken", "en": "Create trajectory"},
    "traj.none": {"nl": "Nog geen trajecten.", "en": "No trajectories yet."},
    "traj.open": {"nl": "Openen", "en": "Open"},
    "traj.summary": {
        "nl": "{organisation} · {groups} {groups|groep|groepen} · {sessions} {sessions|sessie|sessies}",
        "en": "{organisation} · {groups} {groups|group|groups} · {sessions} {sessions|session|sessions}",
    },
    "traj.details": {"nl": "Gegevens aanpassen", "en": "Edit details"},
    "traj.save": {"nl": "Opslaan", "en": "Save"},
    "traj.saved": {"nl": "Opgeslagen.", "en": "Saved."},
    "traj.timeline": {"nl": "Bijeenkomsten", "en": "Meetings"},
    "traj.no_meetings": {
        "nl": "Nog geen sessies in dit traject: voeg hieronder een sessie toe.",
        "en": "No sessions in this trajectory yet: add one below.",
    },
    "traj.group": {"nl": "Groep", "en": "Group"},
    "traj.meeting": {"nl": "Bijeenkomst", "en": "Meeting"},
    "traj.theme": {"nl": "Thema", "en": "Theme"},
    "traj.add": {"nl": "Een sessie toevoegen", "en": "Add a session"},
    "traj.session": {"nl": "Sessie", "en": "Session"},
    "traj.add_button": {"nl": "Toevoegen", "en": "Add"},
    "traj.no_free": {
        "nl": "Alle sessies horen al bij een traject. Maak eerst een sessie aan op de pagina Sessies.",
        "en": "Every session already belongs to a trajectory. Create a session first on the Sessions page.",
    },
    "traj.remove": {"nl": "Een sessie uit het traject halen", "en": "Take a session out of the trajectory"},
    "traj.remove_button": {"nl": "Uit het traject halen", "en": "Take it out"},
    "traj.remove_help": {
        "nl": "De sessie en haar sorteringen blijven bewaard.",
        "en": "The session and its sorts are kept.",
    },
    "traj.compare_meetings": {"nl": "Verschuiving tussen bijeenkomsten", "en": "Movement between meetings"},
    "traj.compare_groups": {"nl": "Groep tegenover groep", "en": "Group against group"},
    "traj.condition": {"nl": "Sortering", "en": "Sort"},
    "traj.from": {"nl": "Van", "en": "From"},
    "traj.to": {"nl": "Naar", "en": "To"},
    "traj.group_a": {"nl": "Groep A", "en": "Group A"},
    "traj.group_b": {"nl": "Groep B", "en": "Group B"},
    "traj.need_two_meetings": {
        "nl": "Een groep heeft minstens twee sessies nodig om een verschuiving te tonen.",
        "en": "A group needs at least two sessions to show a movement.",
    },
    "traj.need_two_groups": {
        "nl": "Twee groepen vergelijken kan zodra twee groepen dezelfde bijeenkomst hebben gehad.",
        "en": "Two groups can be compared once two groups have had the same meeting.",
    },
    "traj.same_group": {"nl": "Kies twee verschillende groepen.", "en": "Choose two different groups."},
    "traj.same_meeting": {"nl": "Kies twee verschillende bijeenkomsten.", "en": "Choose two different meetings."},
    "traj.sorts_each": {
        "nl": "Sorteringen: {a} ({label_a}) en {b} ({label_b}).",
        "en": "Sorts: {a} ({label_a}) and {b} ({label_b}).",
    },
    "traj.col_statement": {"nl": "Uitspraak", "en": "Statement"},
    "traj.col_change": {"nl": "Verschuiving", "en": "Change"},
    "traj.col_difference": {"nl": "Verschil ({b} - {a})", "en": "Difference ({b} - {a})"},
    "traj.sorts_col": {"nl": "sorteringen", "en": "sorts"},
    # -- the discussion view: starting points, questions, notes (issue 10) --
    "questions.invalid": {"nl": "Deze vragenset klopt niet.", "en": "This question set is not valid."},
    "questions.kind.disputed": {"nl": "Verdeeld", "en": "Disputed"},
    "questions.kind.gap": {"nl": "Kloof nu–gewenst", "en": "Gap now–desired"},
    "questions.kind.split": {"nl": "Standpunten verschillen", "en": "Viewpoints split"},
    "questions.kind.consensus": {"nl": "Eensgezind", "en": "Agreed"},
    "questions.kind.session": {"nl": "Hele sessie", "en": "Whole session"},
    "questions.unknown_kind": {
        "nl": "Regel {row}: onbekende soort '{kind}'. Kies Verdeeld, Kloof nu–gewenst, Standpunten verschillen, "
        "Eensgezind of Hele sessie.",
        "en": "Row {row}: unknown kind '{kind}'. Choose Disputed, Gap now–desired, Viewpoints split, Agreed or "
        "Whole session.",
    },
    "questions.empty_nl": {
        "nl": "Vraag {number} bij '{kind}' heeft geen Nederlandse tekst.",
        "en": "Question {number} of '{kind}' has no Dutch text.",
    },
    "questions.empty_en": {
        "nl": "Vraag {number} bij '{kind}' heeft geen Engelse tekst.",
        "en": "Question {number} of '{kind}' has no English text.",
    },
    "questions.too_long_nl": {
        "nl": "De Nederlandse tekst van vraag {number} bij '{kind}' is {n} tekens; het maximum is {max}.",
        "en": "The Dutch text of question {number} of '{kind}' is {n} characters; the maximum is {max}.",
    },
    "questions.too_long_en": {
        "nl": "De Engelse tekst van vraag {number} bij '{kind}' is {n} tekens; het maximum is {max}.",
        "en": "The English text of question {number} of '{kind}' is {n} characters; the maximum is {max}.",
    },
    "questions.too_many": {
        "nl": "Dit zijn {n} vragen; een set heeft er hoogstens {max}.",
        "en": "These are {n} questions; a set has at most {max}.",
    },
    "questions.missing_kind": {
        "nl": "Er is geen vraag bij '{kind}'. Elke soort heeft minstens één vraag nodig.",
        "en": "There is no question for '{kind}'. Every kind needs at least one question.",
    },
    "notes.bad_point": {
        "nl": "Deze notitie hoort niet bij een startpunt of bij de sessie (een sleutel van hoogstens {max} tekens).",
        "en": "This note belongs neither to a starting point nor to the session (a key of at most {max} characters).",
    },
    "notes.bad_kind": {
        "nl": "Onbekende soort notitie; kies uit: {kinds}.",
        "en": "Unknown kind of note; choose from: {kinds}.",
    },
    "notes.bad_body": {"nl": "Een notitie is tekst.", "en": "A note is text."},
    "notes.too_long": {
        "nl": "Deze notitie is {n} tekens; het maximum is {max}. Zet de rest in een volgende notitie.",
        "en": "This note is {n} characters; the maximum is {max}. Put the rest in another note.",
    },
    "notes.forbidden": {
        "nl": "Alleen de begeleider kan notities opslaan. Log opnieuw in en typ verder.",
        "en": "Only the facilitator can save notes. Log in again and carry on typing.",
    },
    "notes.unavailable": {
        "nl": "De server kan de notitie nu niet opslaan; hij wordt zo opnieuw verstuurd. Laat deze pagina open.",
        "en": "The server cannot store the note right now; it is sent again shortly. Keep this page open.",
    },
    "notes.saving": {"nl": "Opslaan…", "en": "Saving…"},
    "notes.saved": {"nl": "Opgeslagen", "en": "Saved"},
    "notes.retrying": {"nl": "Niet opgeslagen, opnieuw proberen…", "en": "Not saved, retrying…"},
    "notes.refused": {"nl": "Niet opgeslagen: {message}", "en": "Not saved: {message}"},
    "notes.note": {"nl": "Notities", "en": "Notes"},
    "notes.next": {"nl": "Afgesproken vervolgstappen", "en": "Agreed next steps"},
    "notes.note_hint": {"nl": "Wat er gezegd werd…", "en": "What was said…"},
    "notes.next_hint": {"nl": "Wie doet wat, wanneer…", "en": "Who does what, by when…"},
    "disc.title": {"nl": "Het gesprek", "en": "The discussion"},
    "disc.intro": {
        "nl": "Startpunten uit de gegevens van de groep, elk met een vraag om samen bij stil te staan: een spiegel, "
        "geen oordeel. Wat je typt wordt meteen bewaard.",
        "en": "Starting points from the group's data, each with a question to reflect on together: a mirror, not a "
        "verdict. What you type is saved as you type.",
    },
    "disc.back": {"nl": "← Terug naar de sessie", "en": "← Back to the session"},
    "disc.refresh": {"nl": "Startpunten vernieuwen", "en": "Refresh the starting points"},
    "disc.refresh_help": {
        "nl": "Neemt nieuw ingeleverde sorteringen mee. Je notities blijven staan.",
        "en": "Takes newly submitted sorts into account. Your notes stay.",
    },
    "disc.no_session": {
        "nl": "Kies eerst een sessie op de pagina van de begeleider.",
        "en": "Choose a session on the facilitator's page first.",
    },
    "disc.open": {"nl": "Het gesprek", "en": "The discussion"},
    "disc.sorts": {"nl": "Op basis van {n} sorteringen.", "en": "Based on {n} sorts."},
    "disc.fig.mean": {"nl": "gemiddeld {value}", "en": "mean {value}"},
    "disc.fig.sd": {"nl": "spreiding {value}", "en": "spread {value}"},
    "disc.fig.observed": {"nl": "nu {value}", "en": "now {value}"},
    "disc.fig.desired": {"nl": "gewenst {value}", "en": "desired {value}"},
    "disc.fig.gap": {"nl": "verschil {value}", "en": "shift {value}"},
    "disc.fig.higher": {
        "nl": "standpunt {viewpoint} legt deze hoger dan de andere",
        "en": "viewpoint {viewpoint} places it higher than the others",
    },
    "disc.fig.lower": {
        "nl": "standpunt {viewpoint} legt deze lager dan de andere",
        "en": "viewpoint {viewpoint} places it lower than the others",
    },
    "disc.comments": {"nl": "Wat deelnemers erbij schreven", "en": "What participants wrote"},
    "disc.question": {"nl": "Vraag", "en": "Question"},
    "disc.no_gap": {
        "nl": "Nog geen kloof nu–gewenst: {n} sortering(en) van hoe het zou moeten zijn; vanaf {min} verschijnt die.",
        "en": "No gap now–desired yet: {n} sort(s) of how it should be; it appears from {min} on.",
    },
    "disc.no_split": {
        "nl": "Standpunten in de groep: kies eerst een analyse op de pagina van de begeleider.",
        "en": "Viewpoints in the group: choose an analysis on the facilitator's page first.",
    },
    "disc.no_viewpoint_shown": {
        "nl": "Geen van de standpunten wordt door minstens {min} mensen gedeeld, dus ze staan hier niet. "
        "Kies minder standpunten in de analyse.",
        "en": "None of the viewpoints is shared by {min} people or more, so they are not shown here. Choose fewer "
        "viewpoints in the analysis.",
    },
    "disc.no_split_found": {
        "nl": "De standpunten verschillen op geen enkele uitspraak duidelijk van alle andere.",
        "en": "The viewpoints do not clearly differ from all the others on any statement.",
    },
    "disc.session": {"nl": "De sessie als geheel", "en": "The session as a whole"},
    "disc.session_intro": {
        "nl": "Om af te sluiten, bijvoorbeeld:",
        "en": "To close, for example:",
    },
    "disc.questions": {"nl": "Reflectieve vragen bewerken", "en": "Edit the reflective questions"},
    "disc.questions_help": {
        "nl": "Per soort startpunt één of meer vragen, in het Nederlands en het Engels (hoogstens {max} tekens). "
        "Startpunten van dezelfde soort krijgen om de beurt een andere vraag.",
        "en": "One or more questions per kind of starting point, in Dutch and English (at most {max} characters). "
        "Starting points of one kind take turns with the questions.",
    },
    "disc.questions_default": {"nl": "Dit is de standaardset.", "en": "This is the default set."},
    "disc.questions_edited": {"nl": "Dit is een bewerkte set.", "en": "This is an edited set."},
    "disc.col.kind": {"nl": "Soort", "en": "Kind"},
    "disc.col.nl": {"nl": "Nederlands", "en": "Dutch"},
    "disc.col.en": {"nl": "Engels", "en": "English"},
    "disc.questions_save": {"nl": "Vragen opslaan", "en": "Save the questions"},
    "disc.questions_saved": {"nl": "De vragen zijn opgeslagen.", "en": "The questions are saved."},
    "disc.questions_reset": {"nl": "Terug naar de standaardset", "en": "Back to the default set"},
    # -- reports (issue 10) --
    "report.tagline": {
        "nl": "REVIEW is een spiegel, geen oordeel: het laat zien hoe deze groep het eigen werk ziet, "
        "zodat u er samen over kunt praten.",
        "en": "REVIEW is a mirror, not a verdict: it shows how this group sees its own work, "
        "so that you can talk about it together.",
    },
    "report.title.session": {"nl": "Verslag van de sessie", "en": "Session report"},
    "report.title.trajectory": {"nl": "Verslag van het traject", "en": "Trajectory report"},
    "report.cover.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "report.cover.group": {"nl": "Groep", "en": "Group"},
    "report.cover.date": {"nl": "Datum", "en": "Date"},
    "report.cover.facilitator": {"nl": "Begeleider", "en": "Facilitator"},
    "report.cover.code": {"nl": "Sessiecode", "en": "Session code"},
    "report.cover.set": {"nl": "Uitspraken", "en": "Statements"},
    "report.cover.meeting": {"nl": "Bijeenkomst", "en": "Meeting"},
    "report.cover.round": {"nl": "Ronde", "en": "Round"},
    "report.cover.meetings": {"nl": "Bijeenkomsten", "en": "Meetings"},
    "report.not_given": {"nl": "niet opgegeven", "en": "not given"},
    "report.months": {
        "nl": "januari februari maart april mei juni juli augustus september oktober november december",
        "en": "January February March April May June July August September October November December",
    },
    "report.made": {"nl": "Gemaakt met REVIEW op {date}.", "en": "Made with REVIEW on {date}."},
    "report.page": {"nl": "pagina {n}", "en": "page {n}"},
    "report.figure": {"nl": "Figuur {n}.", "en": "Figure {n}."},
    "report.howto.title": {"nl": "Hoe leest u dit verslag", "en": "How to read this report"},
    "report.howto.sort": {
        "nl": "Iedere deelnemer legde {n} uitspraken over het werk in een vaste verdeling, van minst kenmerkend "
        "({low}) tot meest kenmerkend ({high}) voor de eigen groep. De getallen in dit verslag zijn gemiddelde "
        "posities op die schaal: +2 betekent dat de groep een uitspraak gemiddeld duidelijk herkent.",
        "en": "Each participant laid out {n} statements about the work in a fixed distribution, from least "
        "characteristic ({low}) to most characteristic ({high}) of their own group. The numbers in this report "
        "are mean positions on that scale: +2 means the group clearly recognises a statement, on average.",
    },
    "report.howto.spread": {
        "nl": "De spreiding (standaardafwijking) zegt hoe verschillend mensen over een uitspraak denken. Een grote "
        "spreiding is geen probleem: daar valt het meest te bespreken.",
        "en": "The spread (standard deviation) says how differently people see a statement. A large spread is not "
        "a problem: that is where there is most to talk about.",
    },
    "report.howto.anonymity": {
        "nl": "Het verslag toont alleen wat de groep samen laat zien, over ten minste {min} sorteringen. Niemands "
        "eigen sortering staat erin, en een subgroep van minder dan {min} mensen blijft weg.",
        "en": "The report only shows what the group shows together, over at least {min} sorts. Nobody's own sort "
        "is in it, and a subgroup of fewer than {min} people is left out.",
    },
    "report.howto.mirror": {
        "nl": "De cijfers zijn het begin van een gesprek, niet de uitkomst ervan. Ze zeggen niet wie gelijk heeft, "
        "maar waar het de moeite waard is om door te praten.",
        "en": "The numbers are the start of a conversation, not its outcome. They do not say who is right, but "
        "where it is worth talking further.",
    },
    "report.sec.context": {"nl": "Over deze sessie", "en": "About this session"},
    "report.sec.characteristic": {"nl": "Wat de groep herkent", "en": "What the group recognises"},
    "report.sec.agreement": {"nl": "Eens en oneens", "en": "Agreement and disagreement"},
    "report.sec.gaps": {"nl": "Tussen nu en gewenst", "en": "Between now and desired"},
    "report.sec.subgroups": {"nl": "Subgroepen", "en": "Subgroups"},
    "report.sec.themes": {"nl": "Thema's", "en": "Themes"},
    "report.sec.viewpoints": {"nl": "Standpunten in de groep", "en": "Viewpoints in the group"},
    "report.sec.comments": {"nl": "Opmerkingen van deelnemers", "en": "Participants' comments"},
    "report.sec.notes": {"nl": "Aantekeningen en vervolgstappen", "en": "Notes and next steps"},
    "report.sec.overview": {"nl": "Overzicht van de bijeenkomsten", "en": "Overview of the meetings"},
    "report.sec.movement": {"nl": "Beweging tussen bijeenkomsten", "en": "Movement between meetings"},
    "report.sec.compare": {"nl": "Groepen vergeleken", "en": "Groups compared"},
    "report.sec.meetings": {"nl": "De bijeenkomsten", "en": "The meetings"},
    "report.intro.characteristic": {
        "nl": "De uitspraken die de groep gemiddeld het meest en het minst kenmerkend vond.",
        "en": "The statements the group found most and least characteristic, on average.",
    },
    "report.intro.agreement": {
        "nl": "Waar de meningen het verst uiteenlopen (grote spreiding) en waar de groep het eens is (kleine "
        "spreiding).",
        "en": "Where opinions differ most (large spread) and where the group agrees (small spread).",
    },
    "report.intro.gaps": {
        "nl": "Per uitspraak de gemiddelde positie zoals het is en zoals het zou moeten zijn. Een positief verschil: "
        "de groep wil er meer van; een negatief verschil: minder.",
        "en": "Per statement the mean position as it is and as it should be. A positive shift: the group wants "
        "more of it; a negative shift: less.",
    },
    "report.intro.subgroups": {
        "nl": "De uitspraken waarop de subgroepen het meest van elkaar verschillen.",
        "en": "The statements on which the subgroups differ most.",
    },
    "report.intro.themes": {
        "nl": "De gemiddelde positie van de uitspraken per thema.",
        "en": "The mean position of the statements per theme.",
    },
    "report.intro.viewpoints": {
        "nl": "Een factoranalyse zoekt mensen die de uitspraken op een vergelijkbare manier sorteerden. Elk "
        "standpunt staat hier in uitspraken; wie welk standpunt deelt, staat nergens.",
        "en": "A factor analysis looks for people who sorted the statements in a similar way. Each viewpoint is "
        "told here in statements; who shares which viewpoint is not stated anywhere.",
    },
    "report.intro.comments": {
        "nl": "Opmerkingen die deelnemers bij hun sortering schreven en die de begeleider koos om te bespreken, "
        "zonder naam.",
        "en": "Comments participants wrote with their sort and the facilitator chose to discuss, without names.",
    },
    "report.too_few": {
        "nl": "{condition}: minder dan {min} sorteringen, terwijl een groepsbeeld er ten minste {min} vraagt. Daarom "
        "staan hier geen posities: met minder sorteringen zou iemands eigen sortering te herkennen zijn.",
        "en": "{condition}: fewer than {min} sorts, while a group picture needs at least {min}. So no positions are "
        "shown here: with fewer sorts, someone's own sort could be recognised.",
    },
    "report.col.statement": {"nl": "Uitspraak", "en": "Statement"},
    "report.col.mean": {"nl": "Gemiddeld", "en": "Mean"},
    "report.col.sd": {"nl": "Spreiding", "en": "Spread"},
    "report.col.gap": {"nl": "Verschil", "en": "Shift"},
    "report.col.condition": {"nl": "Situatie", "en": "Condition"},
    "report.col.sorts": {"nl": "Sorteringen", "en": "Sorts"},
    "report.col.subgroup": {"nl": "Subgroep", "en": "Subgroup"},
    "report.col.theme": {"nl": "Thema", "en": "Theme"},
    "report.col.end": {"nl": "Gelegd bij", "en": "Placed at"},
    "report.col.comment": {"nl": "Opmerking", "en": "Comment"},
    "report.col.group": {"nl": "Groep", "en": "Group"},
    "report.col.meeting": {"nl": "Bijeenkomst", "en": "Meeting"},
    "report.col.date": {"nl": "Datum", "en": "Date"},
    "report.col.first": {"nl": "Eerst", "en": "First"},
    "report.col.last": {"nl": "Laatst", "en": "Last"},
    "report.col.change": {"nl": "Beweging", "en": "Movement"},
    "report.col.difference": {"nl": "Verschil", "en": "Difference"},
    "report.fewer_than": {"nl": "minder dan {min}", "en": "fewer than {min}"},
    "report.no_role": {"nl": "geen rol opgegeven", "en": "no role given"},
    "report.whole_group": {"nl": "Hele groep", "en": "Whole group"},
    "report.cap.characteristic": {
        "nl": "{condition}: gemiddelde positie van de meest en minst kenmerkende uitspraken ({n} sorteringen).",
        "en": "{condition}: mean position of the most and least characteristic statements ({n} sorts).",
    },
    "report.cap.gaps": {
        "nl": "De uitspraken met het grootste verschil tussen zoals het is en zoals het zou moeten zijn.",
        "en": "The statements with the largest shift between as it is and as it should be.",
    },
    "report.cap.subgroups": {
        "nl": "Gemiddelde positie per subgroep, voor de uitspraken waarop de subgroepen het meest verschillen.",
        "en": "Mean position per subgroup, for the statements on which the subgroups differ most.",
    },
    "report.cap.themes": {"nl": "Gemiddelde positie per thema.", "en": "Mean position per theme."},
    "report.cap.movement": {
        "nl": "{group}, {condition}: de uitspraken die het meest verschoven van {first} naar {last}.",
        "en": "{group}, {condition}: the statements that moved most from {first} to {last}.",
    },
    "report.cap.difference": {
        "nl": "{condition}: de uitspraken waarop {first} en {last} het meest verschillen (verschil: {last} - {first}).",
        "en": "{condition}: the statements on which {first} and {last} differ most (difference: {last} - {first}).",
    },
    "report.no_subgroups": {
        "nl": "In deze sessie is niet naar subgroepen gevraagd.",
        "en": "This session did not ask for subgroups.",
    },
    "report.no_comments": {
        "nl": "Er zijn geen opmerkingen gekozen om te bespreken.",
        "en": "No comments were chosen for discussion.",
    },
    "report.no_notes": {"nl": "Er zijn (nog) geen aantekeningen gemaakt.", "en": "No notes have been made (yet)."},
    "report.notes.session": {"nl": "Over de sessie als geheel", "en": "About the session as a whole"},
    "report.notes.next": {"nl": "Afgesproken vervolgstappen", "en": "Agreed next steps"},
    "report.notes.notes": {"nl": "Aantekeningen", "en": "Notes"},
    "report.vp.title": {"nl": "Standpunt {n}, gedeeld door {k} mensen", "en": "Viewpoint {n}, shared by {k} people"},
    "report.vp.few": {
        "nl": "Standpunt {n} wordt door minder dan {min} mensen gedeeld en staat daarom niet in dit verslag.",
        "en": "Viewpoint {n} is shared by fewer than {min} people, so it is not in this report.",
    },
    "report.vp.undefined": {
        "nl": "Standpunt {n} past bij niemands sortering duidelijk en staat daarom niet in dit verslag.",
        "en": "Viewpoint {n} clearly fits nobody's sort, so it is not in this report.",
    },
    "report.vp.method": {
        "nl": "Analyse van {condition}: {n} {n|standpunt|standpunten}, {extraction}, {rotation}.",
        "en": "Analysis of {condition}: {n} {n|viewpoint|viewpoints}, {extraction}, {rotation}.",
    },
    "report.bad_format": {
        "nl": "Onbekend verslagformaat {fmt}; kies uit {choices}.",
        "en": "Unknown report format {fmt}; choose from {choices}.",
    },
    "report.code_or_trajectory": {
        "nl": "Geef een sessiecode of --trajectory ID, niet allebei.",
        "en": "Give a session code or --trajectory ID, not both.",
    },
    "report.download_pdf": {"nl": "Verslag (PDF)", "en": "Report (PDF)"},
    "report.download_html": {"nl": "Verslag (HTML)", "en": "Report (HTML)"},
    "report.download_help": {
        "nl": "Het verslag toont alleen groepen die groot genoeg zijn om anoniem te blijven. Het maken duurt een "
        "paar seconden.",
        "en": "The report only shows groups large enough to stay anonymous. Making it takes a few seconds.",
    },
    "report.no_meetings": {
        "nl": "Dit traject heeft nog geen bijeenkomsten.",
        "en": "This trajectory has no meetings yet.",
    },
    # -- the facilitator's page: links to the engagement (issue 10) --
    "report.heading_session": {"nl": "Verslag", "en": "Report"},
    "report.heading_trajectory": {"nl": "Verslag van het traject", "en": "Trajectory report"},
    "lifecycle.heading": {"nl": "Archiveren of verwijderen", "en": "Archive or delete"},
    "fac.cover": {"nl": "Voor het verslag", "en": "For the report"},
    "fac.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "fac.facilitator_name": {"nl": "Begeleider", "en": "Facilitator"},
    "fac.cover_saved": {"nl": "Opgeslagen.", "en": "Saved."},
    "fac.cover_too_long": {
        "nl": "Organisatie en begeleider: hooguit {limit} tekens elk.",
        "en": "Organisation and facilitator: at most {limit} characters each.",
    },
    "fac.cover_from_trajectory": {
        "nl": "Deze sessie hoort bij het traject {title}: organisatie en begeleider komen van het traject.",
        "en": "This session belongs to the trajectory {title}: organisation and facilitator come from it.",
    },
    "fac.trajectories_link": {"nl": "Trajecten", "en": "Trajectories"},
    "fac.archived": {"nl": "Archief", "en": "Archive"},
    "fac.archived_on": {"nl": "gearchiveerd op {date}", "en": "archived on {date}"},
    "fac.open_trajectory": {"nl": "Naar het traject", "en": "Open the trajectory"},
    # -- data lifecycle: archive, delete, retention (issue 10) --
    "lifecycle.confirm_mismatch": {
        "nl": "Dat komt niet overeen met '{expected}'. Er is niets verwijderd.",
        "en": "That does not match '{expected}'. Nothing was deleted.",
    },
    "lifecycle.archive": {"nl": "Archiveren", "en": "Archive"},
    "lifecycle.archive_help": {
        "nl": "Archiveren sluit de sessie en haalt haar uit de lijst. Resultaten, verslagen en exports blijven "
        "beschikbaar.",
        "en": "Archiving closes the session and takes it off the list. Results, reports and exports stay available.",
    },
    "lifecycle.restore": {"nl": "Terugzetten", "en": "Restore"},
    "lifecycle.restore_help": {
        "nl": "Gearchiveerd op {date}. Terugzetten zet de sessie weer in de lijst; ze blijft gesloten.",
        "en": "Archived on {date}. Restoring puts the session back on the list; it stays closed.",
    },
    "lifecycle.archive_trajectory_help": {
        "nl": "Archiveert het traject en al zijn sessies (die worden gesloten). Alles blijft leesbaar.",
        "en": "Archives the trajectory and all its sessions (they are closed). Everything stays readable.",
    },
    "lifecycle.restore_trajectory_help": {
        "nl": "Gearchiveerd op {date}. Terugzetten zet het traject en zijn sessies terug; de sessies blijven gesloten.",
        "en": "Archived on {date}. Restoring brings back the trajectory and its sessions; the sessions stay closed.",
    },
    "lifecycle.delete": {"nl": "Definitief verwijderen", "en": "Delete permanently"},
    "lifecycle.delete_session_what": {
        "nl": "Dit verwijdert de sessie met {participants} {participants|deelnemer|deelnemers}, "
        "{sorts} {sorts|sortering|sorteringen}, {drafts} {drafts|concept|concepten}, "
        "{comments} {comments|opmerking|opmerkingen} en {notes} {notes|notitie|notities}. "
        "Dit kan niet ongedaan worden gemaakt.",
        "en": "This deletes the session with {participants} {participants|participant|participants}, "
        "{sorts} {sorts|sort|sorts}, {drafts} {drafts|draft|drafts}, "
        "{comments} {comments|comment|comments} and {notes} {notes|note|notes}. This cannot be undone.",
    },
    "lifecycle.type_code": {
        "nl": "Typ de sessiecode {code} om te bevestigen",
        "en": "Type the session code {code} to confirm",
    },
    "lifecycle.delete_trajectory_what": {
        "nl": "Dit verwijdert het traject. Het bevat {sessions} {sessions|sessie|sessies} met samen "
        "{sorts} {sorts|sortering|sorteringen}, {drafts} {drafts|concept|concepten}, "
        "{comments} {comments|opmerking|opmerkingen} en {notes} {notes|notitie|notities}. "
        "Dit kan niet ongedaan worden gemaakt.",
        "en": "This deletes the trajectory. It holds {sessions} {sessions|session|sessions} with together "
        "{sorts} {sorts|sort|sorts}, {drafts} {drafts|draft|drafts}, "
        "{comments} {comments|comment|comments} and {notes} {notes|note|notes}. This cannot be undone.",
    },
    "lifecycle.with_sessions": {
        "nl": "Ook de sessies van dit traject verwijderen",
        "en": "Also delete the sessions of this trajectory",
    },
    "lifecycle.keep_sessions_note": {
        "nl": "De sessies blijven bestaan, los van een traject.",
        "en": "The sessions stay, no longer in a trajectory.",
    },
    "lifecycle.type_title": {
        "nl": "Typ de naam van het traject ({title}) om te bevestigen",
        "en": "Type the trajectory's name ({title}) to confirm",
    },
    "lifecycle.deleted": {"nl": "Verwijderd.", "en": "Deleted."},
    "lifecycle.archived_heading": {"nl": "Archief", "en": "Archive"},
    "lifecycle.archived_empty": {
        "nl": "Er zijn geen gearchiveerde sessies.",
        "en": "There are no archived sessions.",
    },
    "lifecycle.archived_row": {
        "nl": "{title} ({code}), gearchiveerd op {date}",
        "en": "{title} ({code}), archived on {date}",
    },
    # a grid's name from its shape (review.grid.grid_name)
    "grid.name": {"nl": "{columns} kolommen, {n} uitspraken", "en": "{columns} columns, {n} statements"},
    # a session's status changes (review.sessions.TRANSITIONS): one message per change it does not allow
    "error.status_unknown": {
        "nl": '"{status}" is geen status van een sessie: een sessie is open, gepauzeerd of gesloten.',
        "en": '"{status}" is not a status of a session: a session is open, paused or closed.',
    },
    "error.status_closed_to_paused": {
        "nl": "Een gesloten sessie kan niet meer worden gepauzeerd. Heropen de sessie eerst.",
        "en": "A closed session cannot be paused any more. Reopen it first.",
    },
}


def template(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The message ``key`` in ``lang`` (falling back to Dutch), placeholders unfilled."""
    texts = MESSAGES[key]
    return texts.get(lang, texts[DEFAULT_LANGUAGE])


PLURAL = re.compile(r"\{(\w+)\|([^{}|]*)\|([^{}|]*)\}")  # {count|one|other}


def plural(text: str, params: dict[str, object]) -> str:
    """``text`` with each ``{name|one|other}`` replaced by the form for ``params[name]``: "one" for 1."""
    if "|" not in text:
        return text
    return PLURAL.sub(lambda m: m[2] if params.get(m[1]) == 1 else m[3], text)


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message ``key`` in ``lang``, filled with ``params`` (plural forms chosen, see the module doc)."""
    return plural(template(key, lang), params).format(**params)


def pick_language(locale: str | None) -> str:
    """The app language for a browser locale such as ``en-GB`` or ``nl``."""
    if locale:
        primary = locale.split("-")[0].split("_")[0].lower()
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE
