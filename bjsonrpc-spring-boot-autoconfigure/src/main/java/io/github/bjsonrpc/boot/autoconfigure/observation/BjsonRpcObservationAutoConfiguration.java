package io.github.bjsonrpc.boot.autoconfigure.observation;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.RpcObserver;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.observation.BjsonRpcClientObservationConvention;
import io.github.bjsonrpc.boot.observation.BjsonRpcServerObservationConvention;
import io.github.bjsonrpc.boot.observation.DefaultBjsonRpcClientObservationConvention;
import io.github.bjsonrpc.boot.observation.DefaultBjsonRpcServerObservationConvention;
import io.github.bjsonrpc.boot.observation.ObservationRpcObserver;
import io.github.bjsonrpc.boot.server.BjsonRpcServerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationFilter;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;

/**
 * Observes every bjsonrpc call handled or issued, on the server's and the clients' connections: timers through the
 * metrics handler, spans when Micrometer Tracing is present. When observations go to meters only (every observation
 * handler is a meter handler), calls skip the Observation API and their meters are recorded directly, the same
 * meters with the same names and tags ({@code bjsonrpc.observation.direct-metrics=false} turns that off). Needs an
 * {@link ObservationRegistry}; off with {@code bjsonrpc.observation.enabled=false}.
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, ObservationAutoConfiguration.class},
    afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({BjsonRpc.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "bjsonrpc.observation.enabled", matchIfMissing = true)
public final class BjsonRpcObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcServerObservationConvention bjsonRpcServerObservationConvention() {
        return new DefaultBjsonRpcServerObservationConvention();
    }

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcClientObservationConvention bjsonRpcClientObservationConvention() {
        return new DefaultBjsonRpcClientObservationConvention();
    }

    @Bean
    BjsonRpcServerCustomizer bjsonRpcServerObservation(ObjectProvider<ObservationRegistry> registry,
            BjsonRpcServerObservationConvention server, BjsonRpcClientObservationConvention client,
            ObjectProvider<DirectMetrics> direct) {
        return builder -> builder.addObserver(observer(registry, server, client, direct, null));
    }

    @Bean
    BjsonRpcClientCustomizer bjsonRpcClientObservation(ObjectProvider<ObservationRegistry> registry,
            BjsonRpcServerObservationConvention server, BjsonRpcClientObservationConvention client,
            ObjectProvider<DirectMetrics> direct) {
        return (name, builder) -> builder.addObserver(observer(registry, server, client, direct, name));
    }

    private static RpcObserver observer(ObjectProvider<ObservationRegistry> registry,
            BjsonRpcServerObservationConvention server, BjsonRpcClientObservationConvention client,
            ObjectProvider<DirectMetrics> direct, @Nullable String clientName) {
        DirectMetrics metrics = direct.getIfAvailable();
        RpcObserver observer = metrics == null ? null : metrics.observer(clientName);
        return observer != null ? observer
            : new ObservationRpcObserver(registry.getObject(), server, client, clientName);
    }

    /** The meters of calls, with Micrometer's metrics. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static final class CallMetersConfiguration {

        @Bean
        DirectMetrics bjsonRpcDirectMetrics(ObjectProvider<MeterRegistry> meters,
                BjsonRpcServerObservationConvention server, BjsonRpcClientObservationConvention client,
                ObjectProvider<ObservationHandler<?>> handlers, ObjectProvider<ObservationPredicate> predicates,
                ObjectProvider<ObservationFilter> filters, Environment environment) {
            return new DirectMetrics(meters.getObject(), server, client, handlers.orderedStream().toList(),
                predicates.orderedStream().toList(), filters.orderedStream().toList(), environment);
        }

        /** Registers the timers of the server's published methods at start, so that their series exist from zero. */
        @Bean
        SmartInitializingSingleton bjsonRpcKnownMethodTimers(DirectMetrics metrics, BjsonRpcServices services) {
            return () -> metrics.methodTimers()
                .register(services.serverMethods().values().stream().flatMap(List::stream).toList());
        }
    }
}
