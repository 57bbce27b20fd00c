package io.github.bjsonrpc.boot.client;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;

import io.github.bjsonrpc.BjsonRpcClient;

/**
 * The bean definitions of the configured clients and of their typed proxies: static factory methods with their
 * arguments written down, rather than instance suppliers, so that Spring's ahead-of-time processing can turn them
 * into code.
 */
public final class BjsonRpcClientBeans {

    /** The attribute of a typed proxy's bean definition that holds its interface. */
    public static final String INTERFACE_ATTRIBUTE = BjsonRpcClientBeans.class.getName() + ".interface";

    private BjsonRpcClientBeans() {
    }

    /**
     * @param client a configured client's name
     * @return the name of its bean
     */
    public static String beanName(String client) {
        return client + "BjsonRpcClient";
    }

    /**
     * The bean definition of a configured client, made by the {@link BjsonRpcClientFactory} bean.
     *
     * @param client the client's name
     * @return its definition
     */
    static RootBeanDefinition clientDefinition(String client) {
        RootBeanDefinition definition = factoryMethod("client", BjsonRpcClient.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, client);
        definition.setDestroyMethodName("close");
        return definition;
    }

    /**
     * The bean definition of a typed proxy of a configured client.
     *
     * @param client the client's name
     * @param type the interface
     * @return its definition
     */
    static RootBeanDefinition proxyDefinition(String client, Class<?> type) {
        RootBeanDefinition definition = factoryMethod("proxy", type);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, client);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(1, type);
        definition.setAttribute(INTERFACE_ATTRIBUTE, type);
        return definition;
    }

    private static RootBeanDefinition factoryMethod(String name, Class<?> type) {
        RootBeanDefinition definition = new RootBeanDefinition(BjsonRpcClientBeans.class);
        definition.setFactoryMethodName(name);
        definition.setTargetType(type);
        definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        return definition;
    }

    /**
     * Makes a configured client: the factory method of its bean definition.
     *
     * @param client the client's name
     * @param factory the application's client factory
     * @return the client, not yet connected
     */
    public static BjsonRpcClient client(String client, BjsonRpcClientFactory factory) {
        return factory.create(client);
    }

    /**
     * Makes a typed proxy of a configured client: the factory method of its bean definition.
     *
     * @param client the client's name
     * @param type the interface
     * @param beans where the client's bean is
     * @param <T> the interface
     * @return the proxy
     * @throws IllegalStateException if no such client is configured
     */
    public static <T> T proxy(String client, Class<T> type, BeanFactory beans) {
        String clientBean = beanName(client);
        if (!beans.containsBean(clientBean)) {
            throw new IllegalStateException("@ImportBjsonRpcClients names the client '" + client
                + "', but no bjsonrpc.clients." + client + " is configured");
        }
        return beans.getBean(clientBean, BjsonRpcClient.class).as(type);
    }
}
