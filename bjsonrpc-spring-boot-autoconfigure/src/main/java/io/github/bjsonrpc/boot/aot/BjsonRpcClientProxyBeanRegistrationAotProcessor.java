package io.github.bjsonrpc.boot.aot;

import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.javapoet.ClassName;

import io.github.bjsonrpc.boot.client.BjsonRpcClientBeans;

/**
 * Writes the code of a typed client proxy's bean definition in the package of its interface, which it names and
 * which an application need not make public.
 */
class BjsonRpcClientProxyBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        if (!(registeredBean.getMergedBeanDefinition()
                .getAttribute(BjsonRpcClientBeans.INTERFACE_ATTRIBUTE) instanceof Class<?> type)) {
            return null;
        }
        return BeanRegistrationAotContribution.withCustomCodeFragments(fragments -> new InInterfacePackage(
            fragments, type));
    }

    /** The code fragments of a proxy's bean definition, with the interface as their target. */
    private static final class InInterfacePackage extends BeanRegistrationCodeFragmentsDecorator {

        private final Class<?> type;

        InInterfacePackage(BeanRegistrationCodeFragments delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        public ClassName getTarget(RegisteredBean registeredBean) {
            return ClassName.get(type);
        }
    }
}
