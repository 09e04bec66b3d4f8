package io.keygate.arch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.platform.commons.annotation.Testable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * No test is silently skipped by {@code mvn verify}: every compiled test class with a JUnit test method (any
 * annotation meta-annotated {@code @Testable}: {@code @Test}, {@code @TestFactory}, {@code @ParameterizedTest}, …)
 * matches the includes of surefire or of failsafe as configured in {@code pom.xml} (Maven's defaults where the pom
 * sets none), and none of that plugin's excludes. A class named {@code FooProperties} would otherwise compile, pass
 * in an IDE, and never run in CI.
 */
class TestDiscoveryTest {

    /** maven-surefire-plugin's default includes and excludes. */
    static final List<String> SUREFIRE_INCLUDES = List.of("**/Test*.java", "**/*Test.java", "**/*Tests.java",
            "**/*TestCase.java");
    /** maven-failsafe-plugin's default includes. */
    static final List<String> FAILSAFE_INCLUDES = List.of("**/IT*.java", "**/*IT.java", "**/*ITCase.java");
    static final List<String> DEFAULT_EXCLUDES = List.of("**/*$*");

    @Test
    void everyTestClassRunsInMavenVerify() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        Plugin surefire = Plugin.of(pom, "maven-surefire-plugin", SUREFIRE_INCLUDES);
        Plugin failsafe = Plugin.of(pom, "maven-failsafe-plugin", FAILSAFE_INCLUDES);

        Set<String> testClasses = testClasses();
        List<String> skipped = new ArrayList<>();
        for (String path : testClasses) {
            // No exception: the multi-process cluster tests run in mvn verify too (docs/cluster.md).
            if (!surefire.runs(path) && !failsafe.runs(path)) {
                skipped.add(path);
            }
        }

        // the control: the scan finds this class and the other test classes, so an empty scan cannot pass
        assertThat(testClasses).contains("io/keygate/arch/TestDiscoveryTest.java",
                "io/keygate/app/RestartAndCrashIT.java", "io/keygate/cluster/ThreeNodeClusterIT.java")
                .hasSizeGreaterThan(40);
        assertThat(skipped).as("test classes that neither surefire (%s, excluding %s) nor failsafe (%s, excluding %s) "
                        + "runs: rename them", surefire.includes(), surefire.excludes(), failsafe.includes(),
                failsafe.excludes()).isEmpty();
    }

    @Test
    void whenAClassIsNamedOutsideThePatternsThenItIsReportedSkipped() {
        Plugin surefire = new Plugin(SUREFIRE_INCLUDES, List.of("**/bench/**", "**/*$*"));
        Plugin failsafe = new Plugin(FAILSAFE_INCLUDES, DEFAULT_EXCLUDES);
        for (String skipped : List.of("io/keygate/protocol/sigv4/SigV4Properties.java", "io/keygate/bench/FooTest.java",
                "io/keygate/FooTest$Inner.java", "io/keygate/FooSpec.java", "io/keygate/Itest.java")) {
            assertThat(surefire.runs(skipped) || failsafe.runs(skipped)).as(skipped).isFalse();
        }
        for (String runs : List.of("io/keygate/protocol/sigv4/SigV4PropertiesTest.java", "io/keygate/FooTests.java",
                "io/keygate/TestFoo.java", "io/keygate/FooTestCase.java", "io/keygate/app/RestartAndCrashIT.java",
                "FooTest.java")) {
            assertThat(surefire.runs(runs) || failsafe.runs(runs)).as(runs).isTrue();
        }
    }

    @Test
    void jqwikIsNotOnTheTestClasspath() {
        // its engine asks AI agents not to use it; property tests are plain JUnit 5 over io.keygate.support.Seeded
        assertThrows(ClassNotFoundException.class, () -> Class.forName("net.jqwik.api.Property"));
    }

    /** Paths like {@code io/keygate/x/FooTest.java} of the top-level classes that hold test methods. */
    private static Set<String> testClasses() throws IOException, URISyntaxException {
        Path root = Path.of(TestDiscoveryTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                Class<?> type;
                try {
                    type = Class.forName(name, false, TestDiscoveryTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                if (!Modifier.isAbstract(type.getModifiers()) && hasTestMethod(type)) {
                    Class<?> top = type;
                    while (top.getEnclosingClass() != null) {
                        top = top.getEnclosingClass();
                    }
                    found.add(top.getName().replace('.', '/') + ".java");
                }
            }
        }
        return found;
    }

    private static boolean hasTestMethod(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Method[] methods;
            try {
                methods = c.getDeclaredMethods();
            } catch (LinkageError e) {
                return false;
            }
            for (Method m : methods) {
                if (testable(m)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean testable(AnnotatedElement element) {
        for (Annotation a : element.getAnnotations()) {
            if (a.annotationType() == Testable.class || a.annotationType().isAnnotationPresent(Testable.class)) {
                return true;
            }
        }
        return false;
    }

    /** A plugin's includes and excludes, matched as Maven matches them against a test's source path. */
    record Plugin(List<String> includes, List<String> excludes) {

        static Plugin of(Document pom, String artifactId, List<String> defaultIncludes) {
            NodeList plugins = pom.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if (artifactId.equals(child(plugin, "artifactId"))) {
                    List<String> includes = values(plugin, "include");
                    List<String> excludes = values(plugin, "exclude");
                    return new Plugin(includes.isEmpty() ? defaultIncludes : includes,
                            excludes.isEmpty() ? DEFAULT_EXCLUDES : excludes);
                }
            }
            throw new AssertionError(artifactId + " is not configured in pom.xml: `mvn verify` would not run its tests");
        }

        boolean runs(String path) {
            return includes.stream().anyMatch(p -> matches(p, path)) && excludes.stream().noneMatch(p -> matches(p, path));
        }

        /** Ant-style: {@code **}/ any directories, {@code *} any characters within one path segment. */
        static boolean matches(String pattern, String path) {
            String p = pattern.endsWith(".class") ? pattern.replace(".class", ".java") : pattern;
            StringBuilder regex = new StringBuilder();
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (p.startsWith("**/", i)) {
                    regex.append("(?:.*/)?");
                    i += 2;
                } else if (p.startsWith("**", i)) {
                    regex.append(".*");
                    i += 1;
                } else if (c == '*') {
                    regex.append("[^/]*");
                } else if (c == '?') {
                    regex.append("[^/]");
                } else {
                    regex.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return path.matches(regex.toString());
        }

        private static String child(Element e, String tag) {
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element el && el.getTagName().equals(tag)) {
                    return el.getTextContent().trim();
                }
            }
            return null;
        }

        private static List<String> values(Element plugin, String tag) {
            List<String> out = new ArrayList<>();
            NodeList nodes = plugin.getElementsByTagName(tag);
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(nodes.item(i).getTextContent().trim());
            }
            return out;
        }
    }
}
