package io.ticketing.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-user and per-client-IP rate limits on entering a waiting room and on holding seats. Each
 * instance counts on its own (no shared state, so holds never depend on Redis): with N instances
 * behind a load balancer a client gets at most N times the limit, which is still far below what
 * it takes to hurt a sale and far above what a buyer does by hand.
 *
 * @param enabled              switch for all limits
 * @param window               the period each limit counts over
 * @param queueEntryPerUser    entries (or re-entries) per user per window
 * @param queueEntryPerIp      entries per client IP per window (offices and mobile carriers share IPs)
 * @param holdsPerUser         hold attempts per user per window
 * @param holdsPerIp           hold attempts per client IP per window
 * @param exemptClientIps      addresses never limited by IP, e.g. a load generator; users are still limited
 */
@ConfigurationProperties("ticketing.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration window,
    @DefaultValue("5") int queueEntryPerUser,
    @DefaultValue("200") int queueEntryPerIp,
    @DefaultValue("10") int holdsPerUser,
    @DefaultValue("200") int holdsPerIp,
    @DefaultValue List<String> exemptClientIps) {
}
