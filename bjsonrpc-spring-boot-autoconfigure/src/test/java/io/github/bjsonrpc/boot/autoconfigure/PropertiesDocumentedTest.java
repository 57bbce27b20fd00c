package io.github.bjsonrpc.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;

import io.github.bjsonrpc.support.Readme;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The README's table of configuration properties lists exactly the properties the metadata describes. */
class PropertiesDocumentedTest {

    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `([a-z][a-z0-9-]*\\.[a-z0-9.<>-]+)` \\|",
        Pattern.MULTILINE);

    @Test
    void theReadmeTableMatchesTheMetadata() throws Exception {
        Set<String> described = new TreeSet<>();
        try (InputStream metadata = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            for (JsonNode property : JsonMapper.builder().build().readTree(metadata).get("properties")) {
                String name = property.get("name").asString();
                if (!name.equals("bjsonrpc.clients")) {
                    described.add(name);
                }
            }
        }
        clientProperties("bjsonrpc.clients.<name>.", BjsonRpcProperties.Client.class, described);

        Set<String> documented = new TreeSet<>();
        Matcher row = TABLE_ROW.matcher(Readme.section("### Configuration properties"));
        while (row.find()) {
            documented.add(row.group(1));
        }

        assertThat(documented).as("properties in the README table").isEqualTo(described);
    }

    private static void clientProperties(String prefix, Class<?> type, Set<String> names) {
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(type)) {
            if (property.getName().equals("class")) {
                continue;
            }
            String name = prefix + kebab(property.getName());
            Class<?> propertyType = property.getPropertyType();
            if (propertyType.getName().startsWith(BjsonRpcProperties.class.getName())
                    && !propertyType.isEnum()) {
                clientProperties(name + ".", propertyType, names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
