package dev.sluice.cli;

import dev.sluice.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice new NAME}: a runnable project skeleton, Kedro's {@code kedro new}. */
@Command(name = "new", mixinStandardHelpOptions = true, description = "Create a new Sluice project in directory NAME.")
final class NewCommand implements Callable<Integer> {
    private static final String TEMPLATE = "/dev/sluice/cli/template/";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    @Spec
    CommandSpec spec;

    @Parameters(
            paramLabel = "NAME",
            description = "The project's name and directory (lower case letters, digits and '-').")
    String name;

    @Option(
            names = "--package",
            paramLabel = "PKG",
            description = "The Java package of the project's code (default: com.example.<name>).")
    String packageName;

    @Option(
            names = "--directory",
            paramLabel = "DIR",
            description = "Where to create the project directory (default: the current directory).")
    Path parent = Path.of(".");

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new ConfigurationException(
                    "Project name '" + name
                            + "' is not valid: use lower case letters, digits and '-', starting with a letter (e.g. 'sales-forecast').");
        }
        String pkg = packageName != null ? packageName : "com.example." + name.replace("-", "");
        if (!PACKAGE.matcher(pkg).matches()) {
            throw new ConfigurationException(
                    "Package '" + pkg + "' is not a valid Java package name (e.g. com.acme.sales).");
        }
        Path dir = parent.resolve(name);
        if (Files.exists(dir) && (!Files.isDirectory(dir) || hasEntries(dir))) {
            throw new ConfigurationException(
                    "'" + dir + "' already exists and is not empty; choose another name or directory.");
        }
        Map<String, String> values = Map.of(
                "name",
                name,
                "groupId",
                pkg.contains(".") ? pkg.substring(0, pkg.lastIndexOf('.')) : pkg,
                "package",
                pkg,
                "packagePath",
                pkg.replace('.', '/'),
                "path",
                dir.toString(),
                "sluiceVersion",
                VersionProvider.version());
        for (String file : templateFiles()) {
            Path target =
                    dir.resolve(file.replace("PACKAGE", pkg.replace('.', '/')).replace("gitignore", ".gitignore"));
            Files.createDirectories(target.getParent());
            Files.writeString(target, fill(read(file), values), StandardCharsets.UTF_8);
        }
        spec.commandLine()
                .getOut()
                .printf("Created project '%s' in %s.%nRun it with:%n  sluice run --project %s%n", name, dir, dir);
        return 0;
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isPresent();
        }
    }

    private static List<String> templateFiles() {
        List<String> files = new ArrayList<>();
        for (String line : read("files.txt").split("\n")) {
            if (!line.isBlank()) {
                files.add(line.trim());
            }
        }
        return files;
    }

    private static String read(String file) {
        try (InputStream in = NewCommand.class.getResourceAsStream(TEMPLATE + file)) {
            if (in == null) {
                throw new IllegalStateException("template file missing from the Sluice CLI jar: " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String text, Map<String, String> values) {
        String result = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("{{" + value.getKey() + "}}", value.getValue());
        }
        return result;
    }
}
