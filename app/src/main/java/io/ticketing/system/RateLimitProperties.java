package io.ticketing.system;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-account and per-client-address rate limits on signing in, signing up, entering a waiting
 * room and holding seats. Each instance counts on its own (no shared state, so holds never depend
 * on Redis): with N instances behind a load balancer a client gets at most N times the limit, which
 * is still far below what it takes to hurt a sale and far above what a buyer does by hand.
 *
 * @param enabled              switch for all limits
 * @param window               the period each limit counts over
 * @param queueEntryPerUser    entries (or re-entries) per user per window
 * @param queueEntryPerIp      entries per client address per window (offices and mobile carriers share addresses)
 * @param holdsPerUser         hold attempts per user per window
 * @param holdsPerIp           hold attempts per client address per window
 * @param signInPerAccount     sign-in attempts per email per window, whether or not an account has it
 * @param signInPerIp          sign-in attempts per client address per window, so one client cannot fill the hashing queue
 * @param signUpPerIp          sign-ups per client address per window
 * @param exemptClientIps      addresses or CIDR blocks never limited per address, e.g. a load generator; accounts are still limited
 * @param trustedProxies       addresses or CIDR blocks of the proxies whose X-Forwarded-For is believed (none by default)
 */
@ConfigurationProperties("ticketing.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("10s") Duration window,
    @DefaultValue("5") int queueEntryPerUser,
    @DefaultValue("200") int queueEntryPerIp,
    @DefaultValue("10") int holdsPerUser,
    @DefaultValue("200") int holdsPerIp,
    @DefaultValue("10") int signInPerAccount,
    @DefaultValue("30") int signInPerIp,
    @DefaultValue("10") int signUpPerIp,
    @DefaultValue List<String> exemptClientIps,
    @DefaultValue List<String> trustedProxies) {
}
