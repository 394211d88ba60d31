-- Presale lanes: a window, a quota of seats (a count for now; named sections may come later) and
-- access codes. The hold that sells through a lane will take its seats from `sold` with a
-- conditional UPDATE in its own transaction, as buyer_share does, so the CHECK below is the last
-- word on a lane never selling more than its quota.
CREATE TABLE lane (
    id                  BIGINT       NOT NULL AUTO_INCREMENT,
    event_id            BIGINT       NOT NULL,
    name                VARCHAR(100) NOT NULL,
    opens_at            DATETIME(6)  NOT NULL,
    closes_at           DATETIME(6)  NOT NULL,
    returns_unsold_at   DATETIME(6)  NOT NULL,
    quota               INT          NOT NULL,
    sold                INT          NOT NULL DEFAULT 0,
    code_kind           VARCHAR(8)   NOT NULL,
    max_uses            INT          NULL,
    code_count          INT          NULL,
    codes_downloaded_at DATETIME(6)  NULL,
    created_at          DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_lane_event (event_id, id),
    CONSTRAINT fk_lane_event FOREIGN KEY (event_id) REFERENCES event (id) ON DELETE CASCADE,
    CONSTRAINT ck_lane_window CHECK (opens_at < closes_at AND closes_at <= returns_unsold_at),
    CONSTRAINT ck_lane_quota CHECK (quota > 0),
    CONSTRAINT ck_lane_sold CHECK (sold BETWEEN 0 AND quota),
    CONSTRAINT ck_lane_codes CHECK (
        (code_kind = 'SINGLE' AND code_count BETWEEN 1 AND 100000 AND max_uses IS NULL)
        OR (code_kind = 'SHARED' AND max_uses BETWEEN 1 AND 1000000 AND code_count IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Codes are never stored, only the SHA-256 (hex) of their normalized form: a copy of this table
-- lets no one in. The hash is the key, so a redemption finds its code by one primary key lookup.
CREATE TABLE lane_code (
    code_hash     CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    lane_id       BIGINT NOT NULL,
    uses          INT    NOT NULL DEFAULT 0,
    bound_user_id BIGINT NULL,
    PRIMARY KEY (code_hash),
    KEY ix_lane_code_lane (lane_id),
    CONSTRAINT ck_lane_code_uses CHECK (uses >= 0),
    CONSTRAINT fk_lane_code_lane FOREIGN KEY (lane_id) REFERENCES lane (id) ON DELETE CASCADE,
    CONSTRAINT fk_lane_code_user FOREIGN KEY (bound_user_id) REFERENCES app_user (id)
) ENGINE = InnoDB;

-- The accounts that entered a lane with a code: once each, whichever code they used.
CREATE TABLE lane_member (
    lane_id   BIGINT      NOT NULL,
    user_id   BIGINT      NOT NULL,
    code_hash CHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
    joined_at DATETIME(6) NOT NULL,
    PRIMARY KEY (lane_id, user_id),
    CONSTRAINT fk_lane_member_lane FOREIGN KEY (lane_id) REFERENCES lane (id) ON DELETE CASCADE,
    CONSTRAINT fk_lane_member_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT fk_lane_member_code FOREIGN KEY (code_hash) REFERENCES lane_code (code_hash) ON DELETE CASCADE
) ENGINE = InnoDB;
