package io.ticketing.console;

import java.time.Instant;
import java.util.List;

import io.ticketing.event.EventCatalog;
import io.ticketing.queue.QueueFigures;
import io.ticketing.reservation.ReservationFigures;

/**
 * The figures of one event at one moment, as read; a part whose source did not answer is null, so
 * the console still shows the rest while Redis or the database is down.
 */
record Sample(long eventId, Instant at, QueueFigures.Room room, ReservationFigures.Totals reservations, EventCatalog.Seats seats,
              List<ConsoleStats.BurnPoint> burnDown, InstanceRollCall.Health health) {
}
