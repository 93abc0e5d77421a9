"""Words the app says, in Dutch and English.

Domain errors carry a message key and parameters; the page that catches one
shows it in the participant's language with :func:`t`.
"""

from __future__ import annotations

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
    "error.session_closed": {
        "nl": "Deze sessie is gesloten; er kunnen geen sorteringen meer worden ingeleverd.",
        "en": "This session is closed; no more sorts can be submitted.",
    },
    "error.session_paused": {
        "nl": "De begeleider heeft de sessie even gepauzeerd. Je sortering blijft bewaard; lever straks in.",
        "en": "The facilitator has paused the session for a moment. Your sort is kept; submit it shortly.",
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
        "nl": "Nog {n} sortering(en). Resultaten verschijnen vanaf {min} sorteringen, zodat niemand herkenbaar is.",
        "en": "{n} sort(s) so far. Results appear from {min} sorts on, so that nobody can be recognised.",
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
    "proj.submitted": {"nl": "{n} van {total} ingeleverd", "en": "{n} of {total} submitted"},
    "proj.waiting": {
        "nl": "De resultaten verschijnen hier als de begeleider ze laat zien.",
        "en": "The results appear here when the facilitator shows them.",
    },
    "chart.left_out": {"nl": "⋯ {n} uitspraken hiertussen", "en": "⋯ {n} statements in between"},
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
    "fac.loopback": {
        "nl": "Deze link wijst naar **{host}**, dat telefoons niet kunnen bereiken. Start de app met "
        "`REVIEW_PUBLIC_URL={suggestion}` (het adres van deze laptop in het netwerk van de zaal) "
        "zodat de QR-code werkt.",
        "en": "This link points at **{host}**, which phones cannot reach. Start the app with "
        "`REVIEW_PUBLIC_URL={suggestion}` (this laptop's address on the room's network) so the QR code works.",
    },
    "fac.joined": {"nl": "deelnemers", "en": "joined"},
    "fac.submitted": {"nl": "ingeleverd", "en": "submitted"},
    "fac.status.open": {"nl": "open", "en": "open"},
    "fac.status.closed": {"nl": "gesloten", "en": "closed"},
    "fac.status.paused": {"nl": "gepauzeerd", "en": "paused"},
    "fac.pause": {"nl": "Pauzeren", "en": "Pause"},
    "fac.resume": {"nl": "Hervatten", "en": "Resume"},
    "fac.new_code": {"nl": "Nieuwe code", "en": "New code"},
    "fac.new_code_help": {
        "nl": "Als de code buiten de groep terechtkwam: de oude code laat niemand nieuw meer toe; wie al "
        "meedoet, kan verder.",
        "en": "If the code got out of the room: the old code admits nobody new; people already in carry on.",
    },
    "fac.new_round": {"nl": "Nieuwe ronde", "en": "New round"},
    "fac.new_round_help": {
        "nl": "Ronde {round} begint leeg; eerdere rondes blijven bewaard. De resultaten worden weer verborgen.",
        "en": "Round {round} starts empty; earlier rounds are kept. The results are hidden again.",
    },
    "fac.new_round_confirm": {"nl": "Start de nieuwe ronde", "en": "Start the new round"},
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
    "data.export_help": {
        "nl": "Deelnemers staan erin als p01, p02, ... zonder naam of link. PQMethod-bestanden lezen ook KADE, "
        "Ken-Q en R qmethod (import.pqmethod).",
        "en": "Participants appear as p01, p02, ... without name or link. KADE, Ken-Q and R qmethod "
        "(import.pqmethod) read the PQMethod files too.",
    },
    "data.import_heading": {"nl": "Een studie importeren", "en": "Import a study"},
    "data.import": {"nl": "Importeren", "en": "Import"},
    "q.heading": {"nl": "Standpunten in de groep (factoranalyse)", "en": "Viewpoints in the group (factor analysis)"},
    "q.condition": {"nl": "Sortering", "en": "Sort"},
    "q.extraction": {"nl": "Extractie", "en": "Extraction"},
    "q.rotation": {"nl": "Rotatie", "en": "Rotation"},
    "q.factors": {"nl": "Aantal standpunten (factoren)", "en": "Number of viewpoints (factors)"},
    "q.kaiser_hint": {
        "nl": "{n} eigenwaarde(n) boven 1: een gebruikelijk startpunt voor het aantal factoren.",
        "en": "{n} eigenvalue(s) above 1: a common starting point for the number of factors.",
    },
    "q.viewpoint": {"nl": "Standpunt {factor}", "en": "Viewpoint {factor}"},
    "q.defined_by": {
        "nl": "Gedragen door {n} sortering(en): {who} (zelfde p-nummers als in de export)",
        "en": "Defined by {n} sort(s): {who} (the same p-numbers as in the export)",
    },
    "q.distinguishing": {
        "nl": "Onderscheidend voor dit standpunt (p < .05 tegen elk ander)",
        "en": "Distinguishing this viewpoint (p < .05 against every other)",
    },
    "fac.close": {"nl": "Sessie sluiten", "en": "Close session"},
    "fac.reopen": {"nl": "Sessie heropenen", "en": "Reopen session"},
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
    "fac.started": {"nl": "aan het sorteren", "en": "started sorting"},
    "fac.started_help": {
        "nl": "Deelnemers die minstens één kaart hebben gelegd. Wie alleen de link opende, telt niet mee.",
        "en": "Participants who placed at least one card. Opening the link alone does not count.",
    },
    "fac.state.joined": {"nl": "link geopend, nog niets gelegd", "en": "opened the link, nothing placed yet"},
    "fresh.waiting": {
        "nl": "{k} nieuwe sortering(en) sinds deze weergave. Die komt bij als er minstens {min} zijn, "
        "zodat niemand uit een verschil te herleiden is.",
        "en": "{k} new sort(s) since this view. It updates once there are at least {min}, so that nobody "
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
        "nl": "+ nog {n} vastgezette uitspraken",
        "en": "+ {n} more pinned statements",
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
    # -- trajectories (issue 10) --
    # -- the discussion view: starting points, questions, notes (issue 10) --
    # -- reports (issue 10) --
    # -- data lifecycle: archive, delete, retention (issue 10) --
}


def template(key: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The message ``key`` in ``lang`` (falling back to Dutch), placeholders unfilled."""
    texts = MESSAGES[key]
    return texts.get(lang, texts[DEFAULT_LANGUAGE])


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The message ``key`` in ``lang``, filled with ``params``."""
    return template(key, lang).format(**params)


def pick_language(locale: str | None) -> str:
    """The app language for a browser locale such as ``en-GB`` or ``nl``."""
    if locale:
        primary = locale.split("-")[0].split("_")[0].lower()
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE
