-- 民生微实事 (issue 15): proposals, their public timeline, supports and the city's
-- review lists.
--
-- A proposal names its author (the resident's account) for the author's own pages
-- only; pages never show it. Photos are JSON ([{name, width, height}]) of files
-- stored by content hash under <data_dir>/photos.
CREATE TABLE projects (
    id              TEXT PRIMARY KEY,
    community_code  TEXT NOT NULL REFERENCES areas (code),
    author_id       TEXT NOT NULL,
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL CHECK (kind IN ('service', 'goods', 'works')),
    cost            INTEGER NOT NULL DEFAULT 0 CHECK (cost >= 0),
    location        TEXT NOT NULL DEFAULT '',
    photos          TEXT NOT NULL DEFAULT '[]',
    status          TEXT NOT NULL DEFAULT 'draft'
                    CHECK (status IN ('draft', 'submitted', 'returned', 'accepted', 'rejected', 'council',
                                      'deferred', 'ballot', 'funded', 'unfunded', 'publicity',
                                      'approved', 'in_progress', 'completed')),
    category_id     TEXT,
    reason          TEXT,
    negative        TEXT,            -- JSON of the negative-list entry a rejection named
    supports        INTEGER NOT NULL DEFAULT 0 CHECK (supports >= 0),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX projects_author ON projects (author_id);
CREATE INDEX projects_community ON projects (community_code, status);

-- Every step of a project, with who (a role and an area for staff; never a name),
-- when and why. Append-only, like the audit log.
CREATE TABLE project_events (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    project_id  TEXT NOT NULL REFERENCES projects (id),
    at          INTEGER NOT NULL,
    actor       TEXT NOT NULL CHECK (actor IN ('author', 'staff', 'site')),
    role        TEXT,
    area_code   TEXT,
    kind        TEXT NOT NULL,
    reason      TEXT,
    negative    TEXT
);
CREATE INDEX project_events_project ON project_events (project_id, seq);
CREATE TRIGGER project_events_no_update BEFORE UPDATE ON project_events
BEGIN SELECT RAISE(ABORT, 'project events are append-only'); END;
CREATE TRIGGER project_events_no_delete BEFORE DELETE ON project_events
BEGIN SELECT RAISE(ABORT, 'project events are append-only'); END;

-- The resident's own record of the projects they supported (for 我的). One support
-- per person is kept by participation_marks ('project:<id>'), per identity.
CREATE TABLE project_supports (
    project_id   TEXT NOT NULL REFERENCES projects (id),
    resident_id  TEXT NOT NULL,
    PRIMARY KEY (project_id, resident_id)
) WITHOUT ROWID;
CREATE INDEX project_supports_resident ON project_supports (resident_id);

-- The city's positive list (what may be funded) and negative list (what may not).
CREATE TABLE project_lists (
    id        TEXT PRIMARY KEY,
    list      TEXT NOT NULL CHECK (list IN ('positive', 'negative')),
    zh        TEXT NOT NULL,
    en        TEXT NOT NULL,
    position  INTEGER NOT NULL
);

-- Zhuhai's lists as a start; the city administrator edits them.
INSERT INTO project_lists (id, list, zh, en, position) VALUES
    ('p-env', 'positive', '社区环境美化提升', 'Improving the neighbourhood''s surroundings', 1),
    ('p-facility', 'positive', '公共设施小型维修与完善', 'Small repairs and additions to shared facilities', 2),
    ('p-elderly', 'positive', '为老服务', 'Services for older residents', 3),
    ('p-children', 'positive', '儿童与青少年关爱', 'Care for children and young people', 4),
    ('p-culture', 'positive', '文体活动与邻里互助', 'Culture, sport and neighbourly help', 5),
    ('p-safety', 'positive', '平安建设与安全防范', 'Safety and crime prevention', 6),
    ('p-convenience', 'positive', '便民服务', 'Everyday services for residents', 7),
    ('n-property', 'negative', '应由物业服务企业或产权单位承担的维修养护', 'Upkeep that is the duty of the property company or owner', 1),
    ('n-budgeted', 'negative', '已列入各级财政预算安排的项目', 'Work already in a government budget', 2),
    ('n-repeat', 'negative', '与已资助项目重复', 'Repeats a project already funded', 3),
    ('n-profit', 'negative', '以营利为目的或仅惠及个别人的项目', 'For profit, or benefiting only a few people', 4),
    ('n-staff', 'negative', '人员工资、日常办公经费及购置公务用车', 'Wages, office running costs or official vehicles', 5),
    ('n-private', 'negative', '涉及私人产权或存在权属争议的场地', 'On private property or land in dispute', 6);
