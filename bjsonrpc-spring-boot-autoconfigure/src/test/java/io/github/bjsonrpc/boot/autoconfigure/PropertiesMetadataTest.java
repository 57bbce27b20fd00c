package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.convert.ApplicationConversionService;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata speaks as Spring Boot's does (descriptions without a leading "The", ending with a
 * period), and holds the default of every server property that has one, equal to what the properties start with.
 */
class PropertiesMetadataTest {

    private static List<JsonNode> properties() throws Exception {
        List<JsonNode> properties = new ArrayList<>();
        try (InputStream metadata = PropertiesMetadataTest.class
                .getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            JsonMapper.builder().build().readTree(metadata).get("properties").forEach(properties::add);
        }
        return properties;
    }

    @Test
    void descriptionsAreInBootsWording() throws Exception {
        assertThat(properties()).isNotEmpty().allSatisfy(property -> {
            String description = property.path("description").asString("");
            assertThat(description).as(property.get("name").asString()).isNotBlank().doesNotStartWith("The ")
                .endsWith(".");
        });
    }

    @Test
    void everyServerDefaultIsInTheMetadata() throws Exception {
        BeanWrapper server = PropertyAccessorFactory.forBeanPropertyAccess(new BjsonRpcProperties().getServer());
        List<String> checked = new ArrayList<>();
        for (JsonNode property : properties()) {
            String name = property.get("name").asString();
            if (!name.startsWith("bjsonrpc.server.")) {
                continue;
            }
            String path = camel(name.substring("bjsonrpc.server.".length()));
            Object initial = server.getPropertyValue(path);
            JsonNode metadataDefault = property.get("defaultValue");
            if (initial == null) {
                assertThat(metadataDefault).as(name + " has no default").isNull();
                continue;
            }
            assertThat(metadataDefault).as("default of " + name).isNotNull();
            Object converted = ApplicationConversionService.getSharedInstance()
                .convert(metadataDefault.asString(), server.getPropertyType(path));
            assertThat(converted).as("default of " + name).isEqualTo(initial);
            checked.add(name);
        }
        assertThat(checked).contains("bjsonrpc.server.max-connections", "bjsonrpc.server.host",
            "bjsonrpc.server.port", "bjsonrpc.server.call-timeout", "bjsonrpc.server.ssl.client-auth");
    }

    private static String camel(String kebab) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }
}
