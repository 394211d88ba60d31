-- Every instance looks, each second, for the events whose waiting list has someone not yet offered
-- seats. With this index that look is a loose index scan, one step per such event however long its
-- list: GROUP BY offer_id, shadow, event_id reads one entry of each. It leads with offer_id, so it
-- also serves the foreign key, whose own index goes.
ALTER TABLE waiting_list_entry
    ADD KEY ix_waiting_list_unoffered (offer_id, shadow, event_id),
    DROP KEY fk_waiting_list_offer;
