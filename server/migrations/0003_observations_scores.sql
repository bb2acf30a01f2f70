-- Observations (a street's count or value for a day or a month) and the scores
-- computed from them, for every area level, with the methodology version used.
CREATE TABLE observations (
    period    TEXT NOT NULL,
    area_code TEXT NOT NULL REFERENCES areas (code),
    indicator TEXT NOT NULL,
    value     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (period, area_code, indicator)
);

CREATE TABLE scores (
    edition             TEXT NOT NULL CHECK (edition IN ('daily', 'monthly')),
    period              TEXT NOT NULL,
    area_code           TEXT NOT NULL REFERENCES areas (code),
    methodology_version TEXT NOT NULL,
    score               DOUBLE PRECISION,
    coverage            DOUBLE PRECISION NOT NULL,
    dimensions          TEXT NOT NULL,
    warning             INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (edition, period, area_code)
);

CREATE INDEX scores_by_area ON scores (area_code, edition, period);
