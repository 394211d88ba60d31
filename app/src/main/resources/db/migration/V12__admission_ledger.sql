-- The ledger of admissions: who was let in from which line, from which ticket, and until when.
-- Redis decides admissions (admit.lua) and the database keeps them, so that a Redis that forgets
-- who is inside cannot let them in a second time with a second pass, nor let a whole cap in beside
-- them (docs/operations.md, "When Redis forgets"). One row per buyer and line: a buyer admitted
-- again while an admission is running keeps that admission, and so the pass they hold. An admission
-- ends early when its buyer leaves or buys their whole share (expires_at moves to then); one whose
-- buyer bought part of it frees its slot under maxActive (released_at) while its pass goes on.
CREATE TABLE admission (
    event_id    BIGINT      NOT NULL,
    -- 0: the event's public line; else the presale lane's id.
    lane_id     BIGINT      NOT NULL,
    user_id     BIGINT      NOT NULL,
    -- The line ticket the admission took (0: let straight in).
    place       BIGINT      NOT NULL,
    admitted_at DATETIME(3) NOT NULL,
    expires_at  DATETIME(3) NOT NULL,
    released_at DATETIME(3) NULL,
    PRIMARY KEY (event_id, lane_id, user_id),
    KEY ix_admission_running (event_id, lane_id, expires_at),
    CONSTRAINT fk_admission_event FOREIGN KEY (event_id) REFERENCES event (id)
) ENGINE = InnoDB;
