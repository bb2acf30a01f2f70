-- Share links and answers kept across sign-in (issue 5).
-- The community whose share link brought a response (`/s/<code>`); it is no finer
-- than the response's own community and street, so anonymity is unchanged.
ALTER TABLE survey_responses ADD COLUMN via_community TEXT;

-- One short link per published survey and community of its area, made at publication.
CREATE TABLE survey_links (
    code            TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    community_code  TEXT NOT NULL REFERENCES areas (code),
    UNIQUE (survey_id, community_code)
) WITHOUT ROWID;

-- Answers a browser posted before its resident had signed in (or with problems to
-- correct), keyed by the hash of a random cookie token, so that the form comes back
-- filled in after sign-in even without scripts. Deleted on submission; purged after
-- a day.
CREATE TABLE survey_drafts (
    token_hash  TEXT NOT NULL,
    survey_id   TEXT NOT NULL REFERENCES surveys (id),
    form        TEXT NOT NULL,      -- JSON [[name, value], ...] as posted
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (token_hash, survey_id)
) WITHOUT ROWID;
