package io.restore.process;

/**
 * How a child run by {@link Launcher#run} ended.
 *
 * @param exitCode its exit code (when destroyed, whatever the OS reported for the signal)
 * @param destroyed true when the timeout or a cancellation destroyed it
 */
public record Completed(int exitCode, boolean destroyed) {}
