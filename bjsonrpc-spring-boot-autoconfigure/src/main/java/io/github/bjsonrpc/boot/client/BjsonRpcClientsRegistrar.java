package io.github.bjsonrpc.boot.client;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Registers one {@link BjsonRpcClient} bean per {@code bjsonrpc.clients.<name>}: bean name
 * {@code <name>BjsonRpcClient}, qualifier {@code <name>}, and {@code <name>} as an alias of the bean name. So with
 * several clients, each is injected either with {@code @Qualifier("<name>") BjsonRpcClient client} or by an injection
 * point named like the client ({@code BjsonRpcClient calc}, a field or a parameter compiled with
 * {@code -parameters}). When the application already has a bean named {@code <name>}, the alias is left out and
 * that bean keeps its name; the qualifier still works.
 *
 * <p>Ahead-of-time processing writes the client beans down as code, and leaves this registrar out of the generated
 * application (as a {@link BeanRegistrationAotProcessor}, it is excluded), so that it does not register them twice.
 */
public class BjsonRpcClientsRegistrar implements BeanDefinitionRegistryPostProcessor, BeanRegistrationAotProcessor {

    private final Environment environment;

    /**
     * @param environment where {@code bjsonrpc.clients} are read from
     */
    public BjsonRpcClientsRegistrar(Environment environment) {
        this.environment = environment;
    }

    /**
     * The configured client names.
     *
     * @param environment where {@code bjsonrpc.clients} are read from
     * @return their names, in configuration order
     */
    static Set<String> clientNames(Environment environment) {
        return Binder.get(environment)
            .bind("bjsonrpc.clients", Bindable.mapOf(String.class, Object.class))
            .map(Map::keySet)
            .orElse(Set.of());
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Set<String> names = clientNames(environment);
        for (String name : names) {
            RootBeanDefinition definition = BjsonRpcClientBeans.clientDefinition(name);
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            registry.registerBeanDefinition(BjsonRpcClientBeans.beanName(name), definition);
        }
        for (String name : names) {
            if (!registry.isBeanNameInUse(name)) {
                registry.registerAlias(BjsonRpcClientBeans.beanName(name), name);
            }
        }
    }

    /** Nothing to contribute: the client beans are written down like any other. */
    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        return null;
    }
}
