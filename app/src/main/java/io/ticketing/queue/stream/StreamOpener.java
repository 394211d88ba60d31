package io.ticketing.queue.stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;

import io.ticketing.queue.AdmissionPasses;
import io.ticketing.queue.WaitingRoomRequests;

/**
 * Opens a waiter's stream for {@link StreamRoute}, authenticated by the signed ticket in the URL,
 * since EventSource cannot send headers. The stream's slot is taken before the response starts, so
 * that one too many is a 429 problem.
 */
@Component
class StreamOpener {

    private final WaitingRoomRequests inFlight;
    private final AdmissionPasses passes;
    private final StreamSlots slots;
    private final QueueStream stream;

    StreamOpener(WaitingRoomRequests inFlight, AdmissionPasses passes, StreamSlots slots, QueueStream stream) {
        this.inFlight = inFlight;
        this.passes = passes;
        this.slots = slots;
        this.stream = stream;
    }

    Mono<Flux<ServerSentEvent<Object>>> open(long eventId, String ticket) {
        // In flight until the stream starts, under the limit entries and polls share: a burst of openings must not
        // queue thousands of Redis calls.
        return inFlight.run(() -> Mono.defer(() -> {
            AdmissionPasses.StreamTicket opened = passes.verifyStreamTicket(ticket, eventId);
            return slots.open(eventId, opened.userId()).map(slot -> slots.hold(slot, stream.events(opened, slots.alive(slot))));
        }));
    }
}
