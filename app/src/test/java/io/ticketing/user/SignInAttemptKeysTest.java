package io.ticketing.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.ticketing.config.Digests;
import io.ticketing.redis.RedisKeys;

/**
 * Pinned: an attempt's keys share the account's hash tag, so one script reaches them in one Redis
 * Cluster slot, and the email and address, user input, are hashed into them, so no brace of theirs
 * can reshape the tag. The deployment's prefix comes first, outside the tag.
 */
class SignInAttemptKeysTest {

    private final SignInAttempt attempt = new SignInAttempt(new RedisKeys("ticketing"), "a}b{c@example.com", "2001:db8::/64");
    private final String tag = "ticketing:{sign-in:" + Digests.sha256("a}b{c@example.com") + "}";

    @Test
    void theFailuresFromOneAddressAreKeyedByTheAccountAndTheAddress() {
        assertThat(attempt.fromHere()).isEqualTo(tag + ":from:" + Digests.sha256("2001:db8::/64"));
    }

    @Test
    void theFailuresFromEveryAddressAndTheKnownAddressesAreKeyedByTheAccount() {
        assertThat(attempt.everywhere()).isEqualTo(tag + ":all");
        assertThat(attempt.knownAddresses()).isEqualTo(tag + ":known");
    }

    @Test
    void everyKeyHasTheAccountsHashTagAndNoInputInIt() {
        assertThat(attempt.keys()).allSatisfy(key -> assertThat(key).matches("ticketing:\\{sign-in:[0-9a-f]{64}\\}:[a-z]+(:[0-9a-f]{64})?"));
    }
}
