-- One person, one voice; anonymous means anonymous (issue 13).
--
-- "Has taken part" is a keyed mark per identity (phone number, WeChat openid) of the
-- person who took part in an activity: HMAC(server key, activity, identity hash). It
-- does not name an account, so it outlives account deletion and merging; it is
-- purged when the activity closes. Without the server key nobody can tell whose mark
-- it is; with it, still not which answer is theirs.
CREATE TABLE participation_marks (
    activity TEXT NOT NULL,   -- 'survey:<id>' (later 'round:<id>', 'vote:<id>')
    mark     TEXT NOT NULL,
    PRIMARY KEY (activity, mark)
) WITHOUT ROWID;

-- The resident's own record of the surveys they took part in (for 我的 and the data
-- export): no date.
CREATE TABLE survey_participants_new (
    survey_id   TEXT NOT NULL REFERENCES surveys (id),
    resident_id TEXT NOT NULL,
    PRIMARY KEY (survey_id, resident_id)
) WITHOUT ROWID;
INSERT INTO survey_participants_new (survey_id, resident_id)
    SELECT survey_id, resident_id FROM survey_participants;
DROP TABLE survey_participants;
ALTER TABLE survey_participants_new RENAME TO survey_participants;
CREATE INDEX survey_participants_resident ON survey_participants (resident_id);

-- Answers keep no date, and anonymous answers no area below the street (nor the
-- community whose link brought them).
ALTER TABLE survey_responses DROP COLUMN day;
UPDATE survey_responses SET community_code = NULL, via_community = NULL
 WHERE survey_id IN (SELECT id FROM surveys WHERE anonymous = 1);

-- Answers kept for guests count per client address (keyed hash), so that guests
-- cannot fill the disk.
ALTER TABLE survey_drafts ADD COLUMN client_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX survey_drafts_by_client ON survey_drafts (client_hash, created_at);
