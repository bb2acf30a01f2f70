-- Versioned index methodologies (DESIGN.md: "The methodology is data, versioned").
-- The body is the methodology as JSON; exactly one version is in force.
CREATE TABLE methodologies (
    version    TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    adopted_at TEXT NOT NULL,
    in_force   INTEGER NOT NULL DEFAULT 0 CHECK (in_force IN (0, 1))
);
