-- Surveys (issue 5). A survey's questions are JSON (app::survey::Question), frozen once
-- published. Who took part and what was answered live apart: for anonymous surveys
-- the two tables share no id, keep no time finer than the day, and are keyed so that
-- their storage order is unrelated (participants by resident id, answers by a random
-- id), so that nothing in the database pairs a response with its resident.
CREATE TABLE surveys (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('city_monthly', 'community')),
    month          TEXT,                                  -- YYYY-MM of a city monthly survey
    area_code      TEXT NOT NULL REFERENCES areas (code),  -- who it is for: that subtree
    title          TEXT NOT NULL,
    intro          TEXT NOT NULL DEFAULT '',
    questions      TEXT NOT NULL,
    anonymous      INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
    verified_only  INTEGER NOT NULL CHECK (verified_only IN (0, 1)),
    editable       INTEGER NOT NULL CHECK (editable IN (0, 1)),
    opens_at       INTEGER NOT NULL,
    closes_at      INTEGER NOT NULL,
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
    created_by     TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    published_at   INTEGER,
    closed_at      INTEGER,
    CHECK (anonymous = 0 OR editable = 0),                -- anonymous answers cannot be found again to change
    CHECK (opens_at < closes_at)
);
CREATE INDEX surveys_area ON surveys (area_code, status);
CREATE UNIQUE INDEX surveys_city_month ON surveys (month) WHERE kind = 'city_monthly';

-- One row per resident and survey: the guarantee of one response each.
CREATE TABLE survey_participants (
    survey_id    TEXT NOT NULL REFERENCES surveys (id),
    resident_id  TEXT NOT NULL,
    day          TEXT NOT NULL,                            -- YYYY-MM-DD, China time
    PRIMARY KEY (survey_id, resident_id)
) WITHOUT ROWID;

-- Answers. `resident_id` is set only for named surveys; anonymous rows have a random
-- id and no resident. Community and street are kept for breakdowns (shown only
-- from 5 responses up).
CREATE TABLE survey_responses (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    resident_id     TEXT,
    community_code  TEXT,
    street_code     TEXT,
    day             TEXT NOT NULL,
    answers         TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX survey_responses_survey ON survey_responses (survey_id, street_code);
CREATE UNIQUE INDEX survey_responses_named ON survey_responses (survey_id, resident_id) WHERE resident_id IS NOT NULL;
