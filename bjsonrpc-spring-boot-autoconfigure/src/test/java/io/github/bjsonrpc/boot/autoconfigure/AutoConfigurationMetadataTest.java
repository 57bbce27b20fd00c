package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;

/**
 * Spring Boot filters auto-configurations by the metadata that spring-boot-autoconfigure-processor writes, without
 * loading their classes: every one of ours is described there, with its class conditions and its ordering.
 */
class AutoConfigurationMetadataTest {

    @Test
    void everyAutoConfigurationHasItsConditionsInTheGeneratedMetadata() throws Exception {
        Properties metadata = new Properties();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-autoconfigure-metadata.properties"))) {
            try (InputStream in = url.openStream()) {
                metadata.load(in);
            }
        }
        List<String> ours = ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())
            .getCandidates().stream().filter(name -> name.startsWith("io.github.bjsonrpc.")).toList();

        assertThat(ours).hasSize(10);
        assertThat(ours).allSatisfy(name -> {
            assertThat(metadata).containsKey(name);
            assertThat(metadata.getProperty(name + ".ConditionalOnClass")).contains("io.github.bjsonrpc.BjsonRpc");
        });
        assertThat(metadata.getProperty(BjsonRpcServerAutoConfiguration.class.getName() + ".AutoConfigureAfter"))
            .contains(BjsonRpcAutoConfiguration.class.getName(),
                "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration");
    }
}
