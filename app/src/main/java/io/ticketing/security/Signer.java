package io.ticketing.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short signed values the service hands out and takes back without a lookup (admission passes,
 * stream tickets, the door's challenges): {@code base64url(payload).base64url(HMAC-SHA256(payload))}
 * under a key derived from {@code JWT_SECRET} for one purpose, so a value signed for one purpose
 * never verifies for another, and access tokens verify for none.
 */
public final class Signer {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Mac is not thread-safe, and looking one up costs more than using it: one per thread. */
    private final ThreadLocal<Mac> macs;

    private Signer(byte[] key) {
        this.macs = ThreadLocal.withInitial(() -> mac(key));
    }

    /** A signer with its own key for {@code purpose}: HMAC-SHA256(JWT secret, purpose). */
    public static Signer forPurpose(AuthProperties auth, String purpose) {
        return new Signer(mac(auth.signingKey().getEncoded()).doFinal(purpose.getBytes(StandardCharsets.US_ASCII)));
    }

    /** {@code payload} (ASCII) with its signature. */
    public String sign(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(macs.get().doFinal(bytes));
    }

    /** The bare HMAC-SHA256 of {@code payload} (ASCII), for values derived from a key rather than handed out signed. */
    public byte[] mac(String payload) {
        return macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The payload of {@code signed} when its signature is ours (compared in constant time), else
     * null: any malformation is a null, never an exception.
     */
    public String payload(String signed) {
        int dot = signed.indexOf('.');
        if (dot <= 0 || dot != signed.lastIndexOf('.')) {
            return null;
        }
        try {
            byte[] payload = DECODER.decode(signed.substring(0, dot));
            byte[] signature = DECODER.decode(signed.substring(dot + 1));
            return MessageDigest.isEqual(signature, macs.get().doFinal(payload)) ? new String(payload, StandardCharsets.US_ASCII) : null;
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
