-- Accounts, sessions and the audit log (DESIGN.md, "Security and privacy (PIPL)").
-- Times are integer Unix seconds. Phone numbers and WeChat openids are never stored:
-- only keyed hashes (HMAC-SHA256 with the server secret) for lookup, and the last
-- four digits of the phone so that a resident can recognise their own number.

CREATE TABLE residents (
    id               TEXT PRIMARY KEY,
    phone_hash       TEXT UNIQUE,
    phone_tail       TEXT,
    openid_hash      TEXT UNIQUE,
    community_code   TEXT REFERENCES areas (code),
    -- 'none' | 'pending' | 'verified' | 'rejected'
    verification     TEXT NOT NULL DEFAULT 'none'
                     CHECK (verification IN ('none', 'pending', 'verified', 'rejected')),
    verified_by      TEXT,
    verified_at      BIGINT,
    -- What the resident told the committee to be recognised (name, building/room).
    claim_name       TEXT,
    claim_address    TEXT,
    consent_version  TEXT,
    consent_at       BIGINT,
    created_at       BIGINT NOT NULL
);

CREATE INDEX residents_by_community ON residents (community_code, verification);

-- A committee's roll of residents: hashed phone numbers only.
CREATE TABLE resident_roll (
    community_code TEXT NOT NULL REFERENCES areas (code),
    phone_hash     TEXT NOT NULL,
    label          TEXT NOT NULL DEFAULT '',
    imported_at    BIGINT NOT NULL,
    PRIMARY KEY (community_code, phone_hash)
);

CREATE TABLE staff (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL
                    CHECK (role IN ('city_admin', 'district_officer', 'street_officer', 'committee')),
    area_code       TEXT NOT NULL REFERENCES areas (code),
    active          INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until    BIGINT NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    created_by      TEXT
);

-- Server-side sessions; the cookie carries a random token, the table its SHA-256.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('resident', 'staff')),
    subject_id   TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);

CREATE INDEX sessions_by_subject ON sessions (kind, subject_id);

-- One-time sign-in codes sent by SMS. The code itself is kept only as a keyed hash.
CREATE TABLE otp_challenges (
    id          TEXT PRIMARY KEY,
    phone_hash  TEXT NOT NULL,
    phone_tail  TEXT NOT NULL,
    client_hash TEXT NOT NULL,
    code_hash   TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    used_at     BIGINT
);

CREATE INDEX otp_by_phone ON otp_challenges (phone_hash, created_at);
CREATE INDEX otp_by_client ON otp_challenges (client_hash, created_at);

-- Staff sign-in attempts by client address, for the address rate limit.
CREATE TABLE staff_signin_attempts (
    client_hash TEXT NOT NULL,
    at          BIGINT NOT NULL
);

CREATE INDEX staff_signin_by_client ON staff_signin_attempts (client_hash, at);

-- Append-only: staff actions and sign-ins.
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    at         BIGINT NOT NULL,
    actor      TEXT NOT NULL,
    role       TEXT,
    action     TEXT NOT NULL,
    area_code  TEXT,
    target     TEXT,
    detail     TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
