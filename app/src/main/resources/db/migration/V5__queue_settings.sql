-- An event's waiting-room settings, changed live by its operators. The database is the truth and
-- Redis's config hash a copy the room's scripts read ({event:<id>}:config): a Redis that forgets
-- does not silently unpause a sale or reset its rate. An event without a row has the service's
-- defaults; its first change writes them all. version orders the copies written to Redis: a copy
-- never overwrites a newer one, whichever instance writes last.
CREATE TABLE queue_settings (
    event_id       BIGINT       NOT NULL,
    admission_rate INT          NOT NULL,
    max_active     INT          NOT NULL,
    paused         BOOLEAN      NOT NULL DEFAULT FALSE,
    mode           VARCHAR(16)  NOT NULL DEFAULT 'RANDOM_AT_OPEN',
    message        VARCHAR(500) NULL,
    challenge_bits INT          NOT NULL DEFAULT 0,
    version        BIGINT       NOT NULL,
    updated_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (event_id),
    CONSTRAINT ck_queue_settings_mode CHECK (mode IN ('FIFO', 'RANDOM_AT_OPEN', 'PASSTHROUGH', 'QUEUE_ALL', 'CLOSED')),
    CONSTRAINT ck_queue_settings_bits CHECK (challenge_bits BETWEEN 0 AND 32),
    CONSTRAINT fk_queue_settings_event FOREIGN KEY (event_id) REFERENCES event (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Modes set in advance for a window of the sale; inside a window its mode wins over the set one.
CREATE TABLE queue_schedule (
    id        BIGINT      NOT NULL AUTO_INCREMENT,
    event_id  BIGINT      NOT NULL,
    mode      VARCHAR(16) NOT NULL,
    starts_at DATETIME(6) NOT NULL,
    ends_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    KEY ix_queue_schedule_event (event_id, starts_at),
    CONSTRAINT ck_queue_schedule_mode CHECK (mode IN ('FIFO', 'RANDOM_AT_OPEN', 'PASSTHROUGH', 'QUEUE_ALL', 'CLOSED')),
    CONSTRAINT ck_queue_schedule_window CHECK (starts_at < ends_at),
    CONSTRAINT fk_queue_schedule_event FOREIGN KEY (event_id) REFERENCES event (id)
) ENGINE = InnoDB;

-- Every change an operator made: who, when, the settings before and after (JSON), written in the
-- change's own transaction, so no change goes unrecorded and no record names a change that failed.
CREATE TABLE queue_setting_change (
    id          BIGINT      NOT NULL AUTO_INCREMENT,
    event_id    BIGINT      NOT NULL,
    changed_by  BIGINT      NOT NULL,
    changed_at  DATETIME(6) NOT NULL,
    before_json TEXT        NOT NULL,
    after_json  TEXT        NOT NULL,
    PRIMARY KEY (id),
    KEY ix_queue_setting_change_event (event_id, id),
    CONSTRAINT fk_queue_setting_change_event FOREIGN KEY (event_id) REFERENCES event (id),
    CONSTRAINT fk_queue_setting_change_user FOREIGN KEY (changed_by) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
