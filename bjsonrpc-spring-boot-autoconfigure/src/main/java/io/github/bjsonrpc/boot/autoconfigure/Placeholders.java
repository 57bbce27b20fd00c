package io.github.bjsonrpc.boot.autoconfigure;

import org.jspecify.annotations.Nullable;
import org.springframework.util.SystemPropertyUtils;

/** Whether a bound value still holds a {@code ${...}} placeholder, left as it was because it was not known yet. */
final class Placeholders {

    private Placeholders() {
    }

    static boolean in(@Nullable String value) {
        return value != null && value.contains(SystemPropertyUtils.PLACEHOLDER_PREFIX);
    }
}
