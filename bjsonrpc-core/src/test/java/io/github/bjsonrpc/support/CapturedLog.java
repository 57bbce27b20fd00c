package io.github.bjsonrpc.support;

import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * The events one logger writes during each test, from the given level up, with a real Logback appender; the
 * logger's level is restored after the test.
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final Level captured;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level before;

    /**
     * @param loggerName the logger to capture
     * @param level the lowest level captured
     */
    public CapturedLog(String loggerName, Level level) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        this.captured = level;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = logger.getLevel();
        logger.setLevel(captured);
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }

    /** The events written so far, in order. */
    public List<ILoggingEvent> events() {
        return appender.list;
    }
}
