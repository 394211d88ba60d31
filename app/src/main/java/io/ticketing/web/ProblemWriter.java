package io.ticketing.web;

import java.net.URI;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisException;
import io.r2dbc.spi.R2dbcTransientException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebInputException;

/**
 * Writes every error as an RFC 9457 problem detail: the one writer behind the WebFlux chain's
 * answers ({@link ProblemDetailsHandler}) and those of the routes beneath it (the position stream),
 * so that all of them send the same JSON with the same headers. A client's mistake is always a 4xx
 * with a {@code detail} that says what to fix; only our own faults become a 500, and those never
 * echo internals back.
 */
@Component
public class ProblemWriter {

    private static final Logger log = LoggerFactory.getLogger(ProblemWriter.class);

    private final JsonMapper json;
    private final DataSize maxBody;
    private final ShedRequests shed;

    ProblemWriter(JsonMapper json, Environment env, ShedRequests shed) {
        this.json = json;
        this.shed = shed;
        this.maxBody = env.getProperty("spring.codec.max-in-memory-size", DataSize.class, DataSize.ofKilobytes(256));
    }

    /** Answers {@code ex} as its problem; an error that comes after the response started goes on as it is. */
    public Mono<Void> write(ServerHttpRequest request, ServerHttpResponse response, Throwable ex) {
        if (response.isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem = toProblem(ex);
        shed.written(problem);
        problem.setInstance(URI.create(request.getPath().value()));
        response.setStatusCode(HttpStatus.valueOf(problem.getStatus()));
        HttpHeaders headers = response.getHeaders();
        if (ex instanceof ErrorResponse errorResponse) {
            errorResponse.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    headers.put(name, values);
                }
            });
        }
        if (problem.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value() && !headers.containsHeader(HttpHeaders.RETRY_AFTER)) {
            headers.set(HttpHeaders.RETRY_AFTER, "1");
        }
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsBytes(problem);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    ProblemDetail toProblem(Throwable ex) {
        DataBufferLimitException tooLarge = find(ex, DataBufferLimitException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                "The request body is larger than the " + maxBody.toKilobytes() + " KB this API accepts");
        }
        if (ex instanceof ServerWebInputException input && input.getStatusCode().value() == 400) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-request", describeInputError(input));
        }
        if (ex instanceof ErrorResponse errorResponse) {
            ProblemDetail body = errorResponse.getBody();
            if (body.getStatus() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                // Shedding load is the plan working, not a fault: one line, no stack.
                log.warn("Request refused: {}", body.getDetail());
            }
            else if (body.getStatus() >= 500) {
                log.error("Request failed", ex);
            }
            return body;
        }
        if (find(ex, DataAccessResourceFailureException.class) != null || find(ex, TransientDataAccessException.class) != null
            || find(ex, CannotCreateTransactionException.class) != null || find(ex, R2dbcTransientException.class) != null
            || find(ex, TimeoutException.class) != null || find(ex, RedisException.class) != null
            || find(ex, RedisSystemException.class) != null) {
            // MySQL or Redis unreachable or timing out, or every pooled connection busy past the
            // acquire timeout: the client did nothing wrong and may retry.
            log.warn("Backing service unavailable: {}", ex.toString());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "A service this request needs is unavailable; retry shortly");
        }
        if (find(ex, RejectedExecutionException.class) != null) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "The service is busy; retry shortly");
        }
        log.error("Unexpected error", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Something went wrong on our side");
    }

    private static String describeInputError(ServerWebInputException input) {
        JacksonException jackson = find(input, JacksonException.class);
        if (jackson instanceof StreamReadException) {
            return "The request body is not valid JSON: " + jackson.getOriginalMessage();
        }
        if (jackson != null) {
            String path = path(jackson.getPath());
            return path.isEmpty()
                ? "The request body does not have the expected shape: " + jackson.getOriginalMessage()
                : "Field '" + path + "' has the wrong type or format";
        }
        String reason = input.getReason();
        return reason == null ? "The request is not valid" : reason;
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : references) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            }
            else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static ProblemDetail problem(HttpStatus status, String slug, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(Problems.type(slug));
        return problem;
    }

    private static <T extends Throwable> T find(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
