package io.ticketing.queue;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.ticketing.system.LuaScripts;

/** The waiting room's Lua scripts (in {@code resources/queue}), read once at start-up. */
@Component
@SuppressWarnings("rawtypes")
class QueueScripts {

    final RedisScript<List> enter = script("enter", List.class);
    final RedisScript<List> status = script("status", List.class);
    final RedisScript<List> admit = script("admit", List.class);
    final RedisScript<List> line = script("line", List.class);
    final RedisScript<Long> open = script("open", Long.class);
    final RedisScript<Long> leave = script("leave", Long.class);
    final RedisScript<Long> streamOpen = script("stream-open", Long.class);
    final RedisScript<Long> streamSeen = script("stream-seen", Long.class);

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        return LuaScripts.load("queue/" + name + ".lua", type);
    }
}
