package io.github.bjsonrpc.boot.server;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Takes the application out of service as soon as its shutdown begins, before the bjsonrpc server stops accepting:
 * the readiness state becomes {@link ReadinessState#REFUSING_TRAFFIC} (the readiness probe, {@code
 * /actuator/health/readiness}, answers 503 from then on), so that orchestrators and balancers stop sending new
 * connections first. Spring Boot does so itself in an application with a web server; this does it in one whose only
 * server is bjsonrpc too.
 */
public class BjsonRpcReadinessAtShutdown implements ApplicationListener<ContextClosedEvent> {

    private final ApplicationContext context;

    /**
     * @param context the application's context
     */
    public BjsonRpcReadinessAtShutdown(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        if (event.getApplicationContext() == context) {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        }
    }
}
