-- Deliberation on 民生微实事 proposals (issue 15): comments with one level of replies,
-- residents' reports, and the committee's hiding with a public reason. A comment names
-- its author for their own view only; pages never show it.
CREATE TABLE project_comments (
    id           TEXT PRIMARY KEY,
    project_id   TEXT NOT NULL REFERENCES projects (id),
    parent_id    TEXT REFERENCES project_comments (id),
    author_id    TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    hidden_reason TEXT,
    hidden_at    INTEGER,
    reports      INTEGER NOT NULL DEFAULT 0 CHECK (reports >= 0)
);
CREATE INDEX project_comments_project ON project_comments (project_id, created_at);

-- One report per resident and comment.
CREATE TABLE project_comment_reports (
    comment_id   TEXT NOT NULL REFERENCES project_comments (id),
    resident_id  TEXT NOT NULL,
    PRIMARY KEY (comment_id, resident_id)
) WITHOUT ROWID;
