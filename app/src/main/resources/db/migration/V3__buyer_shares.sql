-- One buyer's share of one event: the seats of their HELD and CONFIRMED reservations. Every hold
-- takes its seats from the share with a conditional UPDATE (seats + n <= the limit) in the hold's
-- own transaction, and every cancelled or expired hold gives them back, so the limit holds whichever
-- instance serves the buyer and however many passes, keys or parallel requests they use.
CREATE TABLE buyer_share (
    event_id BIGINT NOT NULL,
    user_id  BIGINT NOT NULL,
    seats    INT    NOT NULL,
    PRIMARY KEY (event_id, user_id),
    CONSTRAINT ck_buyer_share_seats CHECK (seats >= 0),
    CONSTRAINT fk_buyer_share_event FOREIGN KEY (event_id) REFERENCES event (id),
    CONSTRAINT fk_buyer_share_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB;

INSERT INTO buyer_share (event_id, user_id, seats)
SELECT r.event_id, r.user_id, COUNT(*)
FROM reservation r JOIN reservation_seat rs ON rs.reservation_id = r.id
WHERE r.status IN ('HELD', 'CONFIRMED')
GROUP BY r.event_id, r.user_id;

-- Idempotency-Keys compare exactly: 'abc-key' and 'ABC-KEY' are two keys.
ALTER TABLE reservation MODIFY idempotency_key VARCHAR(100) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL;
