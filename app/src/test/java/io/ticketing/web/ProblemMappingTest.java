package io.ticketing.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcTimeoutException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.CannotCreateTransactionException;

class ProblemMappingTest {

    private final ProblemWriter problems = new ProblemWriter(JsonMapper.builder().build(), new MockEnvironment(), new ShedRequests());

    @Test
    void unreachableRedisIsServiceUnavailable() {
        ProblemDetail problem = problems.toProblem(new RedisConnectionFailureException("Unable to connect to Redis"));
        assertThat(problem.getStatus()).isEqualTo(503);
        assertThat(problem.getType().toString()).isEqualTo("urn:ticketing:problem:unavailable");
    }

    @Test
    void timedOutCommandIsServiceUnavailable() {
        assertThat(problems.toProblem(new QueryTimeoutException("Redis command timed out")).getStatus()).isEqualTo(503);
    }

    @Test
    void exhaustedConnectionPoolIsServiceUnavailable() {
        var acquireTimeout = new CannotCreateTransactionException("Could not open R2DBC Connection for transaction",
            new R2dbcTimeoutException("Connection acquisition timed out after 5000ms"));
        assertThat(problems.toProblem(acquireTimeout).getStatus()).isEqualTo(503);
        assertThat(problems.toProblem(new R2dbcTimeoutException("Connection acquisition timed out")).getStatus()).isEqualTo(503);
    }

    @Test
    void redisConnectionResetMidCommandIsServiceUnavailable() {
        var reset = new RedisSystemException("recvAddress(..) failed: Connection reset by peer", new java.io.IOException("Connection reset by peer"));
        assertThat(problems.toProblem(reset).getStatus()).isEqualTo(503);
    }

    @Test
    void ourOwnBugIsA500ThatDoesNotEchoInternals() {
        ProblemDetail problem = problems.toProblem(new IllegalStateException("secret internal state"));
        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getDetail()).doesNotContain("secret");
    }
}
