package io.ticketing.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * Reads what a handler needs from a request and turns every client mistake into a 400 problem
 * before any work starts, so that no handler half-writes data on bad input.
 */
@Component
public class Requests {

    private final Validator validator;

    Requests(Validator validator) {
        this.validator = validator;
        // The first violation makes Hibernate Validator read its message bundles from disk.
        // Doing that here, on the main thread at start-up, keeps file I/O off the event loop.
        validator.validate(new Warmup(null, "", "not-an-email", 0, List.of()));
    }

    /** The JSON body, bound to a record and validated; an empty body is a client error too. */
    public <T> Mono<T> body(ServerRequest request, Class<T> type) {
        return request.bodyToMono(type)
            .switchIfEmpty(Mono.error(() -> Problems.badRequest("A JSON request body is required")))
            .map(this::validated);
    }

    public <T> T validated(T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (violations.isEmpty()) {
            return value;
        }
        var errors = violations.stream()
            .sorted((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString()))
            .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
            .toList();
        String detail = errors.stream()
            .map(e -> e.field() + " " + e.message())
            .collect(Collectors.joining("; "));
        throw Problems.of(HttpStatus.BAD_REQUEST, "validation", detail, Map.of("errors", errors));
    }

    /** A positive numeric path variable such as an event id. */
    public static long pathId(ServerRequest request, String name) {
        return pathId(name, request.pathVariable(name));
    }

    /** A positive numeric path variable, {@code name} as its route's pattern names it and {@code raw} as matched. */
    public static long pathId(String name, String raw) {
        try {
            long id = Long.parseLong(raw);
            if (id > 0) {
                return id;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below with the offending value
        }
        throw Problems.badRequest("Path variable '" + name + "' must be a positive number, got '" + raw + "'");
    }

    /** The {@code limit} query parameter, within {@code [1, max]}. */
    public static int limit(ServerRequest request, int defaultLimit, int max) {
        Optional<String> raw = request.queryParam("limit").filter(s -> !s.isBlank());
        if (raw.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.get().trim());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below with the offending value
        }
        throw Problems.badRequest("Query parameter 'limit' must be a whole number from 1 to " + max + ", got '" + raw.get() + "'");
    }

    /** The id of the signed-in user, taken from the bearer token's subject. */
    public static Mono<Long> userId(ServerRequest request) {
        return request.principal()
            .cast(JwtAuthenticationToken.class)
            .map(token -> Long.parseLong(token.getToken().getSubject()))
            .switchIfEmpty(Mono.error(() -> Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Sign in first")));
    }

    public record FieldError(String field, String message) {
    }

    private record Warmup(
        @NotNull Object missing,
        @NotBlank @Size(min = 1, max = 2) String blank,
        @Email String email,
        @Min(1) @Positive int number,
        @NotEmpty List<Object> empty) {
    }
}
