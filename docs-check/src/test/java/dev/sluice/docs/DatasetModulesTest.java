package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every module of the build that provides dataset types is on this module's class path (so the guide's
 * type reference lists its types), and the table that tells users which module to add for a missing
 * {@code type:} ({@code dataset-modules.properties} in sluice-core) lists every name and alias of every one
 * of those types with its module. Engineers adding a module or a type are told exactly what to add.
 */
class DatasetModulesTest {
    @Test
    void everyModuleWithDatasetTypes_isOnTheDocsCheckClassPath() {
        List<String> missing = new ArrayList<>();
        for (Reactor.Module module : Reactor.modules()) {
            List<String> types = Reactor.services(module, DatasetType.class);
            if (!types.isEmpty() && !loadable(types.get(0))) {
                missing.add(module.artifactId());
            }
        }

        assertThat(missing)
                .as(
                        "modules with dataset types that docs-check does not depend on, so the guide's type reference and"
                                + " the module table would leave their types out. Add each to docs-check/pom.xml:%n%s",
                        missing.stream()
                                .map(m -> "    <dependency><groupId>dev.sluice</groupId><artifactId>" + m
                                        + "</artifactId><scope>test</scope></dependency>")
                                .collect(Collectors.joining(System.lineSeparator())))
                .isEmpty();
    }

    @Test
    void sluiceModules_listEveryNameAndAliasOfEveryShippedTypeWithItsModule() {
        Map<String, String> actual = new TreeMap<>();
        for (DatasetType type : ServiceLoader.load(DatasetType.class)) {
            if (!type.getClass().getName().startsWith("dev.sluice.")) {
                continue;
            }
            String module = Reactor.moduleOf(type.getClass());
            actual.put(type.name(), module);
            type.aliases().forEach(alias -> actual.put(alias, module));
        }

        assertThat(actual).as("types found on the class path").isNotEmpty();
        assertThat(DatasetTypes.sluiceModules())
                .as(
                        "sluice-core/src/main/resources-filtered/dev/sluice/io/dataset-modules.properties; its type"
                                + " lines should be:%n%s",
                        lines(actual))
                .isEqualTo(actual);
    }

    private static String lines(Map<String, String> table) {
        Map<String, List<String>> byModule = new TreeMap<>();
        table.forEach((name, module) ->
                byModule.computeIfAbsent(module, m -> new ArrayList<>()).add(name));
        StringBuilder out = new StringBuilder();
        byModule.forEach((module, names) -> {
            names.forEach(name -> out.append(name).append('=').append(module).append(System.lineSeparator()));
            out.append(System.lineSeparator());
        });
        return out.toString();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, DatasetModulesTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
