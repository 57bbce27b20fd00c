package io.github.bjsonrpc.dispatch;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;

/**
 * A handler method the peer can call, prepared once per class: its parameters and an invoker that spreads an
 * argument array, so that a call costs no reflection lookup.
 */
public final class PublishedMethod {

    private static final MethodType INVOKER_TYPE = MethodType.methodType(Object.class, Object.class, Object[].class);

    private final String name;
    private final String ownerName;
    private final Method method;
    private final List<ParamSpec> params;
    private final int valueParams;
    private final int requiredValueParams;
    private final boolean varargs;
    private final boolean namesPresent;
    private final MethodHandle invoker;
    private final Boolean inline;

    PublishedMethod(String ownerName, Method method, List<ParamSpec> params, Boolean inline) {
        this.name = method.getName();
        this.ownerName = ownerName;
        this.method = method;
        this.params = List.copyOf(params);
        this.valueParams = (int) params.stream().filter(p -> p.kind() == ParamSpec.Kind.VALUE).count();
        this.requiredValueParams = (int) params.stream()
            .filter(p -> p.kind() == ParamSpec.Kind.VALUE && !p.optional()).count();
        this.varargs = params.stream().anyMatch(p -> p.kind() == ParamSpec.Kind.VARARGS);
        this.namesPresent = Arrays.stream(method.getParameters()).allMatch(Parameter::isNamePresent);
        this.invoker = invokerFor(method);
        this.inline = inline;
    }

    private static MethodHandle invokerFor(Method method) {
        try {
            method.setAccessible(true);
        } catch (RuntimeException inaccessible) {
            // public method of a public class: no need
        }
        try {
            MethodHandle handle = MethodHandles.lookup().unreflect(method).asFixedArity();
            return handle.asSpreader(Object[].class, method.getParameterCount()).asType(INVOKER_TYPE);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("Cannot publish " + method + ": it is not accessible", e);
        }
    }

    /** The name the peer calls. */
    public String name() {
        return name;
    }

    /** {@code Owner.name()}, as errors name the method. */
    public String qualifiedName() {
        return ownerName + "." + name + "()";
    }

    /** The Java method. */
    public Method method() {
        return method;
    }

    /** Its parameters, in declaration order. */
    public List<ParamSpec> params() {
        return params;
    }

    int valueParams() {
        return valueParams;
    }

    int requiredValueParams() {
        return requiredValueParams;
    }

    boolean hasVarargs() {
        return varargs;
    }

    /** Whether the class was compiled with {@code -parameters}: keyword arguments need the parameter names. */
    boolean parameterNamesPresent() {
        return namesPresent;
    }

    /**
     * Whether it runs inline, if its {@link io.github.bjsonrpc.Inline} annotation (or its class's) says so.
     *
     * @param byOptions what the connection's options say, for a method without the annotation
     * @return whether it runs inline
     */
    boolean inline(boolean byOptions) {
        return inline != null ? inline : byOptions;
    }

    /**
     * Runs the method.
     *
     * @param target the handler object
     * @param args bound arguments, one per Java parameter
     * @return what it returned ({@code null} for {@code void})
     * @throws Throwable whatever the method threw, unwrapped
     */
    public Object invoke(Object target, Object[] args) throws Throwable {
        return (Object) invoker.invokeExact(target, args);
    }
}
