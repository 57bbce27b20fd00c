package io.github.bjsonrpc.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

import io.github.bjsonrpc.boot.BjsonRpcService;

/**
 * Whether the application runs a bjsonrpc server: as {@code bjsonrpc.server.enabled} says when it is set, otherwise
 * only when the application has something to serve, a {@link BjsonRpcService} bean published on the server. So a
 * client-only application binds no port.
 */
final class OnBjsonRpcServerCondition extends SpringBootCondition implements ConfigurationCondition {

    static final String ENABLED = "bjsonrpc.server.enabled";

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        ConditionMessage.Builder message = ConditionMessage.forCondition("bjsonrpc server");
        Boolean enabled = context.getEnvironment().getProperty(ENABLED, Boolean.class);
        if (enabled != null) {
            ConditionMessage because = message.because(ENABLED + " is " + enabled);
            return enabled ? ConditionOutcome.match(because) : ConditionOutcome.noMatch(because);
        }
        List<String> served = serverServices(context.getBeanFactory());
        if (served.isEmpty()) {
            return ConditionOutcome.noMatch(message.didNotFind("@BjsonRpcService bean published on the server")
                .atAll());
        }
        return ConditionOutcome.match(message.found("@BjsonRpcService bean published on the server",
            "@BjsonRpcService beans published on the server").items(served));
    }

    private static List<String> serverServices(@Nullable ConfigurableListableBeanFactory beanFactory) {
        List<String> served = new ArrayList<>();
        if (beanFactory == null) {
            return served;
        }
        for (String name : beanFactory.getBeanNamesForAnnotation(BjsonRpcService.class)) {
            BjsonRpcService service = beanFactory.findAnnotationOnBean(name, BjsonRpcService.class);
            if (service != null && service.server()) {
                served.add(name);
            }
        }
        return served;
    }
}
