package io.github.bjsonrpc.boot.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

/** The module's one package is {@code @NullMarked}, as Spring Boot 4's are. */
class NullMarkedPackageTest {

    @Test
    void thePackageIsNullMarked() throws Exception {
        assertThat(Class.forName(AutoConfigureTestBjsonRpcTransport.class.getPackageName() + ".package-info")
            .isAnnotationPresent(NullMarked.class)).isTrue();
    }
}
