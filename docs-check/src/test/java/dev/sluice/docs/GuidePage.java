package dev.sluice.docs;

import dev.sluice.cli.CommandLines;
import dev.sluice.project.PipelineRegistry;
import dev.sluice.project.Project;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One guide page's fenced blocks, checked against the code: {@code java} blocks compile against the
 * reactor's class path (a block without a type declaration is compiled as statements in a method, with
 * Sluice's packages imported); {@code yaml} blocks parse, and those titled {@code conf/...} make up a small
 * project per page ({@code project=NAME} starts another), opened in every environment it has, which builds
 * the catalog and checks every entry against its type's schema ({@code expect="text"}: opening must fail
 * with that text); every {@code $ sluice ...} line of a {@code console} block parses with the CLI. A block
 * that cannot be checked is preceded by {@code <!-- docs-check: skip REASON -->}.
 */
final class GuidePage {
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)([^\\n]*)\\n(.*?)^```[ \\t]*$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|(\\S+))");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final Pattern SKIP = Pattern.compile("<!--\\s*docs-check:\\s*skip\\b[^>]*-->\\s*$");
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("(?m)^\\s*(public\\s+|final\\s+|abstract\\s+)*(class|record|interface|enum)\\s+(\\w+)");
    private static final String IMPORTS = String.join(
            "",
            List.of(
                            "dev.sluice",
                            "dev.sluice.catalog",
                            "dev.sluice.pipeline",
                            "dev.sluice.project",
                            "dev.sluice.runner",
                            "dev.sluice.hook",
                            "dev.sluice.io",
                            "dev.sluice.test",
                            "java.util",
                            "java.nio.file",
                            "org.dflib")
                    .stream()
                    .map(p -> "import " + p + ".*;\n")
                    .toList());

    record Block(String page, int line, String language, Map<String, String> attributes, String code) {
        String where() {
            return page + ":" + line;
        }
    }

    private final String name;
    private final List<Block> blocks = new ArrayList<>();
    private int skipped;

    private GuidePage(String name, String text) {
        this.name = name;
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            int line = (int) text.substring(0, fence.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            if (SKIP.matcher(text.substring(0, fence.start()).stripTrailing() + "\n")
                    .find()) {
                skipped++;
                continue;
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(fence.group(2));
            while (attribute.find()) {
                attributes.put(
                        attribute.group(1), attribute.group(2) != null ? attribute.group(2) : attribute.group(3));
            }
            blocks.add(new Block(name, line, fence.group(1), attributes, fence.group(3)));
        }
    }

    static GuidePage read(Path page) throws IOException {
        return new GuidePage(page.getFileName().toString(), Files.readString(page));
    }

    static List<GuidePage> all(Path guide) throws IOException {
        List<GuidePage> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(guide)) {
            for (Path page :
                    files.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                pages.add(read(page));
            }
        }
        return pages;
    }

    String name() {
        return name;
    }

    List<Block> blocks(String language) {
        return blocks.stream().filter(b -> b.language().equals(language)).toList();
    }

    int skipped() {
        return skipped;
    }

    /** The page's problems, each naming the page and the block's line; empty when every block checks. */
    List<String> problems(Path work) throws IOException {
        List<String> problems = new ArrayList<>();
        problems.addAll(javaProblems(work.resolve("java")));
        problems.addAll(yamlProblems(work.resolve("projects"), work.resolve("java")));
        problems.addAll(commandProblems());
        return problems;
    }

    private List<String> javaProblems(Path out) throws IOException {
        List<Block> java = blocks("java");
        if (java.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(out);
        List<JavaFileObject> sources = new ArrayList<>();
        Map<String, Block> byUnit = new LinkedHashMap<>();
        // Statement blocks see the page's own classes, whichever package they declare.
        StringBuilder pageImports = new StringBuilder(IMPORTS);
        for (Block block : java) {
            Matcher declared = PACKAGE.matcher(block.code());
            if (declared.find()) {
                pageImports.append("import ").append(declared.group(1)).append(".*;\n");
            }
        }
        for (int i = 0; i < java.size(); i++) {
            Block block = java.get(i);
            String code = block.code();
            Matcher type = TYPE_DECLARATION.matcher(code);
            String unit = type.find() ? type.group(3) : "Snippet" + i;
            String source;
            // One package per page: a page's blocks may use one another's classes, as a project's files do.
            String pkg = "guide." + name.replaceAll("[^A-Za-z0-9]", "_");
            Matcher declared = PACKAGE.matcher(code);
            if (declared.find()) {
                pkg = declared.group(1);
            }
            if (!unit.startsWith("Snippet")) {
                String body = code.replaceAll("(?m)^package .*$", "");
                int lastImport = lastImportEnd(body);
                source =
                        "package " + pkg + ";\n" + body.substring(0, lastImport) + IMPORTS + body.substring(lastImport);
            } else {
                int lastImport = lastImportEnd(code);
                source = "package " + pkg + ";\n" + code.substring(0, lastImport) + pageImports + "class " + unit
                        + " {\n@SuppressWarnings(\"unused\") void snippet() throws Exception {\n"
                        + code.substring(lastImport) + "\n}\n}\n";
            }
            String uri = pkg.replace('.', '/') + "/" + unit + ".java";
            byUnit.put(uri, block);
            sources.add(new SimpleJavaFileObject(URI.create("string:///" + uri), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            });
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options =
                List.of("-proc:none", "-d", out.toString(), "-classpath", System.getProperty("java.class.path"));
        boolean ok = compiler.getTask(new StringWriter(), null, diagnostics, options, null, sources)
                .call();
        List<String> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Block block = byUnit.get(d.getSource().toUri().getPath().substring(1));
                problems.add(block.where() + ": the java block does not compile: " + d.getMessage(null));
            }
        }
        if (!ok && problems.isEmpty()) {
            problems.add(name + ": the java blocks do not compile");
        }
        return problems;
    }

    /** Where a block's leading import lines end (they must stay before the added class). */
    private static int lastImportEnd(String code) {
        Matcher m = Pattern.compile("(?m)^import [^;]+;[ \\t]*\\n?").matcher(code);
        int end = 0;
        while (m.find()) {
            end = m.end();
        }
        return end;
    }

    private List<String> yamlProblems(Path projects, Path classes) throws IOException {
        List<String> problems = new ArrayList<>();
        // The page's main project ("") first: the others share its code and resources unless they have their own.
        Map<String, List<Block>> byProject = new TreeMap<>();
        for (Block block : blocks) {
            if (block.language().equals("java")) {
                continue;
            }
            if (block.language().equals("yaml")) {
                try {
                    new Load(LoadSettings.builder().build())
                            .loadAllFromString(block.code())
                            .forEach(d -> {});
                } catch (RuntimeException e) {
                    problems.add(block.where() + ": the yaml block does not parse: " + e.getMessage());
                    continue;
                }
            }
            String title = block.attributes().getOrDefault("title", "");
            if (title.startsWith("conf/") || title.startsWith("src/main/resources/") || title.startsWith("data/")) {
                byProject
                        .computeIfAbsent(block.attributes().getOrDefault("project", ""), p -> new ArrayList<>())
                        .add(block);
            }
        }
        for (Map.Entry<String, List<Block>> project : byProject.entrySet()) {
            Path dir = projects.resolve(project.getKey().isEmpty() ? "_" : project.getKey());
            String expect = null;
            Block expecting = null;
            TreeSet<String> envs = new TreeSet<>();
            for (Block block : project.getValue()) {
                Path file = dir.resolve(block.attributes().get("title"));
                Files.createDirectories(file.getParent());
                String before = Files.exists(file) ? Files.readString(file) + "\n" : "";
                Files.writeString(file, before + block.code());
                if (block.attributes().get("title").startsWith("conf/")) {
                    envs.add(Path.of(block.attributes().get("title")).getName(1).toString());
                }
                if (block.attributes().containsKey("expect")) {
                    expect = block.attributes().get("expect");
                    expecting = block;
                }
            }
            Files.createDirectories(dir.resolve("conf/base"));
            Files.createDirectories(dir.resolve("conf/local"));
            envs.remove("base");
            envs.remove("local");
            List<String> runs = new ArrayList<>();
            runs.add(null);
            runs.addAll(envs);
            Path resources = Files.isDirectory(dir.resolve("src/main/resources"))
                    ? dir.resolve("src/main/resources")
                    : projects.resolve("_/src/main/resources");
            boolean registered =
                    Files.exists(resources.resolve("META-INF/services/" + PipelineRegistry.class.getName()));
            for (String env : runs) {
                String failure = null;
                try (URLClassLoader loader = new URLClassLoader(
                        new URL[] {classes.toUri().toURL(), resources.toUri().toURL()},
                        GuidePage.class.getClassLoader())) {
                    Project.Builder builder = Project.at(dir).env(env).classLoader(loader);
                    if (!registered) {
                        builder.registry(Map::of);
                    }
                    Project opened = builder.open();
                    // Entries are built when first needed; build them all, as 'sluice catalog check' does.
                    opened.catalog().materialize(opened.catalog().names());
                    // What a run checks before any node runs: parameters against the types nodes declare.
                    opened.pipelines().values().forEach(p -> opened.config().checkParameterTypes(p));
                } catch (RuntimeException | ServiceConfigurationError e) {
                    failure = String.valueOf(e.getMessage());
                }
                String as = (env == null ? "" : " (--env " + env + ")");
                Block first = project.getValue().get(0);
                if (expect == null && failure != null) {
                    problems.add(
                            first.where() + ": the project of its yaml blocks" + as + " does not open: " + failure);
                } else if (expect != null && (failure == null || !failure.contains(expect))) {
                    problems.add(expecting.where() + ": the project of its yaml blocks" + as + " should fail with '"
                            + expect + "' but " + (failure == null ? "opens" : "fails with: " + failure));
                }
            }
        }
        return problems;
    }

    private List<String> commandProblems() {
        List<String> problems = new ArrayList<>();
        for (Block block : blocks) {
            boolean console = block.language().equals("console");
            if (!console
                    && !block.language().equals("bash")
                    && !block.language().equals("shell")) {
                continue;
            }
            for (String line : block.code().split("\n")) {
                if (console) {
                    if (!line.startsWith("$ ")) {
                        continue;
                    }
                    line = line.substring(2);
                }
                List<String> words = GuideCommandsTest.words(line);
                if (words.isEmpty() || !words.get(0).matches("(\\S*/)?sluice")) {
                    continue;
                }
                CommandLines.problem(words.subList(1, words.size()))
                        .ifPresent(p -> problems.add(block.where() + ": '" + words + "' does not parse: " + p));
            }
        }
        return problems;
    }
}
