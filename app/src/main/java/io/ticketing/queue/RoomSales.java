package io.ticketing.queue;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import io.ticketing.event.EventCatalog;
import io.ticketing.lane.LaneSales;
import io.ticketing.web.Problems;

/**
 * The sale a line admits to: the event's for its public line, the lane's own window and seats for a
 * presale lane's, so that one set of scripts runs both.
 */
@Component
public class RoomSales {

    private final EventCatalog catalog;
    private final LaneSales lanes;

    RoomSales(EventCatalog catalog, LaneSales lanes) {
        this.catalog = catalog;
        this.lanes = lanes;
    }

    /** @throws org.springframework.web.ErrorResponseException 404 when the event, or the lane in it, does not exist */
    public Mono<EventCatalog.Sale> sale(Room room) {
        return line(room).map(LineSale::sale);
    }

    /** The sale and, for a presale lane's line, the lane's name, which its buyers are shown. */
    Mono<LineSale> line(Room room) {
        if (!room.isLane()) {
            return catalog.sale(room.eventId()).map(sale -> new LineSale(sale, null));
        }
        return lanes.sale(room.eventId(), room.lane())
            .map(lane -> new LineSale(new EventCatalog.Sale(room.eventId(), lane.opensAt(), lane.closesAt(), lane.purchasable()), lane.name()))
            .switchIfEmpty(Mono.error(() -> Problems.notFound("Event " + room.eventId() + " has no lane " + room.lane())));
    }

    record LineSale(EventCatalog.Sale sale, String laneName) {
    }
}
