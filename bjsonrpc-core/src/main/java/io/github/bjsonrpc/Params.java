package io.github.bjsonrpc;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Positional and keyword arguments of one request, the Java side of Python's {@code f(1, 2, c=3)}.
 *
 * <p>They are written as the reference writes them: no arguments, no {@code params} member; positional only,
 * {@code "params":[...]}; keywords only, {@code "params":{...}}; both, {@code "params":[...]} followed by
 * {@code "kwparams":{...}}. Keyword order is kept. Pass a {@code Params} as the only argument of
 * {@code call}, {@code method}, {@code notify} or {@code pipe}:
 *
 * <pre>{@code
 * connection.call("getabc", Params.of(1).with("c", 3));   // getabc(1, c=3)
 * connection.call("getabc", Params.named(Map.of("b", 2))); // getabc(b=2)
 * }</pre>
 *
 * Instances are immutable; {@link #with} returns a new one.
 */
public final class Params {

    private static final Params NONE = new Params(List.of(), Map.of());

    private final List<Object> positional;
    private final Map<String, Object> keywords;

    private Params(List<Object> positional, Map<String, Object> keywords) {
        this.positional = positional;
        this.keywords = keywords;
    }

    /**
     * @param positional positional arguments; {@code null} elements are sent as JSON {@code null}
     * @return the arguments, with no keywords
     */
    public static Params of(Object... positional) {
        if (positional == null || positional.length == 0) {
            return NONE;
        }
        return new Params(Collections.unmodifiableList(Arrays.asList(positional.clone())), Map.of());
    }

    /**
     * @param keywords keyword arguments, in the order they are to be written
     * @return the arguments, with no positional ones
     */
    public static Params named(Map<String, ?> keywords) {
        return NONE.withAll(keywords);
    }

    /** No arguments at all: the request has no {@code params} member. */
    public static Params none() {
        return NONE;
    }

    /**
     * @param name the keyword, the peer's parameter name
     * @param value its value
     * @return these arguments plus one keyword (replacing an earlier one of the same name)
     */
    public Params with(String name, Object value) {
        return withAll(Collections.singletonMap(Objects.requireNonNull(name, "name"), value));
    }

    private Params withAll(Map<String, ?> more) {
        Map<String, Object> merged = new LinkedHashMap<>(keywords);
        merged.putAll(more);
        return new Params(positional, Collections.unmodifiableMap(merged));
    }

    /** The positional arguments, in order. */
    public List<Object> positional() {
        return positional;
    }

    /** The keyword arguments, in the order they are written. */
    public Map<String, Object> keywords() {
        return keywords;
    }

    /** Whether there are no arguments at all. */
    public boolean isEmpty() {
        return positional.isEmpty() && keywords.isEmpty();
    }

    /**
     * The arguments of a {@code call(method, args...)}: a lone {@code Params} is taken as it is, anything else as
     * positional arguments.
     *
     * @param args what the caller passed
     * @return the arguments to send
     */
    public static Params from(Object[] args) {
        if (args != null && args.length == 1 && args[0] instanceof Params params) {
            return params;
        }
        return of(args);
    }

    @Override
    public String toString() {
        return "Params" + positional + (keywords.isEmpty() ? "" : keywords);
    }
}
