package io.ticketing.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Lua scripts from the class path ({@code resources/lua}), read once when their owner is built: a
 * script made from a resource would stat its file on every call, and that is file I/O on the event loop.
 * <p>
 * Redis has no include, so a script that calls functions of a library (the ones in
 * {@code lua/shared}) names it in its header, {@code -- needs: shared/take-token.lua}, and is sent
 * with what it needs in front of it: each library once, every library before the files that need
 * it, all after the prelude ({@code redisNow()}, which every script gets unasked).
 */
public final class LuaScripts {

    private LuaScripts() {
    }

    /** Where the scripts are on the class path; every path, given here or in a header, is under it. */
    private static final String ROOT = "lua/";

    /** Every script's first part: {@code redisNow()}, the time on Redis's clock. */
    private static final String PRELUDE = "shared/redis-now.lua";

    /** How a header line names the libraries a file needs, separated by commas. */
    private static final String NEEDS = "-- needs:";

    /** The script at {@code path} under {@code lua/} (e.g. {@code queue/enter.lua}), answering a {@code type}. */
    public static <T> RedisScript<T> load(String path, Class<T> type) {
        Map<String, String> files = new LinkedHashMap<>();
        add(PRELUDE, files, new ArrayDeque<>());
        add(path, files, new ArrayDeque<>());
        StringBuilder source = new StringBuilder();
        files.values().forEach(file -> source.append(file).append('\n'));
        return RedisScript.of(source.toString(), type);
    }

    /**
     * Adds the file at {@code path} to {@code files} after everything it needs, depth first, unless
     * it is there already; {@code needing} is the chain of files that led to it.
     */
    private static void add(String path, Map<String, String> files, Deque<String> needing) {
        if (files.containsKey(path)) {
            return;
        }
        if (needing.contains(path)) {
            List<String> circle = new ArrayList<>(needing);
            circle.subList(0, circle.indexOf(path)).clear();
            circle.add(path);
            throw new IllegalStateException("Redis scripts that need each other in a circle: " + String.join(" -> ", circle));
        }
        String source = read(path, needing.peekLast());
        needing.addLast(path);
        needs(source).forEach(need -> add(need, files, needing));
        needing.removeLast();
        files.put(path, source);
    }

    /** The paths a file's header names after {@code -- needs:}; the header is its leading comment lines. */
    private static Stream<String> needs(String source) {
        return source.lines().takeWhile(line -> line.startsWith("--"))
            .filter(line -> line.startsWith(NEEDS))
            .flatMap(line -> Arrays.stream(line.substring(NEEDS.length()).split(",")))
            .map(String::strip)
            .filter(need -> !need.isEmpty());
    }

    private static String read(String path, String neededBy) {
        try {
            return new ClassPathResource(ROOT + path).getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Missing Redis script " + ROOT + path + (neededBy == null ? "" : ", needed by " + neededBy), e);
        }
    }
}
