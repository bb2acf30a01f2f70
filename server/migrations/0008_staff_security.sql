-- Staff accounts (issue 13, item 9).
-- A password an administrator set in the browser is changed at the first sign-in.
ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
-- The TOTP second factor: the secret sealed with the server key, the secret being
-- enrolled (shown once, confirmed with a code), and the last step used (a code works once).
ALTER TABLE staff ADD COLUMN totp_secret TEXT;
ALTER TABLE staff ADD COLUMN totp_pending TEXT;
ALTER TABLE staff ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Back-off per typed username and client address: wrong answers from one address delay
-- only that address, for any name typed (known or not), so that nobody can lock an
-- officer out at will and the answers never tell which names exist.
CREATE TABLE staff_backoff (
    username     TEXT NOT NULL,
    client_hash  TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    lockouts     INTEGER NOT NULL,
    locked_until BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    PRIMARY KEY (username, client_hash)
);
-- Every wrong answer per typed username: many from many addresses slow the name down
-- for addresses it has never signed in from.
CREATE TABLE staff_failures (
    username TEXT NOT NULL,
    at       BIGINT NOT NULL
);
CREATE INDEX staff_failures_by_name ON staff_failures (username, at);
-- Where a staff member has signed in successfully (by keyed client hash).
CREATE TABLE staff_known_clients (
    username    TEXT NOT NULL,
    client_hash TEXT NOT NULL,
    at          BIGINT NOT NULL,
    PRIMARY KEY (username, client_hash)
);
