-- A lane's quota is a set of seats, not a number: each of its seats carries the lane's id, and a
-- hold only takes a seat whose lane_id is its own (NULL for the public lane) in the same
-- conditional UPDATE that takes the seat. So a presale can never sell a public seat nor the
-- reverse, with no counter row that every hold of the event would have to lock. When the lane
-- returns its unsold seats, their lane_id goes back to NULL; sold seats keep it, so a lane's sales
-- stay countable.
ALTER TABLE seat
    ADD COLUMN lane_id BIGINT NULL,
    ADD KEY ix_seat_lane (lane_id, status),
    ADD CONSTRAINT fk_seat_lane FOREIGN KEY (lane_id) REFERENCES lane (id) ON DELETE SET NULL;

-- Sales are counted from the seats now; a second count could only disagree with them.
ALTER TABLE lane DROP CONSTRAINT ck_lane_sold;
ALTER TABLE lane
    DROP COLUMN sold,
    ADD COLUMN returned_at DATETIME(6) NULL;

-- Offers of returned seats to the waiting list are reservations too: OFFERED holds its seats for one
-- buyer until it is taken (HELD) or its window passes (PASSED), so an offered seat has an owner in
-- the seat row like any held one, and no one else can take it meanwhile.
ALTER TABLE reservation DROP CONSTRAINT ck_reservation_status;
ALTER TABLE reservation
    ADD CONSTRAINT ck_reservation_status CHECK (status IN ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'OFFERED', 'PASSED'));

-- Each entry is offered once; the offer it got, if any.
ALTER TABLE waiting_list_entry
    ADD COLUMN offer_id BIGINT NULL,
    ADD CONSTRAINT fk_waiting_list_offer FOREIGN KEY (offer_id) REFERENCES reservation (id);
