"""The schema, as named migrations: each runs once, in its own transaction, on either backend.

The SQL here is what DuckDB and PostgreSQL both take (``ARRAY[]::VARCHAR[]`` rather than DuckDB's
``[]``), so one list serves both and a database of either kind has the same tables, columns, keys
and defaults. The names are recorded in ``schema_migrations``; a new migration is appended, never
edited, as files in the field have run the old ones.
"""

from __future__ import annotations


def _with_round(table: str, columns: str, key: str, copy: str) -> list[str]:
    """Rebuild ``table`` with a ``round`` column in its key (DuckDB cannot alter a key)."""
    return [
        f"CREATE TABLE {table}_r (session_id VARCHAR NOT NULL, round INTEGER NOT NULL, {columns}, "
        f"PRIMARY KEY (session_id, round, {key}))",
        f"INSERT INTO {table}_r (session_id, round, {copy}) SELECT session_id, 1, {copy} FROM {table}",
        f"DROP TABLE {table}",
        f"ALTER TABLE {table}_r RENAME TO {table}",
    ]


MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_sessions_and_sorts",
        [
            """CREATE TABLE settings (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)""",
            """CREATE TABLE sessions (
                id VARCHAR PRIMARY KEY,
                code VARCHAR NOT NULL UNIQUE,
                title VARCHAR NOT NULL,
                statement_set JSON NOT NULL,   -- a snapshot: later edits of the set leave old sessions intact
                grid JSON NOT NULL,
                conditions VARCHAR[] NOT NULL,
                status VARCHAR NOT NULL DEFAULT 'open',
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE participants (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                lang VARCHAR,
                joined_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, participant_id)
            )""",
            """CREATE TABLE sorts (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                submitted_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, participant_id, condition)
            )""",
            """CREATE TABLE placements (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                statement_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (session_id, participant_id, condition, statement_id)
            )""",
        ],
    ),
    (
        "0002_drafts_roles_comments",
        [
            "ALTER TABLE sessions ADD COLUMN roles VARCHAR[] DEFAULT ARRAY[]::VARCHAR[]",
            "ALTER TABLE sessions ADD COLUMN ask_comments BOOLEAN DEFAULT false",
            "ALTER TABLE participants ADD COLUMN role VARCHAR",
            """CREATE TABLE drafts (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                draft JSON NOT NULL,            -- the board's state as the phone last sent it
                saved_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, participant_id, condition)
            )""",
            """CREATE TABLE comments (
                session_id VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                statement_id INTEGER NOT NULL,
                comment VARCHAR NOT NULL,       -- raw text: escaped wherever it is shown
                PRIMARY KEY (session_id, participant_id, condition, statement_id)
            )""",
        ],
    ),
    (
        "0003_rounds_codes_reveal_pins",
        [
            "ALTER TABLE sessions ADD COLUMN current_round INTEGER DEFAULT 1",
            "ALTER TABLE sessions ADD COLUMN reveal VARCHAR DEFAULT ''",  # '' = results hidden
            "ALTER TABLE sessions ADD COLUMN pins INTEGER[] DEFAULT ARRAY[]::INTEGER[]",
            """CREATE TABLE session_codes (
                code VARCHAR PRIMARY KEY,       -- retired codes stay, so joined participants keep working
                session_id VARCHAR NOT NULL,
                active BOOLEAN NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            "INSERT INTO session_codes SELECT code, id, true, created_at FROM sessions",
            *_with_round(
                "sorts",
                "participant_id VARCHAR NOT NULL, condition VARCHAR NOT NULL, submitted_at TIMESTAMP NOT NULL",
                "participant_id, condition",
                "participant_id, condition, submitted_at",
            ),
            *_with_round(
                "placements",
                "participant_id VARCHAR NOT NULL, condition VARCHAR NOT NULL, "
                "statement_id INTEGER NOT NULL, position INTEGER NOT NULL",
                "participant_id, condition, statement_id",
                "participant_id, condition, statement_id, position",
            ),
            *_with_round(
                "comments",
                "participant_id VARCHAR NOT NULL, condition VARCHAR NOT NULL, "
                "statement_id INTEGER NOT NULL, comment VARCHAR NOT NULL",
                "participant_id, condition, statement_id",
                "participant_id, condition, statement_id, comment",
            ),
            *_with_round(
                "drafts",
                "participant_id VARCHAR NOT NULL, condition VARCHAR NOT NULL, "
                "draft JSON NOT NULL, saved_at TIMESTAMP NOT NULL",
                "participant_id, condition",
                "participant_id, condition, draft, saved_at",
            ),
        ],
    ),
    (
        "0004_shown_copies_and_featured_comments",
        [
            # What the screens show is a published copy of the sorts, refreshed only in steps of at
            # least the anonymity threshold (review/room/live.py), so comparing two consecutive screens can
            # never isolate one person's sort. Scope 'all' feeds the group views, 'roles' the subgroups.
            """CREATE TABLE shown_sorts (
                session_id VARCHAR NOT NULL,
                round INTEGER NOT NULL,
                scope VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                role VARCHAR,
                submitted_at TIMESTAMP NOT NULL,   -- the version of the sort this copy holds
                PRIMARY KEY (session_id, round, scope, participant_id, condition)
            )""",
            """CREATE TABLE shown_placements (
                session_id VARCHAR NOT NULL,
                round INTEGER NOT NULL,
                scope VARCHAR NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                statement_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (session_id, round, scope, participant_id, condition, statement_id)
            )""",
            """CREATE TABLE shown_comments (
                session_id VARCHAR NOT NULL,
                round INTEGER NOT NULL,
                participant_id VARCHAR NOT NULL,
                condition VARCHAR NOT NULL,
                statement_id INTEGER NOT NULL,
                position INTEGER NOT NULL,
                comment VARCHAR NOT NULL,
                PRIMARY KEY (session_id, round, participant_id, condition, statement_id)
            )""",
            """CREATE TABLE featured_comments (
                session_id VARCHAR NOT NULL,
                round INTEGER NOT NULL,
                comment_key VARCHAR NOT NULL,    -- an opaque hash: the screens never carry who wrote it
                featured_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, round, comment_key)
            )""",
        ],
    ),
    (
        "0005_analysis_choice",
        [
            # the factor analysis the facilitator chose for the room (condition, extraction, rotation,
            # number of factors); NULL until one is chosen, and the projector has no viewpoints step
            "ALTER TABLE sessions ADD COLUMN analysis JSON",
        ],
    ),
    (
        "0006_content_trajectories_notes",
        [
            # The report's cover: who the session was for and who led it.
            "ALTER TABLE sessions ADD COLUMN organisation VARCHAR DEFAULT ''",
            "ALTER TABLE sessions ADD COLUMN facilitator VARCHAR DEFAULT ''",
            "ALTER TABLE sessions ADD COLUMN archived_at TIMESTAMP",  # NULL: in the working list
            "ALTER TABLE sessions ADD COLUMN set_ref VARCHAR",  # 'set id@version' it was made from; NULL: a file
            # Statement sets (with their grid and themes) as editable content. Every save is a new
            # version; a session keeps the snapshot it was created with in sessions.statement_set.
            """CREATE TABLE statement_sets (
                id VARCHAR NOT NULL,
                version INTEGER NOT NULL,
                doc JSON NOT NULL,              -- StatementSet.to_dict(), themes included
                grid JSON NOT NULL,             -- Grid.to_dict(): the matching grid
                saved_at TIMESTAMP NOT NULL,
                archived BOOLEAN NOT NULL DEFAULT false,
                PRIMARY KEY (id, version)
            )""",
            """CREATE TABLE trajectories (
                id VARCHAR PRIMARY KEY,
                organisation VARCHAR NOT NULL,
                title VARCHAR NOT NULL,
                facilitator VARCHAR NOT NULL DEFAULT '',
                groups VARCHAR[] NOT NULL,
                created_at TIMESTAMP NOT NULL,
                archived_at TIMESTAMP
            )""",
            """CREATE TABLE trajectory_sessions (
                session_id VARCHAR PRIMARY KEY,  -- a session belongs to at most one trajectory
                trajectory_id VARCHAR NOT NULL,
                group_name VARCHAR NOT NULL,
                meeting INTEGER NOT NULL,        -- 0: the intake; 1..n: the numbered meetings
                theme VARCHAR NOT NULL DEFAULT ''
            )""",
            """CREATE TABLE notes (
                session_id VARCHAR NOT NULL,
                point VARCHAR NOT NULL,          -- a discussion point's key; '' for the session as a whole
                kind VARCHAR NOT NULL,           -- 'note' or 'next' (an agreed next step)
                body VARCHAR NOT NULL,           -- raw text as typed: escaped wherever it is shown
                saved_at TIMESTAMP NOT NULL,
                PRIMARY KEY (session_id, point, kind)
            )""",
            # Content edited in the app (reflective questions); absent rows fall back to data/ files.
            """CREATE TABLE content (
                kind VARCHAR PRIMARY KEY,
                doc JSON NOT NULL,
                saved_at TIMESTAMP NOT NULL
            )""",
        ],
    ),
    (
        "0007_shared_guess_counters",
        [
            # Failed guesses per client (review/access/ratelimit.py), kept here when several processes share
            # the database, so that a guesser gets no more tries from N processes than from one.
            """CREATE TABLE guesses (
                kind VARCHAR NOT NULL,           -- 'login' or 'code'
                client VARCHAR NOT NULL,         -- the client's address
                tokens FLOAT8 NOT NULL,          -- what is left of its bucket at ``seen``
                seen FLOAT8 NOT NULL,            -- seconds since 1970 (every process's clock)
                PRIMARY KEY (kind, client)
            )""",
        ],
    ),
    (
        "0008_group_size_and_admission",
        [
            # The group size the facilitator stated (NULL: not stated): phones beyond it wait to be let in.
            "ALTER TABLE sessions ADD COLUMN group_size INTEGER",
            # The device a participant joined from, keyed per session (review.room.admission.device_key);
            # NULL (imports, paper sorts, older rows): the participant is a device of their own.
            "ALTER TABLE participants ADD COLUMN device VARCHAR",
            # A phone beyond the group size waits (true) until the facilitator lets it in; then
            # ``admitted_at`` says when. NULL with waiting false: in from the moment it joined.
            "ALTER TABLE participants ADD COLUMN waiting BOOLEAN DEFAULT false",
            "ALTER TABLE participants ADD COLUMN admitted_at TIMESTAMP",
        ],
    ),
    (
        "0009_viewpoint_words",
        [
            # The facilitator's names and paragraphs for the room's viewpoints, a JSON list of
            # {number, name, text, n_sorts}; NULL: none written. Cleared when the analysis changes.
            "ALTER TABLE sessions ADD COLUMN viewpoint_words JSON",
        ],
    ),
    (
        "0010_agreements",
        [
            # What a group agreed at a meeting: who takes it up (a role or the team, never a
            # participant) and when it is reviewed ('next': the group's next meeting, or a date).
            """CREATE TABLE agreements (
                id VARCHAR PRIMARY KEY,
                session_id VARCHAR NOT NULL,     -- the meeting it was made in
                text VARCHAR NOT NULL,
                owner VARCHAR NOT NULL,
                review VARCHAR NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            # Each status it was given (open, done, dropped) with a line of why; the latest is its
            # status. Keyed by the agreement's own session, so deleting that session removes all.
            """CREATE TABLE agreement_events (
                session_id VARCHAR NOT NULL,
                agreement_id VARCHAR NOT NULL,
                set_at TIMESTAMP NOT NULL,
                status VARCHAR NOT NULL,
                note VARCHAR NOT NULL DEFAULT '',
                set_in VARCHAR,                  -- the meeting the status was set in
                PRIMARY KEY (agreement_id, set_at)
            )""",
        ],
    ),
    (
        "0011_report_story",
        [
            # The first page of the session report as the facilitator rewrote it, per language
            # (JSON {"nl": "...", "en": "..."}); NULL or a missing language: the story made from the data.
            "ALTER TABLE sessions ADD COLUMN report_story JSON",
        ],
    ),
    (
        "0012_trajectory_recommendations",
        [
            # The facilitator's recommendations, printed in the trajectory report's first section.
            "ALTER TABLE trajectories ADD COLUMN recommendations VARCHAR DEFAULT ''",
        ],
    ),
    (
        "0013_analysis_log",
        [
            # Each step of a session's analysis (like Ken-Q's project log): the room's analysis
            # chosen, its reason changed, forgotten; detail: what was chosen, as JSON.
            """CREATE TABLE analysis_log (
                session_id VARCHAR NOT NULL,
                made_at TIMESTAMP NOT NULL,
                round INTEGER NOT NULL,
                step VARCHAR NOT NULL,
                detail JSON NOT NULL
            )""",
        ],
    ),
]
