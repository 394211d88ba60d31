package io.ticketing.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Factory for the RFC 9457 problems the API answers with. Every problem carries a stable
 * {@code type} URI so that clients can branch on it rather than on the wording of {@code detail}.
 */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:ticketing:problem:";

    private Problems() {
    }

    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    public static ErrorResponseException of(HttpStatus status, String slug, String detail) {
        return of(status, slug, detail, Map.of());
    }

    public static ErrorResponseException of(HttpStatus status, String slug, String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        properties.forEach(problem::setProperty);
        return new ErrorResponseException(status, problem, null);
    }

    public static ErrorResponseException badRequest(String detail) {
        return of(HttpStatus.BAD_REQUEST, "invalid-request", detail);
    }

    public static ErrorResponseException notFound(String detail) {
        return of(HttpStatus.NOT_FOUND, "not-found", detail);
    }

    public static ErrorResponseException conflict(String slug, String detail) {
        return of(HttpStatus.CONFLICT, slug, detail);
    }

    /** A 429 or 503 that tells the client when to come back (whole seconds, at least one). */
    public static ErrorResponseException retryLater(HttpStatus status, String slug, String detail, Duration after) {
        ErrorResponseException problem = of(status, slug, detail);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (after.toMillis() + 999) / 1000)));
        return problem;
    }
}
