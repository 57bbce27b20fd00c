package io.github.bjsonrpc.boot.client;

import java.util.HashSet;
import java.util.Set;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.StringUtils;

/** Registers the typed client proxies that {@link ImportBjsonRpcClients} asks for. */
class BjsonRpcClientInterfacesRegistrar implements ImportBeanDefinitionRegistrar {

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        Set<String> done = new HashSet<>();
        metadata.getAnnotations().stream(ImportBjsonRpcClients.class).forEach(annotation -> register(annotation,
            registry, done));
    }

    private static void register(MergedAnnotation<ImportBjsonRpcClients> annotation, BeanDefinitionRegistry registry,
            Set<String> done) {
        String client = annotation.getString("client");
        for (Class<?> type : annotation.getClassArray("types")) {
            if (!type.isInterface()) {
                throw new IllegalArgumentException("@ImportBjsonRpcClients(client = \"" + client + "\") lists "
                    + type.getName() + ", which is not an interface");
            }
            String name = StringUtils.uncapitalize(type.getSimpleName());
            if (!done.add(name)) {
                continue;
            }
            registry.registerBeanDefinition(name, BjsonRpcClientBeans.proxyDefinition(client, type));
        }
    }
}
