-- Why a committee did not verify a resident, in the committee's words: shown to the
-- resident on 我的 until they ask again or choose another community.
ALTER TABLE residents ADD COLUMN reject_reason TEXT;
