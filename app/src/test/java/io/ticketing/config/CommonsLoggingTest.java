package io.ticketing.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Spring's log messages cost nothing at a level that is off (see commons-logging.properties). */
class CommonsLoggingTest {

    @Test
    void aDebugMessageIsNeverBuiltWhileDebugIsOff() {
        String name = "io.ticketing.config.CommonsLoggingTest.quiet";
        ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO);
        Log log = LogFactory.getLog(name);
        AtomicBoolean built = new AtomicBoolean();

        log.debug(new Object() {
            @Override
            public String toString() {
                built.set(true);
                return "an expensive message";
            }
        });

        assertThat(built).isFalse();
    }
}
