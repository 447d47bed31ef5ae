package dev.sluice.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.Warning;
import dev.sluice.catalog.DataCatalog;
import dev.sluice.io.Dataset;
import dev.sluice.io.DatasetSpec;
import dev.sluice.io.DatasetType;
import dev.sluice.io.DatasetTypes;
import dev.sluice.io.MemoryDataset;
import dev.sluice.io.MemoryDatasetType;
import dev.sluice.io.TextDatasetType;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a Kedro catalog spells a type Sluice has, and the warning for Kedro 0.18's spellings. */
class KedroSpellingsTest {
    @TempDir
    Path project;

    /** Registered as {@code folder}, with Kedro's family spelling {@code partitions.FolderDataset}. */
    static final class Folder implements DatasetType {
        @Override
        public String name() {
            return "folder";
        }

        @Override
        public Set<String> aliases() {
            return Set.of("FolderDataset", "partitions.FolderDataset");
        }

        @Override
        public Dataset<?> create(DatasetSpec spec) {
            return new MemoryDataset<>();
        }
    }

    private final DatasetTypes types = DatasetTypes.of(new MemoryDatasetType(), new TextDatasetType(), new Folder());

    @Test
    void find_everyKedroSpelling_namesTheRegisteredType() {
        for (String spelling : new String[] {
            "text.TextDataset",
            "kedro_datasets.text.TextDataset",
            "text.TextDataSet",
            "kedro.extras.datasets.text.TextDataSet",
            "kedro_datasets.text.TextDataSet"
        }) {
            assertThat(types.find(spelling)).as(spelling).containsInstanceOf(TextDatasetType.class);
        }
        for (String spelling : new String[] {"MemoryDataset", "MemoryDataSet", "kedro.io.MemoryDataSet"}) {
            assertThat(types.find(spelling)).as(spelling).containsInstanceOf(MemoryDatasetType.class);
        }
        assertThat(types.find("kedro.io.FolderDataSet")).containsInstanceOf(Folder.class);
        assertThat(types.find("pandas.TextDataset")).isEmpty();
        assertThat(types.find("kedro_datasets.")).isEmpty();
    }

    @Test
    void currentSpelling_outdatedOnly_givesTheCurrentNameWithItsFamily() {
        assertThat(types.currentSpelling("text.TextDataSet")).hasValue("text.TextDataset");
        assertThat(types.currentSpelling("kedro.extras.datasets.text.TextDataSet"))
                .hasValue("text.TextDataset");
        assertThat(types.currentSpelling("FolderDataSet")).hasValue("partitions.FolderDataset");
        assertThat(types.currentSpelling("kedro.io.MemoryDataSet")).hasValue("MemoryDataset");
        assertThat(types.currentSpelling("kedro_datasets.text.TextDataset")).isEmpty();
        assertThat(types.currentSpelling("text.TextDataset")).isEmpty();
        assertThat(types.currentSpelling("no.SuchDataSet")).isEmpty();
    }

    @Test
    void catalog_outdatedSpellings_openWithOneWarningPerEntryGivingTheCurrentName() {
        ProjectConfig config =
                new ConfTree(project).file("base/catalog.yml", """
                        notes:
                          type: kedro.extras.datasets.text.TextDataSet
                          filepath: data/notes.txt
                        memo:
                          type: text.TextDataSet
                          filepath: data/memo.txt
                        today:
                          type: kedro_datasets.text.TextDataset
                          filepath: data/today.txt
                        """).load();

        DataCatalog catalog = config.toCatalog(project, types);
        catalog.materialize(catalog.names());
        catalog.dataset("notes");

        assertThat(catalog.problem("notes")).isEmpty();
        assertThat(catalog.problem("today")).isEmpty();
        assertThat(config.warnings().list())
                .extracting(Warning::source, Warning::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "conf/base/catalog.yml:1",
                                "dataset 'notes' (type kedro.extras.datasets.text.TextDataSet) is written with"
                                        + " Kedro 0.18's spelling; write 'type: text.TextDataset', its current name."),
                        org.assertj.core.groups.Tuple.tuple(
                                "conf/base/catalog.yml:4",
                                "dataset 'memo' (type text.TextDataSet) is written with Kedro 0.18's spelling;"
                                        + " write 'type: text.TextDataset', its current name."));
    }

    @Test
    void unknownType_outdatedSpellingOfAModuleType_namesTheModule() {
        String message = types.unknownType(
                        "kedro.extras.datasets.pandas.ParquetDataSet", java.util.Map.of("cars", "catalog.yml:3"))
                .getMessage();

        assertThat(message).contains("sluice-parquet").contains("<artifactId>sluice-parquet</artifactId>");
    }
}
