-- Seat holds and sales. A seat's owner is seat.reservation_id: one column, so one seat can never
-- belong to two reservations, whatever the code does. The CHECK ties owner and status together:
-- an available seat has no owner, a held or sold seat always has one.

CREATE TABLE reservation (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    event_id        BIGINT       NOT NULL,
    user_id         BIGINT       NOT NULL,
    status          VARCHAR(10)  NOT NULL,
    hold_expires_at DATETIME(6)  NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    updated_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_reservation_idempotency UNIQUE (user_id, idempotency_key),
    -- The expiry sweep walks held reservations by deadline; "mine" walks a user's by id.
    KEY ix_reservation_expiry (status, hold_expires_at),
    KEY ix_reservation_user (user_id, id),
    CONSTRAINT ck_reservation_status CHECK (status IN ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED')),
    CONSTRAINT fk_reservation_event FOREIGN KEY (event_id) REFERENCES event (id),
    CONSTRAINT fk_reservation_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- What each reservation held, kept after its seats are released (cancelled or expired).
CREATE TABLE reservation_seat (
    reservation_id BIGINT NOT NULL,
    seat_id        BIGINT NOT NULL,
    PRIMARY KEY (reservation_id, seat_id),
    KEY ix_reservation_seat_seat (seat_id),
    CONSTRAINT fk_reservation_seat_reservation FOREIGN KEY (reservation_id) REFERENCES reservation (id) ON DELETE CASCADE,
    CONSTRAINT fk_reservation_seat_seat FOREIGN KEY (seat_id) REFERENCES seat (id)
) ENGINE = InnoDB;

-- Before this version nothing could sell a seat, so a seat marked held or sold here was set by
-- hand (tests, experiments) and has no owner to keep: it goes back on sale so the CHECK below holds.
UPDATE seat SET status = 'AVAILABLE' WHERE status <> 'AVAILABLE';

ALTER TABLE seat
    ADD COLUMN reservation_id BIGINT NULL,
    ADD KEY ix_seat_reservation (reservation_id),
    ADD CONSTRAINT fk_seat_reservation FOREIGN KEY (reservation_id) REFERENCES reservation (id),
    ADD CONSTRAINT ck_seat_owner CHECK ((status = 'AVAILABLE') = (reservation_id IS NULL));
