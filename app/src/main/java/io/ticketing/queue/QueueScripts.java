package io.ticketing.queue;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.ticketing.redis.LuaScripts;

/**
 * The waiting room's Lua scripts (in {@code resources/lua/queue}), read once at start-up. Every one that
 * needs the time takes it from Redis ({@code TIME}): the one clock all instances share.
 */
@Component
@SuppressWarnings("rawtypes")
class QueueScripts {

    final RedisScript<List> enter = script("enter", List.class);
    final RedisScript<List> status = script("status", List.class);
    final RedisScript<List> restore = script("restore", List.class);
    final RedisScript<Long> rebuildAdmitted = script("rebuild-admitted", Long.class);
    final RedisScript<List> admit = script("admit", List.class);
    final RedisScript<Long> open = script("open", Long.class);
    final RedisScript<Long> leave = script("leave", Long.class);
    final RedisScript<List> holdGate = script("hold-gate", List.class);
    final RedisScript<Long> settings = script("settings", Long.class);
    final RedisScript<List> figures = script("figures", List.class);

    private static <T> RedisScript<T> script(String name, Class<T> type) {
        return LuaScripts.load("queue/" + name + ".lua", type);
    }
}
