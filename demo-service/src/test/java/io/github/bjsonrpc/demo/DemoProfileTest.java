package io.github.bjsonrpc.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.github.bjsonrpc.support.Readme;

/**
 * {@code mvn -Pdemo -DskipTests package} builds everything before the demo runs: the demo runs in this module's
 * package phase, so this module must be the last of the root pom's modules.
 */
class DemoProfileTest {

    @Test
    void theDemoModuleIsBuiltLast() throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(Readme.repositoryRoot().resolve("pom.xml").toFile()).getDocumentElement();
        NodeList modules = ((Element) project.getElementsByTagName("modules").item(0))
            .getElementsByTagName("module");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < modules.getLength(); i++) {
            names.add(modules.item(i).getTextContent().trim());
        }

        assertThat(names).hasSizeGreaterThan(1).last().isEqualTo("demo-service");
    }
}
