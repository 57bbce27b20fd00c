package io.github.bjsonrpc.boot.aot;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import io.github.bjsonrpc.boot.BjsonRpcService;
import io.github.bjsonrpc.boot.client.BjsonRpcClientBeans;

/**
 * Registers, when the application is processed ahead of time, the runtime hints ({@link BjsonRpcRuntimeHints}) of
 * its {@link BjsonRpcService} beans and of the interfaces its typed clients implement.
 */
class BjsonRpcBeanFactoryInitializationAotProcessor implements BeanFactoryInitializationAotProcessor {

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        return (generationContext, code) -> {
            BjsonRpcRuntimeHints hints = new BjsonRpcRuntimeHints(generationContext.getRuntimeHints());
            for (String name : beanFactory.getBeanNamesForAnnotation(BjsonRpcService.class)) {
                Class<?> type = beanFactory.getType(name);
                if (type != null) {
                    hints.service(ClassUtils.getUserClass(type));
                }
            }
            for (String name : beanFactory.getBeanDefinitionNames()) {
                BeanDefinition definition = beanFactory.getBeanDefinition(name);
                if (definition.getAttribute(BjsonRpcClientBeans.INTERFACE_ATTRIBUTE) instanceof Class<?> type) {
                    hints.clientInterface(type);
                }
            }
        };
    }
}
