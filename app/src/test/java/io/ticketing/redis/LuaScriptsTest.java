package io.ticketing.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** How a script is put together from the files its header says it needs (test scripts in resources/lua/resolver-test). */
class LuaScriptsTest {

    @Test
    void everyFileComesAfterTheFilesItNeedsDepthFirstAndThePreludeFirstOfAll() {
        String source = source("resolver-test/top.lua");

        assertThat(positions(source, "local function redisNow", "'base'", "'left'", "'right'", "'top'")).isSorted();
    }

    @Test
    void aFileNeededTwiceIsSentOnce() {
        String source = source("resolver-test/top.lua");

        assertThat(Pattern.compile("local function base\\(").matcher(source).results().count()).isEqualTo(1);
    }

    @Test
    void aNeedsLinePastTheHeaderIsCode() {
        String source = source("resolver-test/right.lua");

        assertThat(source).contains("-- needs: resolver-test/missing-library.lua");
    }

    @Test
    void filesThatNeedEachOtherAreRefusedWithTheirCircle() {
        assertThatThrownBy(() -> source("resolver-test/circle-a.lua")).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("resolver-test/circle-a.lua -> resolver-test/circle-b.lua -> resolver-test/circle-a.lua");
    }

    @Test
    void aMissingLibraryIsNamedWithTheFileThatNeedsIt() {
        assertThatThrownBy(() -> source("resolver-test/needs-missing.lua"))
            .hasMessage("Missing Redis script lua/resolver-test/nowhere.lua, needed by resolver-test/needs-missing.lua");
    }

    @Test
    void aMissingScriptIsNamed() {
        assertThatThrownBy(() -> source("resolver-test/nowhere.lua")).hasMessage("Missing Redis script lua/resolver-test/nowhere.lua");
    }

    @Test
    void theEntryScriptGetsTheLibrariesItCallsBeforeItsOwnCode() {
        String source = source("queue/enter.lua");

        assertThat(positions(source, "local function redisNow", "local function takeFromEach", "local function openLine", "local now = redisNow()"))
            .isSorted();
    }

    private static String source(String path) {
        return LuaScripts.load(path, Long.class).getScriptAsString();
    }

    /** Where each text first occurs in {@code source}, all of them there. */
    private static List<Integer> positions(String source, String... texts) {
        List<Integer> positions = List.of(texts).stream().map(source::indexOf).toList();
        assertThat(positions).as("every text is in the script").doesNotContain(-1);
        return positions;
    }
}
