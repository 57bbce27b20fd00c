package io.github.bjsonrpc.boot.autoconfigure;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import io.github.bjsonrpc.BjsonRpcClient;

/**
 * Registers one {@link BjsonRpcClient} bean per {@code bjsonrpc.clients.<name>}: bean name {@code <name>BjsonRpcClient}
 * and qualifier {@code <name>}, so it is injected with {@code @Qualifier("<name>") BjsonRpcClient client}.
 */
public class BjsonRpcClientsRegistrar implements BeanDefinitionRegistryPostProcessor {

    private final Environment environment;

    /**
     * @param environment where {@code bjsonrpc.clients} are read from
     */
    public BjsonRpcClientsRegistrar(Environment environment) {
        this.environment = environment;
    }

    /**
     * @param client a client name
     * @return the name of its bean
     */
    public static String beanName(String client) {
        return client + "BjsonRpcClient";
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
        BeanFactory beans = (BeanFactory) registry;
        for (String name : clientNames(environment)) {
            AbstractBeanDefinition definition = BeanDefinitionBuilder
                .genericBeanDefinition(BjsonRpcClient.class,
                    () -> beans.getBean(BjsonRpcClientFactory.class).create(name))
                .setDestroyMethodName("close")
                .getBeanDefinition();
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            registry.registerBeanDefinition(beanName(name), definition);
        }
    }
}
