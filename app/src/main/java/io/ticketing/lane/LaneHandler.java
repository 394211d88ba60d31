package io.ticketing.lane;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.Requests;

@Component
class LaneHandler {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final LaneService lanes;
    private final Requests requests;

    LaneHandler(LaneService lanes, Requests requests) {
        this.lanes = lanes;
        this.requests = requests;
    }

    Mono<ServerResponse> create(ServerRequest request) {
        return Mono.fromCallable(() -> Requests.pathId(request, "id"))
            .flatMap(eventId -> requests.body(request, NewLane.class).flatMap(lane -> lanes.create(eventId, lane)))
            .flatMap(lane -> ServerResponse.created(URI.create("/api/v1/admin/events/" + lane.eventId() + "/lanes/" + lane.id()))
                .bodyValue(lane));
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Mono.fromCallable(() -> Requests.pathId(request, "id"))
            .flatMap(eventId -> lanes.list(eventId).collectList())
            .flatMap(items -> ServerResponse.ok().bodyValue(new Lanes(items)));
    }

    /** The codes are secrets shown once: no cache, proxy or browser may keep a copy. */
    Mono<ServerResponse> codes(ServerRequest request) {
        return Mono.fromCallable(() -> new long[] {Requests.pathId(request, "id"), Requests.pathId(request, "laneId")})
            .flatMap(ids -> lanes.downloadCodes(ids[0], ids[1])
                .flatMap(csv -> ServerResponse.ok().contentType(CSV)
                    .cacheControl(CacheControl.noStore())
                    .headers(headers -> headers.setContentDisposition(
                        ContentDisposition.attachment().filename("lane-" + ids[1] + "-codes.csv").build()))
                    .body(csv, String.class)));
    }

    record Lanes(List<LaneView> items) {
    }
}
