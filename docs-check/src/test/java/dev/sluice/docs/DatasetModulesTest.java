package dev.sluice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The table that tells users which module to add for a missing {@code type:} matches the types Sluice's
 * modules really provide: every name and alias, each with the module its class comes from.
 */
class DatasetModulesTest {
    @Test
    void sluiceModules_listEveryNameAndAliasOfEveryShippedTypeWithItsModule() {
        Map<String, String> actual = new TreeMap<>();
        for (DatasetType type : ServiceLoader.load(DatasetType.class)) {
            if (!type.getClass().getName().startsWith("dev.sluice.")) {
                continue;
            }
            String module = moduleOf(type.getClass());
            actual.put(type.name(), module);
            type.aliases().forEach(alias -> actual.put(alias, module));
        }

        assertThat(actual).as("types found on the class path").isNotEmpty();
        assertThat(DatasetTypes.sluiceModules()).isEqualTo(actual);
    }

    /** {@code sluice-parquet} for a class in sluice-parquet/target/classes or in sluice-parquet-<version>.jar. */
    private static String moduleOf(Class<?> type) {
        String location =
                type.getProtectionDomain().getCodeSource().getLocation().getPath();
        for (String module : new String[] {
            "sluice-core",
            "sluice-datasets",
            "sluice-parquet",
            "sluice-objects",
            "sluice-sql",
            "sluice-excel",
            "sluice-partitions",
            "sluice-s3",
            "sluice-report"
        }) {
            if (location.contains("/" + module + "/") || location.contains("/" + module + "-")) {
                return module;
            }
        }
        throw new AssertionError("Cannot tell which module " + type.getName() + " comes from: " + location);
    }
}
