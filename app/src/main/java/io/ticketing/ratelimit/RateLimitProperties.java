package io.ticketing.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-account and per-client-address rate limits on signing in, signing up, entering a waiting
 * room and holding seats. Each limit is a token bucket in Redis that every instance takes from
 * ({@link RateLimits}, token-bucket.lua): it holds the limit and refills it evenly over the window,
 * on Redis's clock, so a client gets the limit whichever instances the load balancer sends it to.
 * <p>
 * <b>Without Redis the limits fail open to each instance's own bucket.</b> When a Redis call fails,
 * times out or meets an open breaker, the same check is made against a bucket in the instance's
 * memory, as before the limits were shared: a client then gets at most N times the limit from N
 * instances until Redis is back. Refusing every check instead would turn a Redis blip into a
 * sign-in and hold outage (holds must keep working without Redis, see the failure
 * policy in docs/operations.md), and letting every request through would drop the guard just when the system is
 * weakest; N times the limit is still far below what it takes to hurt a sale and far above what a
 * buyer does by hand. The Redis call is bounded by the {@code redis} timeout and breaker
 * ({@link DependencyBreakers}): a stalled Redis costs a check at most the timeout, and once the breaker is open,
 * nothing. The wrong-password slow-down of signing in follows the same rule. (Entering a waiting
 * room needs Redis anyway: its limits are taken by the entry's own script and fail with it.)
 *
 * @param enabled              switch for all limits
 * @param window               the period over which each bucket refills completely
 * @param queueEntryPerUser    entries (or re-entries) into one event's waiting room per user per window; taken by the
 *                             entry's own script in the event's Redis slot (enter.lua), so per event
 * @param queueEntryPerIp      entries into one event's waiting room per client address per window (offices and mobile
 *                             carriers share addresses)
 * @param holdsPerUser         hold attempts on one event per user per window (taken with the pass's check, hold-gate.lua)
 * @param holdsPerIp           hold attempts on one event per client address per window
 * @param codeRedemptionsPerUser entries with a presale lane's access code per user per window, taken before the code is
 *                             looked up: each one costs the database a locked read, and a guess costs a guesser no more
 *                             than a right code does
 * @param codeRedemptionsPerIp entries with an access code per client address per window
 * @param signInPerAccount     sign-in attempts per email per window, whether or not an account has it
 * @param signInPerIp          sign-in attempts per client address per window, so one client cannot fill the hashing queue
 * @param signUpPerIp          sign-ups per client address per window
 * @param signUpPerNetwork     sign-ups per network (an IPv4 /24, an IPv6 /48) per {@code signUpNetworkWindow}: what bounds
 *                             the free accounts one person with one connection runs (docs/abuse-controls.md says why)
 * @param signUpNetworkWindow  the period over which the network's sign-ups refill
 * @param ipv6Prefix           the IPv6 network one client is counted as: a /64 is what one subscriber line gets, and
 *                             a client that holds one can use any of its 2^64 addresses
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
    @DefaultValue List<String> trustedProxies,
    @DefaultValue("50") int signUpPerNetwork,
    @DefaultValue("24h") Duration signUpNetworkWindow,
    @DefaultValue("64") int ipv6Prefix,
    @DefaultValue("5") int codeRedemptionsPerUser,
    @DefaultValue("50") int codeRedemptionsPerIp) {

    public RateLimitProperties {
        if (window.toMillis() < 1 || signUpNetworkWindow.toMillis() < 1) {
            throw new IllegalArgumentException("ticketing.rate-limits.window and sign-up-network-window must be at least 1ms");
        }
        // A bucket of no tokens is a switch, and the switch is `enabled`: the in-memory fallback
        // (Bucket4j) cannot even build one, so a 0 would fail every check once Redis is away.
        if (Math.min(Math.min(Math.min(queueEntryPerUser, queueEntryPerIp), Math.min(holdsPerUser, holdsPerIp)),
            Math.min(Math.min(signInPerAccount, signInPerIp), Math.min(signUpPerIp, signUpPerNetwork))) < 1
            || Math.min(codeRedemptionsPerUser, codeRedemptionsPerIp) < 1) {
            throw new IllegalArgumentException("every ticketing.rate-limits limit must be at least 1; "
                + "set ticketing.rate-limits.enabled=false to switch the limits off");
        }
        if (ipv6Prefix < 1 || ipv6Prefix > 128) {
            throw new IllegalArgumentException("ticketing.rate-limits.ipv6-prefix must be between 1 and 128");
        }
    }
}
