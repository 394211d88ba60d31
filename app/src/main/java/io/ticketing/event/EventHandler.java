package io.ticketing.event;

import java.net.URI;
import java.util.Locale;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.Problems;
import io.ticketing.web.Requests;

@Component
class EventHandler {

    private static final int MAX_QUERY_LENGTH = 100;

    private final EventService events;
    private final Requests requests;
    private final EventProperties properties;

    EventHandler(EventService events, Requests requests, EventProperties properties) {
        this.events = events;
        this.requests = requests;
        this.properties = properties;
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return requests.body(request, NewEvent.class)
            .flatMap(events::create)
            .flatMap(event -> ServerResponse.created(URI.create("/api/v1/events/" + event.id())).bodyValue(event));
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Mono.defer(() -> {
            String query = request.queryParam("query").map(String::strip).filter(q -> !q.isEmpty()).orElse(null);
            if (query != null && query.length() > MAX_QUERY_LENGTH) {
                return Mono.error(Problems.badRequest("Query parameter 'query' must be at most " + MAX_QUERY_LENGTH + " characters"));
            }
            return events.list(query, cursor(request), limit(request));
        }).flatMap(page -> ServerResponse.ok().bodyValue(page));
    }

    Mono<ServerResponse> detail(ServerRequest request) {
        return Mono.fromCallable(() -> Requests.pathId(request, "id"))
            .flatMap(events::detail)
            .flatMap(event -> ServerResponse.ok().bodyValue(event));
    }

    Mono<ServerResponse> seats(ServerRequest request) {
        return Mono.defer(() -> events.seats(Requests.pathId(request, "id"), status(request), cursor(request), limit(request)))
            .flatMap(page -> ServerResponse.ok().bodyValue(page));
    }

    private int limit(ServerRequest request) {
        return Requests.limit(request, properties.defaultPageSize(), properties.maxPageSize());
    }

    private static String cursor(ServerRequest request) {
        return request.queryParam("cursor").filter(c -> !c.isBlank()).orElse(null);
    }

    private static SeatStatus status(ServerRequest request) {
        String raw = request.queryParam("status").filter(s -> !s.isBlank()).orElse(null);
        if (raw == null) {
            return null;
        }
        try {
            return SeatStatus.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw Problems.badRequest("Query parameter 'status' must be one of AVAILABLE, HELD, SOLD, got '" + raw + "'");
        }
    }
}
