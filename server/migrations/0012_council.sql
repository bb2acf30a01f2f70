-- The residents' council (议事会) of a community, as its committee records it: when it
-- met, how many attended, the minutes, and the outcome for each project on its agenda.
CREATE TABLE council_meetings (
    id             TEXT PRIMARY KEY,
    community_code TEXT NOT NULL REFERENCES areas (code),
    held_on        TEXT NOT NULL,            -- YYYY-MM-DD, China time
    attendees      INTEGER NOT NULL CHECK (attendees > 0),
    minutes        TEXT NOT NULL,
    recorded_at    INTEGER NOT NULL
);
CREATE INDEX council_meetings_community ON council_meetings (community_code, held_on);

CREATE TABLE council_outcomes (
    meeting_id  TEXT NOT NULL REFERENCES council_meetings (id),
    project_id  TEXT NOT NULL REFERENCES projects (id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('ballot', 'deferred', 'rejected')),
    reason      TEXT,
    PRIMARY KEY (meeting_id, project_id)
) WITHOUT ROWID;
