package io.ticketing.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Accounts and tokens. The development defaults exist so that a fresh clone starts with no setup;
 * the {@code prod} profile refuses to start while any of them is still in use.
 *
 * @param jwtSecret      HMAC key for access tokens (at least 32 bytes: HS256 needs 256 bits)
 * @param tokenTtl       how long an access token is valid
 * @param bcryptStrength BCrypt cost; 10 takes about 75 ms per hash on one core
 * @param hashThreads    threads that may hash passwords at once, so a burst of sign-ins cannot take every core
 * @param hashQueue      hashes that may wait for a thread before callers get 503
 * @param adminEmail     the administrator created at start-up when missing
 * @param adminPassword  that administrator's initial password
 * @param slowDown       how wrong passwords slow down an account's sign-ins
 * @param verifiedTokenCache the heap one instance gives to remembering verified access tokens
 *                       (io.ticketing.security.VerifiedTokens), in bytes, not tokens, since a token's
 *                       size follows its email: a buyer's token keeps about 2 KB there, so 32 MB
 *                       remembers some 16,000 buyers, more than the largest sale of the load
 *                       tests brings (6,000, docs/benchmarks-history.md), in a twenty-fourth of the
 *                       768 MB heap the deployment gives (1 GiB at 75 %). When it is full the
 *                       least used tokens are forgotten and verified again on their next request:
 *                       the bound costs a verification's CPU, never an answer.
 */
@ConfigurationProperties("ticketing.auth")
public record AuthProperties(
    @DefaultValue(DEV_JWT_SECRET) String jwtSecret,
    @DefaultValue("1h") Duration tokenTtl,
    @DefaultValue("10") int bcryptStrength,
    @DefaultValue("1") int hashThreads,
    @DefaultValue("1000") int hashQueue,
    @DefaultValue("admin@ticketing.local") String adminEmail,
    @DefaultValue(DEV_ADMIN_PASSWORD) String adminPassword,
    @DefaultValue SlowDown slowDown,
    @DefaultValue("32MB") DataSize verifiedTokenCache) {

    public static final String DEV_JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789";
    public static final String DEV_ADMIN_PASSWORD = "admin-password";

    public AuthProperties {
        if (jwtSecret == null || jwtSecret.isBlank()) {
            jwtSecret = DEV_JWT_SECRET;
        }
        if (adminPassword == null || adminPassword.isBlank()) {
            adminPassword = DEV_ADMIN_PASSWORD;
        }
        if (jwtSecret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("ticketing.auth.jwt-secret (JWT_SECRET) must be at least 32 bytes long");
        }
        if (verifiedTokenCache.isNegative()) {
            throw new IllegalArgumentException("ticketing.auth.verified-token-cache must not be negative");
        }
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("ticketing.auth.bcrypt-strength must be between 4 and 31");
        }
    }

    public SecretKey signingKey() {
        return new SecretKeySpec(jwtSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /**
     * After {@code afterFailures} wrong passwords for one account from one client address, each with
     * less than {@code window} since the one before, that address's sign-ins to that account wait
     * {@code firstDelay}, twice as long after each further wrong password, at most {@code maxDelay};
     * a right password from the address clears its count. Past {@code accountCeiling} wrong
     * passwords for the account from all addresses together, the same waits apply to every address
     * the account has not signed in from within {@code rememberAddresses}.
     *
     * @param afterFailures     wrong passwords in a row from one address that are answered at once
     * @param window            a quiet spell this long forgets the wrong passwords
     * @param firstDelay        the first wait
     * @param maxDelay          the longest wait, so that the owner is never locked out for longer
     * @param accountCeiling    wrong passwords from all addresses together that are answered at once
     * @param rememberAddresses how long an address the account signed in from passes the ceiling
     */
    public record SlowDown(
        @DefaultValue("5") int afterFailures,
        @DefaultValue("15m") Duration window,
        @DefaultValue("30s") Duration firstDelay,
        @DefaultValue("15m") Duration maxDelay,
        @DefaultValue("20") int accountCeiling,
        @DefaultValue("30d") Duration rememberAddresses) {

        public SlowDown {
            if (afterFailures < 1 || firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
                throw new IllegalArgumentException(
                    "ticketing.auth.slow-down needs after-failures of at least 1 and 0 < first-delay <= max-delay");
            }
            if (accountCeiling < afterFailures || rememberAddresses.isNegative() || rememberAddresses.isZero()) {
                throw new IllegalArgumentException(
                    "ticketing.auth.slow-down needs account-ceiling >= after-failures and a positive remember-addresses");
            }
        }
    }
}
