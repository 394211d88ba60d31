-- Times are DATETIME(6) holding UTC; the application converts at its edge, so the server's
-- time zone setting never changes what is stored.

CREATE TABLE app_user (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    email         VARCHAR(254) NOT NULL,
    name          VARCHAR(100) NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    created_at    DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_user_email UNIQUE (email),
    CONSTRAINT ck_user_role CHECK (role IN ('USER', 'ADMIN'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE event (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    name           VARCHAR(200) NOT NULL,
    venue          VARCHAR(200) NOT NULL,
    starts_at      DATETIME(6)  NOT NULL,
    sales_open_at  DATETIME(6)  NOT NULL,
    sales_close_at DATETIME(6)  NOT NULL,
    capacity       INT          NOT NULL,
    created_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    -- Keyset pagination: the listing walks (starts_at, id), the name search walks (name, id).
    KEY ix_event_starts (starts_at, id),
    KEY ix_event_name (name, id),
    CONSTRAINT ck_event_sales_window CHECK (sales_open_at < sales_close_at),
    CONSTRAINT ck_event_capacity CHECK (capacity > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE event_section (
    event_id      BIGINT      NOT NULL,
    position      INT         NOT NULL,
    name          VARCHAR(50) NOT NULL,
    row_count     INT         NOT NULL,
    seats_per_row INT         NOT NULL,
    PRIMARY KEY (event_id, position),
    CONSTRAINT uk_section_name UNIQUE (event_id, name),
    CONSTRAINT fk_section_event FOREIGN KEY (event_id) REFERENCES event (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE seat (
    id             BIGINT      NOT NULL AUTO_INCREMENT,
    event_id       BIGINT      NOT NULL,
    section        VARCHAR(50) NOT NULL,
    row_no         INT         NOT NULL,
    seat_no        INT         NOT NULL,
    status         VARCHAR(10) NOT NULL DEFAULT 'AVAILABLE',
    PRIMARY KEY (id),
    CONSTRAINT uk_seat_position UNIQUE (event_id, section, row_no, seat_no),
    -- Serves the seat listing (with and without a status filter, ordered by id) and the counts.
    KEY ix_seat_event_status (event_id, status, id),
    KEY ix_seat_event (event_id, id),
    CONSTRAINT ck_seat_status CHECK (status IN ('AVAILABLE', 'HELD', 'SOLD')),
    CONSTRAINT fk_seat_event FOREIGN KEY (event_id) REFERENCES event (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE TABLE bookmark (
    user_id    BIGINT      NOT NULL,
    event_id   BIGINT      NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (user_id, event_id),
    CONSTRAINT fk_bookmark_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_bookmark_event FOREIGN KEY (event_id) REFERENCES event (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- 1..1000: seat generation joins against it so that all of an event's seats are written by one
-- INSERT ... SELECT on the server instead of being shipped row by row.
CREATE TABLE seq_number (
    n INT NOT NULL,
    PRIMARY KEY (n)
) ENGINE = InnoDB;

INSERT INTO seq_number (n)
SELECT hundreds.d * 100 + tens.d * 10 + ones.d + 1
FROM (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) hundreds
CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) tens
CROSS JOIN (SELECT 0 AS d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4
      UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9) ones;
