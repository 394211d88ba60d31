package io.ticketing.bookmark;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

import io.ticketing.web.Cursor;
import io.ticketing.resilience.DependencyBreakers;
import io.ticketing.web.Page;
import io.ticketing.web.Problems;
import io.ticketing.web.Requests;

@Component
class BookmarkHandler {

    private static final String CURSOR_KIND = "bookmarks";

    private final BookmarkRepository bookmarks;
    private final Requests requests;
    private final Clock clock;
    private final DependencyBreakers breakers;

    BookmarkHandler(BookmarkRepository bookmarks, Requests requests, Clock clock, DependencyBreakers breakers) {
        this.breakers = breakers;
        this.bookmarks = bookmarks;
        this.requests = requests;
        this.clock = clock;
    }

    /** 201 for a new bookmark, 200 when it already existed: adding twice is harmless. */
    Mono<ServerResponse> add(ServerRequest request) {
        return Requests.userId(request).zipWith(requests.body(request, NewBookmark.class))
            .flatMap(in -> {
                long eventId = in.getT2().eventId();
                URI location = URI.create("/api/v1/bookmarks/" + eventId);
                return breakers.database(bookmarks.insert(in.getT1(), eventId, clock.instant().truncatedTo(ChronoUnit.MICROS)))
                    .flatMap(inserted -> ServerResponse.created(location).bodyValue(new BookmarkResponse(eventId)))
                    .onErrorResume(DuplicateKeyException.class, e -> ServerResponse.ok().bodyValue(new BookmarkResponse(eventId)))
                    // The only other constraint an insert can break is the foreign key to the event.
                    .onErrorMap(e -> e instanceof DataIntegrityViolationException && !(e instanceof DuplicateKeyException),
                        e -> Problems.notFound("Event " + eventId + " does not exist"));
            });
    }

    Mono<ServerResponse> list(ServerRequest request) {
        return Requests.userId(request)
            .flatMap(userId -> {
                int limit = Requests.limit(request, 20, 100);
                long after = request.queryParam("cursor").filter(c -> !c.isBlank())
                    .map(c -> Cursor.decode(c, CURSOR_KIND, 1).number(0))
                    .orElse(0L);
                return breakers.database(bookmarks.page(userId, after, limit + 1).collectList())
                    .map(rows -> Page.of(rows, limit, b -> Cursor.encode(CURSOR_KIND, b.eventId())));
            })
            .flatMap(page -> ServerResponse.ok().bodyValue(page));
    }

    /** Idempotent: removing a bookmark that is not there is not an error. */
    Mono<ServerResponse> remove(ServerRequest request) {
        return Requests.userId(request)
            .flatMap(userId -> breakers.database(bookmarks.delete(userId, Requests.pathId(request, "eventId"))))
            .then(ServerResponse.noContent().build());
    }

    record NewBookmark(@NotNull @Positive Long eventId) {
    }

    record BookmarkResponse(long eventId) {
    }
}
