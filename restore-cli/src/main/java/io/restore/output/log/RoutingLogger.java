package io.restore.output.log;

import io.restore.output.LogLevel;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named SLF4J logger; {@link LogRoutes} decides, per call, whether and where it is written. */
final class RoutingLogger extends LegacyAbstractLogger {
  private static final long serialVersionUID = 1L;

  RoutingLogger(String name) {
    this.name = name;
  }

  @Override
  public boolean isTraceEnabled() {
    return LogRoutes.enabled(name, LogLevel.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return LogRoutes.enabled(name, LogLevel.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return LogRoutes.enabled(name, LogLevel.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return LogRoutes.enabled(name, LogLevel.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return LogRoutes.enabled(name, LogLevel.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String pattern, Object[] args, Throwable t) {
    LogLevel at =
        switch (level) {
          case ERROR -> LogLevel.ERROR;
          case WARN -> LogLevel.WARN;
          case INFO -> LogLevel.INFO;
          case DEBUG -> LogLevel.DEBUG;
          case TRACE -> LogLevel.TRACE;
        };
    if (!LogRoutes.enabled(name, at)) {
      return;
    }
    LogRoutes.log(name, at, MessageFormatter.basicArrayFormat(pattern, args), t);
  }
}
