package io.ticketing.console;

import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.resilience.Draining;
import io.ticketing.web.Requests;

@Component
class ConsoleHandler {

    private final ConsoleSampler sampler;
    private final ConsoleProperties properties;
    private final Draining draining;

    ConsoleHandler(ConsoleSampler sampler, ConsoleProperties properties, Draining draining) {
        this.sampler = sampler;
        this.properties = properties;
        this.draining = draining;
    }

    Mono<ServerResponse> stats(ServerRequest request) {
        return Mono.defer(() -> sampler.current(Requests.pathId(request, "id")))
            .flatMap(stats -> ServerResponse.ok().bodyValue(stats));
    }

    /**
     * {@code stats} events from the samples this instance's consoles share, a comment every heartbeat,
     * and {@code reconnect} when this instance shuts down, after which the stream ends. The first
     * sample is taken before the response starts, so an unknown event is a plain 404.
     */
    Mono<ServerResponse> stream(ServerRequest request) {
        return Mono.defer(() -> {
            long eventId = Requests.pathId(request, "id");
            return sampler.current(eventId).flatMap(first -> {
                // A sample the feed shares with the request that took it is sent once.
                Flux<ServerSentEvent<Object>> stats = sampler.watch(eventId).startWith(first).distinctUntilChanged()
                    .map(next -> ServerSentEvent.builder((Object) next).event("stats").build());
                Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(properties.heartbeat())
                    .onBackpressureDrop()
                    .map(n -> ServerSentEvent.builder().comment("heartbeat").build());
                Flux<ServerSentEvent<Object>> shutdown = draining.started().then(Mono.fromSupplier(() -> ServerSentEvent.builder((Object) Map.of(
                    "detail", "This server is restarting; reconnect")).event("reconnect").build())).flux();
                return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                    .body(Flux.merge(stats, heartbeats).takeUntilOther(draining.started()).concatWith(shutdown), ServerSentEvent.class);
            });
        });
    }
}
