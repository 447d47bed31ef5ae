package dev.sluice.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * What the launcher needs from a project's effective POM ({@code mvn help:effective-pom}): where its
 * sources, resources and classes are, and whether it can compile them itself with the same javac
 * options Maven would use. A build that does more than compile Java and copy resources (filtered
 * resources, annotation-processor paths, code generators, other languages) is left to Maven.
 *
 * @param sourceDirs the main source directories
 * @param resourceDirs the main resource directories
 * @param outputDir where Maven writes the main classes
 * @param javacOptions javac options equivalent to Maven's, or empty when Maven must compile
 * @param whyMaven why Maven must compile, or "" when the launcher can
 */
record EffectivePom(
        List<Path> sourceDirs,
        List<Path> resourceDirs,
        Path outputDir,
        Optional<List<String>> javacOptions,
        String whyMaven) {

    /** Plugins that do not change what the main classes are: the launcher may compile without them. */
    private static final Set<String> HARMLESS_PLUGINS = Set.of(
            "maven-clean-plugin",
            "maven-resources-plugin",
            "maven-compiler-plugin",
            "maven-surefire-plugin",
            "maven-failsafe-plugin",
            "maven-jar-plugin",
            "maven-install-plugin",
            "maven-deploy-plugin",
            "maven-site-plugin",
            "maven-source-plugin",
            "maven-javadoc-plugin",
            "maven-dependency-plugin",
            "maven-enforcer-plugin",
            "maven-help-plugin",
            "exec-maven-plugin",
            "spotless-maven-plugin",
            "jacoco-maven-plugin",
            "sluice-maven-plugin");

    /** Compiler settings the launcher translates to javac options; any other setting leaves compiling to Maven. */
    private static final Set<String> COMPILER_SETTINGS = Set.of(
            "release",
            "source",
            "target",
            "encoding",
            "parameters",
            "compilerArgs",
            "debug",
            "showWarnings",
            "showDeprecation",
            "failOnWarning",
            "testRelease",
            "testSource",
            "testTarget",
            "testCompilerArguments");

    static EffectivePom read(Path file) {
        Element project = Xml.read(file);
        if (Xml.localName(project).equals("projects")) {
            project = Xml.children(project, "project").get(0);
        }
        Element build = Xml.child(project, "build")
                .orElseThrow(() ->
                        new LaunchException("'" + file + "' has no <build> section; it is not an effective POM."));
        Map<String, String> properties = properties(project);
        List<Path> sources = new ArrayList<>();
        Xml.text(build, "sourceDirectory").map(Path::of).ifPresent(sources::add);
        Path output = Path.of(Xml.text(build, "outputDirectory").orElse("target/classes"));

        List<String> reasons = new ArrayList<>();
        String packaging = Xml.text(project, "packaging").orElse("jar");
        if (!packaging.equals("jar")) {
            reasons.add("its packaging is '" + packaging + "', not 'jar'");
        }
        if (Xml.child(build, "extensions")
                .map(e -> !Xml.children(e, "extension").isEmpty())
                .orElse(false)) {
            reasons.add("it declares build extensions");
        }
        List<Path> resources = new ArrayList<>();
        for (Element resource : Xml.child(build, "resources")
                .map(r -> Xml.children(r, "resource"))
                .orElse(List.of())) {
            Xml.text(resource, "directory").map(Path::of).ifPresent(resources::add);
            if (Xml.text(resource, "filtering").orElse("false").equals("true")) {
                reasons.add("it filters resources");
            }
            for (String setting : List.of("targetPath", "includes", "excludes")) {
                if (Xml.child(resource, setting).isPresent()) {
                    reasons.add("a resource directory sets <" + setting + ">");
                }
            }
        }
        Map<String, Element> compiler = new HashMap<>();
        for (Element plugin :
                Xml.child(build, "plugins").map(p -> Xml.children(p, "plugin")).orElse(List.of())) {
            String artifactId = Xml.text(plugin, "artifactId").orElse("");
            if (!HARMLESS_PLUGINS.contains(artifactId)) {
                reasons.add("its build uses " + artifactId);
            } else if (artifactId.equals("maven-compiler-plugin")) {
                collectSettings(plugin, compiler, reasons);
            }
        }
        Optional<List<String>> options =
                reasons.isEmpty() ? Optional.of(javacOptions(compiler, properties)) : Optional.empty();
        return new EffectivePom(
                List.copyOf(sources), List.copyOf(resources), output, options, String.join("; ", reasons));
    }

    /** The compiler plugin's settings for the main compile: plugin-level, then the default-compile execution's. */
    private static void collectSettings(Element plugin, Map<String, Element> settings, List<String> reasons) {
        List<Element> configurations = new ArrayList<>();
        Xml.child(plugin, "configuration").ifPresent(configurations::add);
        for (Element execution : Xml.child(plugin, "executions")
                .map(e -> Xml.children(e, "execution"))
                .orElse(List.of())) {
            if (Xml.text(execution, "id").orElse("").equals("default-compile")) {
                Xml.child(execution, "configuration").ifPresent(configurations::add);
            }
        }
        for (Element configuration : configurations) {
            for (org.w3c.dom.Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element setting) {
                    String name = Xml.localName(setting);
                    if (COMPILER_SETTINGS.contains(name)) {
                        settings.put(name, setting);
                    } else {
                        reasons.add("the compiler plugin sets <" + name + ">");
                    }
                }
            }
        }
    }

    /** javac options equal to what maven-compiler-plugin passes for these settings and properties. */
    static List<String> javacOptions(Map<String, Element> settings, Map<String, String> properties) {
        List<String> options = new ArrayList<>();
        String release = setting(settings, "release", properties, "maven.compiler.release");
        if (release != null) {
            options.addAll(List.of("--release", release));
        } else {
            // maven-compiler-plugin 3.x defaults both to 1.8.
            String source = setting(settings, "source", properties, "maven.compiler.source");
            String target = setting(settings, "target", properties, "maven.compiler.target");
            options.addAll(List.of("-source", source != null ? source : "1.8"));
            options.addAll(List.of("-target", target != null ? target : "1.8"));
        }
        String encoding = setting(settings, "encoding", properties, "project.build.sourceEncoding");
        if (encoding != null) {
            options.addAll(List.of("-encoding", encoding));
        }
        if ("true".equals(setting(settings, "parameters", properties, "maven.compiler.parameters"))) {
            options.add("-parameters");
        }
        if (!"false".equals(setting(settings, "debug", properties, "maven.compiler.debug"))) {
            options.add("-g");
        }
        if ("true".equals(setting(settings, "failOnWarning", properties, "maven.compiler.failOnWarning"))) {
            options.add("-Werror");
        }
        Element args = settings.get("compilerArgs");
        if (args != null) {
            for (Element arg : Xml.children(args, "arg")) {
                options.add(arg.getTextContent().strip());
            }
        }
        return options;
    }

    private static String setting(
            Map<String, Element> settings, String name, Map<String, String> properties, String property) {
        Element element = settings.get(name);
        if (element != null) {
            return element.getTextContent().strip();
        }
        return properties.get(property);
    }

    private static Map<String, String> properties(Element project) {
        Map<String, String> properties = new HashMap<>();
        Xml.child(project, "properties").ifPresent(p -> {
            for (org.w3c.dom.Node n = p.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    properties.put(Xml.localName(e), e.getTextContent().strip());
                }
            }
        });
        return properties;
    }
}
