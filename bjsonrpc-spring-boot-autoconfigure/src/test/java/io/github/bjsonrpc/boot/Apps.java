package io.github.bjsonrpc.boot;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts real applications (without a web server unless asked) for a test, and closes them when the test ends. */
final class Apps implements AfterEachCallback {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /**
     * @param app the application class
     * @param properties {@code key=value} properties
     * @return the running application
     */
    ConfigurableApplicationContext start(Class<?> app, String... properties) {
        return start(WebApplicationType.NONE, app, properties);
    }

    /**
     * @param web the kind of web server, if any
     * @param app the application class
     * @param properties {@code key=value} properties
     * @return the running application
     */
    ConfigurableApplicationContext start(WebApplicationType web, Class<?> app, String... properties) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(app).web(web).properties(properties)
            .run();
        contexts.add(context);
        return context;
    }

    @Override
    public void afterEach(ExtensionContext extension) {
        contexts.forEach(ConfigurableApplicationContext::close);
        contexts.clear();
    }
}
