package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.cli.CommandLines;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The guide's command lines and build snippets against the code: every {@code sluice ...} (and
 * {@code java ... dev.sluice.cli.Main ...}) line in a shell block parses with the CLI's real options, every
 * {@code mvn sluice:GOAL -Dsluice.X} names a goal and a property of the Maven plugin, every XML block is
 * well-formed and configures only parameters the plugin has, every {@code dev.sluice} artifact named is in
 * the BOM, and the logback version in the snippets is the one Sluice ships.
 */
class GuideCommandsTest {
    private static final Path GUIDE = Path.of("..", "docs", "guide");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)[^\\n]*\\n(.*?)^```[ \\t]*$");
    private static final Pattern COORDINATE = Pattern.compile("dev\\.sluice:(sluice-[a-z0-9-]+)");
    private static final Pattern LOGBACK = Pattern.compile("logback-classic:(\\d[\\w.-]*)");

    @Test
    void shellBlocks_everySluiceCommandLineParses() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Snippet snippet : snippets("bash")) {
            for (String line : snippet.code().split("\n")) {
                List<String> words = words(line);
                int main = words.indexOf("dev.sluice.cli.Main");
                List<String> args;
                if (!words.isEmpty() && words.get(0).matches("(\\./)?sluice")) {
                    args = words.subList(1, words.size());
                } else if (main >= 0) {
                    args = words.subList(main + 1, words.size());
                } else {
                    continue;
                }
                assertThat(CommandLines.problem(args))
                        .as("%s: '%s' does not parse with the CLI's options", snippet.page(), line.strip())
                        .isEmpty();
                checked.add(line);
            }
        }
        assertThat(checked).as("sluice command lines in the guide").hasSizeGreaterThan(5);
    }

    @Test
    void shellBlocks_everyMavenPluginGoalAndPropertyExists() throws Exception {
        Map<String, Set<String>> goals = pluginGoals();
        int checked = 0;
        for (Snippet snippet : snippets("bash")) {
            for (String line : snippet.code().split("\n")) {
                List<String> words = words(line);
                List<String> used = words.stream()
                        .filter(w -> w.startsWith("sluice:"))
                        .map(w -> w.substring("sluice:".length()))
                        .toList();
                if (words.isEmpty() || !words.get(0).equals("mvn") || used.isEmpty()) {
                    continue;
                }
                Set<String> properties = new TreeSet<>();
                for (String goal : used) {
                    assertThat(goals)
                            .as("%s: goal sluice:%s", snippet.page(), goal)
                            .containsKey(goal);
                    properties.addAll(goals.get(goal));
                }
                for (String word : words) {
                    if (word.startsWith("-Dsluice.")) {
                        String property = word.substring(2).split("=", 2)[0];
                        assertThat(properties)
                                .as("%s: %s in '%s'", snippet.page(), property, line.strip())
                                .contains(property);
                    }
                }
                checked++;
            }
        }
        assertThat(checked).as("mvn sluice:... lines in the guide").isGreaterThan(2);
    }

    @Test
    void xmlBlocks_areWellFormedAndConfigureOnlyRealPluginParameters() throws Exception {
        Set<String> parameters = new TreeSet<>();
        pluginGoals().keySet().forEach(goal -> parameters.addAll(pluginParameters(goal)));
        int checked = 0;
        for (Snippet snippet : snippets("xml")) {
            Document document = parse("<snippet>" + snippet.code() + "</snippet>", snippet.page());
            NodeList plugins = document.getElementsByTagName("plugin");
            for (int i = 0; i < plugins.getLength(); i++) {
                Element plugin = (Element) plugins.item(i);
                if (!"sluice-maven-plugin".equals(childText(plugin, "artifactId"))) {
                    continue;
                }
                for (Element configuration : children(plugin, "configuration")) {
                    for (Element setting : children(configuration, null)) {
                        assertThat(parameters)
                                .as("%s: <%s> of sluice-maven-plugin", snippet.page(), setting.getTagName())
                                .contains(setting.getTagName());
                    }
                }
            }
            checked++;
        }
        assertThat(checked).as("XML blocks in the guide").isGreaterThan(2);
    }

    @Test
    void allBlocks_sluiceArtifactsAreInTheBomAndLogbackIsTheShippedVersion() throws Exception {
        String bom = Files.readString(Path.of("..", "sluice-bom", "pom.xml"));
        String logbackVersion = property(Files.readString(Path.of("..", "pom.xml")), "logback.version");
        for (Snippet snippet : snippets(null)) {
            List<String> artifacts = new ArrayList<>();
            Matcher coordinate = COORDINATE.matcher(snippet.code());
            while (coordinate.find()) {
                artifacts.add(coordinate.group(1));
            }
            if (snippet.language().equals("xml")) {
                Document document = parse("<snippet>" + snippet.code() + "</snippet>", snippet.page());
                NodeList dependencies = document.getElementsByTagName("dependency");
                for (int i = 0; i < dependencies.getLength(); i++) {
                    Element dependency = (Element) dependencies.item(i);
                    String artifact = childText(dependency, "artifactId");
                    if ("dev.sluice".equals(childText(dependency, "groupId"))) {
                        artifacts.add(artifact);
                    } else if ("logback-classic".equals(artifact)) {
                        assertThat(childText(dependency, "version"))
                                .as("%s: logback-classic's version", snippet.page())
                                .isEqualTo(logbackVersion);
                    }
                }
            }
            for (String artifact : artifacts) {
                assertThat(artifact.equals("sluice-bom") || bom.contains("<artifactId>" + artifact + "</artifactId>"))
                        .as("%s: %s is not in sluice-bom", snippet.page(), artifact)
                        .isTrue();
            }
            Matcher logback = LOGBACK.matcher(snippet.code());
            while (logback.find()) {
                assertThat(logback.group(1))
                        .as("%s: logback-classic's version", snippet.page())
                        .isEqualTo(logbackVersion);
            }
        }
    }

    private record Snippet(String page, String language, String code) {}

    /** The fenced blocks of every guide page, of one language ({@code null}: all). */
    private static List<Snippet> snippets(String language) throws IOException {
        List<Snippet> snippets = new ArrayList<>();
        try (Stream<Path> pages = Files.list(GUIDE)) {
            for (Path page :
                    pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher fence = FENCE.matcher(Files.readString(page));
                while (fence.find()) {
                    if (language == null || language.equals(fence.group(1))) {
                        snippets.add(new Snippet(page.getFileName().toString(), fence.group(1), fence.group(2)));
                    }
                }
            }
        }
        return snippets;
    }

    /**
     * A shell line's words: the comment after {@code #} and leading {@code NAME=value} assignments dropped,
     * quotes removed.
     */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '#' && !inWord) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        while (!words.isEmpty() && words.get(0).matches("[A-Z_][A-Z0-9_]*=.*")) {
            words.remove(0);
        }
        return words;
    }

    /** The Maven plugin's goals, each with the user properties ({@code sluice.x}) its parameters read. */
    private static Map<String, Set<String>> pluginGoals() throws Exception {
        Map<String, Set<String>> goals = new TreeMap<>();
        for (Element mojo : children(pluginDescriptor().getDocumentElement(), "mojos").stream()
                .flatMap(m -> children(m, "mojo").stream())
                .toList()) {
            Set<String> properties = new TreeSet<>();
            for (Element configuration : children(mojo, "configuration")) {
                for (Element setting : children(configuration, null)) {
                    String expression = setting.getTextContent().strip();
                    if (expression.startsWith("${sluice.")) {
                        properties.add(expression.substring(2, expression.length() - 1));
                    }
                }
            }
            goals.put(childText(mojo, "goal"), properties);
        }
        return goals;
    }

    private static Set<String> pluginParameters(String goal) {
        try {
            Set<String> names = new TreeSet<>();
            for (Element mojo : children(pluginDescriptor().getDocumentElement(), "mojos").stream()
                    .flatMap(m -> children(m, "mojo").stream())
                    .filter(m -> goal.equals(childText(m, "goal")))
                    .toList()) {
                for (Element parameters : children(mojo, "parameters")) {
                    for (Element parameter : children(parameters, "parameter")) {
                        if ("true".equals(childText(parameter, "editable"))) {
                            names.add(childText(parameter, "name"));
                        }
                    }
                }
            }
            return names;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The sluice-maven-plugin's descriptor, from its jar on the test class path. */
    private static Document pluginDescriptor() throws Exception {
        Enumeration<URL> descriptors =
                GuideCommandsTest.class.getClassLoader().getResources("META-INF/maven/plugin.xml");
        while (descriptors.hasMoreElements()) {
            try (InputStream in = descriptors.nextElement().openStream()) {
                String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Document document = parse(xml, "plugin.xml");
                if ("sluice-maven-plugin".equals(childText(document.getDocumentElement(), "artifactId"))) {
                    return document;
                }
            }
        }
        throw new AssertionError("sluice-maven-plugin's META-INF/maven/plugin.xml is not on the test class path");
    }

    private static Document parse(String xml, String source) {
        try {
            return DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new AssertionError(source + ": an XML block is not well-formed: " + e.getMessage(), e);
        }
    }

    /** Direct child elements, all of them ({@code name} null) or those with one tag name. */
    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                children.add(e);
            }
        }
        return children;
    }

    private static String childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        if (!m.find()) {
            throw new AssertionError("The root pom.xml has no <" + name + "> property");
        }
        return m.group(1).strip();
    }
}
