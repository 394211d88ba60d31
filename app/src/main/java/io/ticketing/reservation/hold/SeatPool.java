package io.ticketing.reservation.hold;

/**
 * The seats a hold may take: its event's seats in its lane, lane 0 being the public lane (the seats
 * of no lane). Holds of one pool share a queue, a batch and a free-seat hint; holds of two pools
 * never share a batch, which plans on the free seats of one pool.
 */
record SeatPool(long eventId, long laneId) {

    static final long PUBLIC = 0;

    /**
     * The condition every seat read and seat UPDATE of a hold carries, so that the database alone keeps
     * a lane from taking a public seat and the public lane from taking a lane's. The lane id is a
     * number, never client text, so it stands in the statement as a literal.
     */
    String seatCondition() {
        return laneId == PUBLIC ? "lane_id IS NULL" : "lane_id = " + laneId;
    }
}
