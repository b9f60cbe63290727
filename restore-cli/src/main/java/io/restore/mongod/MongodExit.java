package io.restore.mongod;

/**
 * How a supervised mongod ended.
 *
 * @param requested true when restore stopped it (close/stop); false = it died on its own, e.g.
 *     mid-session, and the session should tell the user why and exit non-zero
 */
public record MongodExit(int code, boolean requested, ExitExplanation explanation) {}
