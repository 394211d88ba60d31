-- The lane whose pass made a hold (NULL: the public lane's). The seats' own lane_id is what keeps
-- lanes apart; this says which line a sale came through, so that a purchase frees a slot in the
-- line it was admitted from, and so that an audit can check every reservation holds only seats of
-- its own lane (the invariant checks do).
ALTER TABLE reservation
    ADD COLUMN lane_id BIGINT NULL,
    ADD CONSTRAINT fk_reservation_lane FOREIGN KEY (lane_id) REFERENCES lane (id) ON DELETE SET NULL;
