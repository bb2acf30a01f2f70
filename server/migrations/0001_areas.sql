-- The area map (DESIGN.md, "Areas"). Portable SQL: runs on SQLite and PostgreSQL.
CREATE TABLE areas (
    code        TEXT PRIMARY KEY,
    parent_code TEXT REFERENCES areas (code),
    level       TEXT NOT NULL CHECK (level IN ('city', 'district', 'street', 'community')),
    name_zh     TEXT NOT NULL,
    name_en     TEXT NOT NULL,
    population  BIGINT NOT NULL CHECK (population >= 0)
);

CREATE INDEX areas_parent ON areas (parent_code);

-- Small facts about the installation: demo flag, revision counters.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
