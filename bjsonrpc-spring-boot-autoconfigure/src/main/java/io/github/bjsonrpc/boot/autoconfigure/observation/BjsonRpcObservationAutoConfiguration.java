package io.github.bjsonrpc.boot.autoconfigure.observation;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.github.bjsonrpc.BjsonRpc;
import io.github.bjsonrpc.boot.BjsonRpcServices;
import io.github.bjsonrpc.boot.autoconfigure.BjsonRpcAutoConfiguration;
import io.github.bjsonrpc.boot.client.BjsonRpcClientCustomizer;
import io.github.bjsonrpc.boot.observation.BjsonRpcMethodTimers;
import io.github.bjsonrpc.boot.observation.BjsonRpcObservationConvention;
import io.github.bjsonrpc.boot.observation.DefaultBjsonRpcObservationConvention;
import io.github.bjsonrpc.boot.observation.ObservationRpcObserver;
import io.github.bjsonrpc.boot.server.BjsonRpcServerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;

/**
 * A Micrometer observation around every bjsonrpc call handled or issued, on the server's and the clients'
 * connections: timers through the metrics handler, spans when Micrometer Tracing is present. Needs an
 * {@link ObservationRegistry}; off with {@code bjsonrpc.observation.enabled=false}.
 */
@AutoConfiguration(after = {BjsonRpcAutoConfiguration.class, ObservationAutoConfiguration.class})
@ConditionalOnClass({BjsonRpc.class, ObservationRegistry.class})
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "bjsonrpc.observation.enabled", matchIfMissing = true)
public final class BjsonRpcObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    BjsonRpcObservationConvention bjsonRpcObservationConvention() {
        return new DefaultBjsonRpcObservationConvention();
    }

    /** Registers the timers of the server's published methods at start, so that their series exist from zero. */
    @Bean
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    SmartInitializingSingleton bjsonRpcKnownMethodTimers(ObjectProvider<MeterRegistry> meters,
            BjsonRpcObservationConvention convention, BjsonRpcServices services) {
        return () -> new BjsonRpcMethodTimers(meters.getObject(), convention)
            .register(services.serverMethods().values().stream().flatMap(List::stream).toList());
    }

    @Bean
    BjsonRpcServerCustomizer bjsonRpcServerObservation(ObjectProvider<ObservationRegistry> registry,
            BjsonRpcObservationConvention convention) {
        return builder -> builder.addObserver(new ObservationRpcObserver(registry.getObject(), convention, null));
    }

    @Bean
    BjsonRpcClientCustomizer bjsonRpcClientObservation(ObjectProvider<ObservationRegistry> registry,
            BjsonRpcObservationConvention convention) {
        return (name, builder) -> builder.addObserver(new ObservationRpcObserver(registry.getObject(), convention,
            name));
    }
}
