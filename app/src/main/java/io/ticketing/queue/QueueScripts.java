package io.ticketing.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The waiting room's Lua scripts (in {@code resources/queue}), read once at start-up. A script
 * built from a resource would stat its file on every call, and that is file I/O on the event loop.
 */
@Component
@SuppressWarnings("rawtypes")
class QueueScripts {

    final RedisScript<List> enter = list("enter");
    final RedisScript<List> status = list("status");
    final RedisScript<List> admit = list("admit");
    final RedisScript<List> line = list("line");
    final RedisScript<Long> open = RedisScript.of(text("open"), Long.class);
    final RedisScript<Long> leave = RedisScript.of(text("leave"), Long.class);
    final RedisScript<Long> streamOpen = RedisScript.of(text("stream-open"), Long.class);
    final RedisScript<Long> streamSeen = RedisScript.of(text("stream-seen"), Long.class);

    private static RedisScript<List> list(String name) {
        return RedisScript.of(text(name), List.class);
    }

    private static String text(String name) {
        try {
            return new ClassPathResource("queue/" + name + ".lua").getContentAsString(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Missing waiting-room script " + name, e);
        }
    }
}
