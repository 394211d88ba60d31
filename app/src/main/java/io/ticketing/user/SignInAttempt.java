package io.ticketing.user;

import java.util.List;

import io.ticketing.config.Digests;
import io.ticketing.redis.RedisKeys;

/**
 * A sign-in to one account (its canonical email, registered or not) from one client address, and
 * where its wrong passwords are counted in Redis. Every key carries the account's hash tag
 * {@code {sign-in:<digest>}}, so that one script reads or counts them all in one Redis Cluster
 * slot; the email and the address are hashed, so that no input can move a brace into a key or make
 * it long. The deployment's prefix goes in front of the tag ({@link RedisKeys}).
 */
record SignInAttempt(RedisKeys prefix, String account, String address) {

    private String tag() {
        return prefix.key("{sign-in:" + Digests.sha256(account) + "}");
    }

    String addressDigest() {
        return Digests.sha256(address);
    }

    /** Wrong passwords for the account from this address (hash: count, last). */
    String fromHere() {
        return tag() + ":from:" + addressDigest();
    }

    /** Wrong passwords for the account from every address (hash: count, last). */
    String everywhere() {
        return tag() + ":all";
    }

    /** Addresses the account signed in from (sorted set: address digest by when, Redis's epoch ms). */
    String knownAddresses() {
        return tag() + ":known";
    }

    List<String> keys() {
        return List.of(fromHere(), everywhere(), knownAddresses());
    }
}
