package io.ticketing.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class InstanceRollCallTest {

    @Test
    void oneOpenBreakerAnywhereIsTheDeploymentsState() {
        assertThat(InstanceRollCall.worst(List.of("CLOSED", "OPEN", "HALF_OPEN"))).isEqualTo("OPEN");
    }
}
