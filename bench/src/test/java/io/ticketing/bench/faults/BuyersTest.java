package io.ticketing.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.ticketing.testsupport.TestPasses;

import static org.assertj.core.api.Assertions.assertThat;

class BuyersTest {

    /** A grant as the service writes it; the run reads the signed part and never checks the signature. */
    private static String grant(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "." + encoder.encodeToString(new byte[32]);
    }

    @Test
    void lineTicketIsThePlaceTheNewestStreamTicketCarries() {
        Buyers.Buyer buyer = new Buyers.Buyer(7, "token", "key");
        buyer.streamTicket = grant("v1.stream.7.3.1796602400.0.1796602334269450");

        assertThat(buyer.lineTicket()).isEqualTo(1796602334269450L);
    }

    @Test
    void lineTicketIsUnknownWhileTheStreamTicketCarriesNoPlace() {
        Buyers.Buyer buyer = new Buyers.Buyer(7, "token", "key");
        buyer.streamTicket = grant("v1.stream.7.3.1796602400");

        assertThat(buyer.lineTicket()).isEqualTo(-1);
    }

    @Test
    void aPassGrantCarriesItsExpiry() {
        String pass = new TestPasses("secret").pass(7, 3, Instant.ofEpochSecond(1796602400));

        assertThat(Buyers.grant(pass)).containsExactly("v1", "pass", "7", "3", "1796602400");
    }
}
