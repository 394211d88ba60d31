package io.ticketing.queue.stream;

import java.util.List;

import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import io.ticketing.redis.LuaScripts;

/**
 * The position streams' Lua scripts, beside the waiting room's in {@code resources/lua/queue}, read
 * once at start-up. Every one that needs the time takes it from Redis ({@code TIME}): the one clock
 * all instances share.
 */
@Component
@SuppressWarnings("rawtypes")
class StreamScripts {

    final RedisScript<List> line = LuaScripts.load("queue/line.lua", List.class);
    final RedisScript<Long> streamOpen = LuaScripts.load("queue/stream-open.lua", Long.class);
    final RedisScript<Long> streamSeen = LuaScripts.load("queue/stream-seen.lua", Long.class);
    final RedisScript<List> present = LuaScripts.load("queue/present.lua", List.class);
}
