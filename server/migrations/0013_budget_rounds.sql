-- Budget rounds (预算投票) of a community: the committee sets the money, the projects on
-- the ballot, the times, the ballot type and the counting rule, all fixed once saved.
CREATE TABLE budget_rounds (
    id             TEXT PRIMARY KEY,
    community_code TEXT NOT NULL REFERENCES areas (code),
    title          TEXT NOT NULL,
    budget         INTEGER NOT NULL CHECK (budget > 0),
    opens_at       INTEGER NOT NULL,
    closes_at      INTEGER NOT NULL CHECK (closes_at > opens_at),
    ballot         TEXT NOT NULL CHECK (ballot IN ('approval', 'knapsack')),
    at_most        INTEGER CHECK (at_most IS NULL OR at_most > 0),
    rule           TEXT NOT NULL CHECK (rule IN ('greedy', 'equal_shares')),
    created_at     INTEGER NOT NULL
);
CREATE INDEX budget_rounds_community ON budget_rounds (community_code, opens_at);

-- A project stands in one round at most.
CREATE TABLE round_projects (
    round_id   TEXT NOT NULL REFERENCES budget_rounds (id),
    project_id TEXT NOT NULL UNIQUE REFERENCES projects (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (round_id, project_id)
) WITHOUT ROWID;

-- One ballot per person, changeable until the round closes. `voter` is the person's
-- participation mark in the round (HMAC of the server key, the round and one of their
-- identities): it names no account, and without the key a dump cannot tell whose it is.
CREATE TABLE round_ballots (
    round_id TEXT NOT NULL REFERENCES budget_rounds (id),
    voter    TEXT NOT NULL,
    choices  TEXT NOT NULL,                  -- JSON array of project ids
    cast_at  INTEGER NOT NULL,
    PRIMARY KEY (round_id, voter)
) WITHOUT ROWID;
