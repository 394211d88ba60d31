package io.ticketing.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcTest {

    @Test
    void processTicksAddUserAndSystemTime() {
        String stat = "3778 (mariadbd) S 1 3778 3778 0 -1 4194560 30514 0 0 0 1234 567 0 0 20 0 12 0 2905 1702797312 51234 "
            + "18446744073709551615 1 1 0 0 0 0 548867 4096 1260 0 0 0 17 1 0 0 0 0 0";

        assertThat(Proc.processTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void processTicksAreCountedFromTheLastParenthesisOfTheName() {
        String stat = "4242 (a (b) c) d) R 1 4242 4242 0 -1 4194304 98 0 0 0 70 30 0 0 20 0 1 0 199386 3133440 413 0";

        assertThat(Proc.processTicks(stat)).isEqualTo(100);
    }

    @Test
    void processTicksRefuseTextWithoutAName() {
        assertThatThrownBy(() -> Proc.processTicks("1 R 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void machineBusyTicksLeaveOutIdleAndIowait() {
        String cpu = "cpu  100 2 30 5000 40 6 7 8 9 10";

        assertThat(Proc.machineBusyTicks(cpu)).isEqualTo(100 + 2 + 30 + 6 + 7 + 8);
    }

    @Test
    void machineBusyTicksReadTheAggregateLineOnly() {
        assertThatThrownBy(() -> Proc.machineBusyTicks("cpu0 1 2 3 4")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void redisIsFoundByThePortInItsTitleOrArguments() {
        assertThat(Proc.redisListensOn("redis-server 127.0.0.1:6379", 6379)).isTrue();
        assertThat(Proc.redisListensOn("redis-server *:6379", 6379)).isTrue();
        assertThat(Proc.redisListensOn("redis-server\0--port\0006379\0", 6379)).isTrue();
    }

    @Test
    void redisOnAnotherPortIsNotTheOne() {
        assertThat(Proc.redisListensOn("redis-server 127.0.0.1:7001 [cluster]", 6379)).isFalse();
        assertThat(Proc.redisListensOn("redis-server 127.0.0.1:16379", 6379)).isFalse();
        assertThat(Proc.redisListensOn("redis-server 127.0.0.1:63790", 6379)).isFalse();
    }

    @Test
    void residentMemoryIsTheVmRssLine() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  524288 kB\nRssAnon:\t  500000 kB\n";

        assertThat(Proc.residentKib(status)).isEqualTo(524_288);
    }
}
