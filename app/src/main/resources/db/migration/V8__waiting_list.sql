-- The waiting list for returns: buyers of a sold-out event who chose to stay for seats that come
-- back. In MySQL, so it survives an instance dying and Redis forgetting the line it was taken from.
-- line_ticket keeps the line's order (a buyer admitted before the sell-out has 0 and comes first);
-- shadow marks an entry from the door's infinite line, which keeps a place that is never offered.
CREATE TABLE waiting_list_entry (
    event_id    BIGINT      NOT NULL,
    user_id     BIGINT      NOT NULL,
    line_ticket BIGINT      NOT NULL,
    shadow      BOOLEAN     NOT NULL,
    joined_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (event_id, user_id),
    -- A place is the count of real entries ahead in the line's order: an index range, never a scan.
    KEY ix_waiting_list_order (event_id, shadow, line_ticket, user_id),
    CONSTRAINT fk_waiting_list_event FOREIGN KEY (event_id) REFERENCES event (id),
    CONSTRAINT fk_waiting_list_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB;
