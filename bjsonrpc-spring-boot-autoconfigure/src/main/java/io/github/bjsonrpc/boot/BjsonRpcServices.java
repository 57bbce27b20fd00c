package io.github.bjsonrpc.boot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

import io.github.bjsonrpc.HandlerFactory;
import io.github.bjsonrpc.HandlerGroup;
import io.github.bjsonrpc.dispatch.MethodTable;
import io.github.bjsonrpc.dispatch.PublishedMethod;

/**
 * The {@link BjsonRpcService} beans of the application and the connections that publish them: the server's and
 * each configured client's. Built at start-up, when it also checks that no two services of one side publish the
 * same method name.
 */
public class BjsonRpcServices {

    private final ConfigurableListableBeanFactory beanFactory;
    private final Map<String, Class<?>> types = new LinkedHashMap<>();
    private final List<String> serverBeans = new ArrayList<>();
    private final Map<String, List<String>> clientBeans = new LinkedHashMap<>();
    /** The services whose methods run inline. */
    private final Set<String> inlineBeans = new TreeSet<>();

    /**
     * Finds and checks the service beans.
     *
     * @param beanFactory the application's bean factory
     * @throws IllegalStateException if two services of one side publish the same method, naming both beans
     */
    public BjsonRpcServices(ConfigurableListableBeanFactory beanFactory) {
        this.beanFactory = beanFactory;
        for (String name : beanFactory.getBeanNamesForAnnotation(BjsonRpcService.class)) {
            BjsonRpcService service = beanFactory.findAnnotationOnBean(name, BjsonRpcService.class);
            Class<?> type = beanFactory.getType(name);
            if (service == null || type == null) {
                continue;
            }
            types.put(name, ClassUtils.getUserClass(type));
            if (service.inline()) {
                inlineBeans.add(name);
            }
            if (service.server()) {
                serverBeans.add(name);
            }
            for (String client : service.clients()) {
                clientBeans.computeIfAbsent(client, c -> new ArrayList<>()).add(name);
            }
        }
        methodsOf(serverBeans, "the server");
        clientBeans.forEach((client, beans) -> methodsOf(beans, "client '" + client + "'"));
    }

    /** Makes the root handler of each connection the server accepts. */
    public HandlerFactory serverHandlers() {
        return handlers(serverBeans);
    }

    /**
     * @param client a configured client's name
     * @return what makes the handler of each connection that client opens
     */
    public HandlerFactory clientHandlers(String client) {
        return handlers(clientBeans.getOrDefault(client, List.of()));
    }

    /** The client names that services are published on. */
    public Collection<String> clientNames() {
        return clientBeans.keySet();
    }

    /** The methods the server's connections publish, by service bean name. */
    public Map<String, List<String>> serverMethods() {
        return methodsOf(serverBeans, "the server");
    }

    /**
     * @param client a configured client's name
     * @return the methods that client's connections publish, by service bean name
     */
    public Map<String, List<String>> clientMethods(String client) {
        return methodsOf(clientBeans.getOrDefault(client, List.of()), "client '" + client + "'");
    }

    /**
     * The methods of the server's services that run inline: every published method of the services annotated
     * {@code @BjsonRpcService(inline = true)}.
     *
     * @return their names
     */
    public Set<String> serverInlineMethods() {
        return inlineMethods(serverBeans);
    }

    /**
     * @param client a configured client's name
     * @return the methods of the services published on that client's connections that run inline
     */
    public Set<String> clientInlineMethods(String client) {
        return inlineMethods(clientBeans.getOrDefault(client, List.of()));
    }

    private Set<String> inlineMethods(List<String> beanNames) {
        Set<String> methods = new TreeSet<>();
        for (String bean : beanNames) {
            if (inlineBeans.contains(bean)) {
                MethodTable.of(types.get(bean)).methods().forEach(method -> methods.add(method.name()));
            }
        }
        return methods;
    }

    private HandlerFactory handlers(List<String> beanNames) {
        if (beanNames.isEmpty()) {
            return HandlerFactory.NONE;
        }
        List<String> names = List.copyOf(beanNames);
        return connection -> CurrentConnection.makingFor(connection, () -> {
            List<Object> members = new ArrayList<>(names.size());
            for (String name : names) {
                members.add(beanFactory.getBean(name));
            }
            return members.size() == 1 ? members.get(0) : new HandlerGroup(members);
        });
    }

    private Map<String, List<String>> methodsOf(List<String> beanNames, String side) {
        Map<String, List<String>> methods = new LinkedHashMap<>();
        Map<String, String> owners = new TreeMap<>();
        for (String bean : beanNames) {
            Class<?> type = types.get(bean);
            List<String> names = new ArrayList<>();
            for (PublishedMethod method : MethodTable.of(type).methods()) {
                String previous = owners.putIfAbsent(method.name(), bean);
                if (previous != null) {
                    throw new IllegalStateException("bjsonrpc method '" + method.name() + "' is published twice on "
                        + side + ": by bean '" + previous + "' (" + types.get(previous).getName() + ") and by bean '"
                        + bean + "' (" + type.getName() + "); rename one of them or publish them on different sides");
                }
                names.add(method.name());
            }
            names.sort(null);
            methods.put(bean, names);
        }
        return methods;
    }
}
