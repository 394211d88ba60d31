package io.ticketing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts from the class path, read once when their owner is built: a script made from a
 * resource would stat its file on every call, and that is file I/O on the event loop.
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    /** Every script's first part: {@code redisNow()}, the time on Redis's clock. */
    private static final String PRELUDE = "redis-now.lua";

    /** The script at {@code path} (e.g. {@code queue/enter.lua}), answering a {@code type}. */
    public static <T> RedisScript<T> load(String path, Class<T> type) {
        return compose(type, path);
    }

    /**
     * One script made of several files in order, after the prelude: Lua functions that two scripts
     * share (e.g. {@code queue/open-line.lua}) come first, the script that calls them last. Redis has no include.
     */
    public static <T> RedisScript<T> compose(Class<T> type, String... paths) {
        StringBuilder source = new StringBuilder(read(PRELUDE)).append('\n');
        for (String path : paths) {
            source.append(read(path)).append('\n');
        }
        return RedisScript.of(source.toString(), type);
    }

    private static String read(String path) {
        try {
            return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Missing Redis script " + path, e);
        }
    }
}
