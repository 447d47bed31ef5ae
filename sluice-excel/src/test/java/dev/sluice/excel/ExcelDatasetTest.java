package dev.sluice.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.DatasetException;
import dev.sluice.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.dflib.DataFrame;
import org.dflib.DoubleSeries;
import org.dflib.IntSeries;
import org.dflib.LongSeries;
import org.dflib.Series;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExcelDatasetTest {
    @TempDir
    Path dir;

    static DataFrame shuttles() {
        return DataFrame.byColumn("id", "big", "price", "name", "active", "since", "seen")
                .of(
                        Series.ofInt(1, 2, 3),
                        Series.ofLong(4_000_000_000L, 2, 1),
                        Series.ofDouble(1.5, 2.25, -3.0),
                        Series.of("Falcon", null, "Zoë"),
                        Series.ofBool(true, false, true),
                        Series.of(LocalDate.of(2024, 1, 31), null, LocalDate.of(1999, 12, 1)),
                        Series.of(LocalDateTime.of(2024, 5, 6, 7, 8, 9), LocalDateTime.of(2020, 1, 1, 0, 0), null));
    }

    private ExcelDataset<DataFrame> at(String file) {
        return ExcelDataset.dataFrames(Storage.local(dir.resolve(file)));
    }

    @Test
    void save_thenLoad_keepsColumnsAndValueKinds() {
        ExcelDataset<DataFrame> dataset = at("shuttles.xlsx");

        dataset.save(shuttles());
        DataFrame loaded = dataset.load();

        assertThat(loaded.getColumnsIndex().toArray())
                .containsExactly("id", "big", "price", "name", "active", "since", "seen");
        assertThat(loaded.getColumn("id")).isInstanceOf(IntSeries.class);
        assertThat(loaded.getColumn("big")).isInstanceOf(LongSeries.class);
        assertThat(loaded.getColumn("big").get(0)).isEqualTo(4_000_000_000L);
        assertThat(loaded.getColumn("price")).isInstanceOf(DoubleSeries.class);
        assertThat(loaded.getColumn("name").toList()).containsExactly("Falcon", null, "Zoë");
        assertThat(loaded.getColumn("active").toList()).containsExactly(true, false, true);
        assertThat(loaded.getColumn("since").toList())
                .containsExactly(LocalDate.of(2024, 1, 31), null, LocalDate.of(1999, 12, 1));
        assertThat(loaded.getColumn("seen").toList())
                .containsExactly(LocalDateTime.of(2024, 5, 6, 7, 8, 9), LocalDateTime.of(2020, 1, 1, 0, 0), null);
    }

    @Test
    void save_sameFramesTwice_writesIdenticalBytesWithoutTimestamps() throws Exception {
        Map<String, DataFrame> sheets = new LinkedHashMap<>();
        sheets.put("shuttles", shuttles());
        sheets.put("empty", DataFrame.empty("a", "b"));
        anyValue(at("one.xlsx")).save(sheets);
        anyValue(at("two.xlsx")).save(sheets);

        byte[] one = Files.readAllBytes(dir.resolve("one.xlsx"));
        byte[] two = Files.readAllBytes(dir.resolve("two.xlsx"));

        assertThat(one).isEqualTo(two);
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(one))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo(LocalDateTime.of(1980, 1, 1, 0, 0));
                String content = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                assertThat(content).as(entry.getName()).doesNotContain("dcterms:created", "dcterms:modified");
            }
        }
    }

    @Test
    void sheets_mapSaved_loadsBackByNameListPositionAndAll() {
        Map<String, DataFrame> sheets = new LinkedHashMap<>();
        sheets.put("b_second", DataFrame.byColumn("x").of(Series.ofInt(2)));
        sheets.put("a_first", DataFrame.byColumn("y").of(Series.of("one")));
        ExcelDataset<DataFrame> dataset = at("book.xlsx");
        anyValue(dataset).save(sheets);

        Map<String, DataFrame> all = dataset.allSheets().load();
        Map<String, DataFrame> listed =
                dataset.sheets(List.of("a_first", "b_second")).load();

        assertThat(all.keySet()).containsExactly("b_second", "a_first");
        assertThat(listed.keySet()).containsExactly("a_first", "b_second");
        assertThat(dataset.sheet("a_first").load().getColumn("y").get(0)).isEqualTo("one");
        assertThat(dataset.sheet(0).load().getColumn("x").get(0)).isEqualTo(2);
        assertThat(dataset.load().getColumnsIndex().toArray()).containsExactly("x");
    }

    @Test
    void sheet_missing_namesTheSheetsTheWorkbookHas() {
        ExcelDataset<DataFrame> dataset = at("book.xlsx");
        dataset.save(shuttles());

        assertThatThrownBy(() -> dataset.sheet("prices").load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("no sheet named 'prices'")
                .hasMessageContaining("[Sheet1]");
        assertThatThrownBy(() -> dataset.sheet(3).load()).hasMessageContaining("no sheet at position 3");
    }

    @Test
    void reading_headerSkipRowsNrowsUsecols_selectTheBlock() throws Exception {
        Path file = dir.resolve("report.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook();
                OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("report");
            sheet.createRow(0).createCell(0).setCellValue("Quarterly report");
            Row header = sheet.createRow(2);
            header.createCell(0).setCellValue("region");
            header.createCell(1).setCellValue("total");
            header.createCell(2).setCellValue("total");
            for (int i = 0; i < 4; i++) {
                Row row = sheet.createRow(3 + i);
                row.createCell(0).setCellValue("r" + i);
                row.createCell(1).setCellValue(i * 10);
                row.createCell(2).setCellFormula("B" + (4 + i) + "/2");
            }
            workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
            workbook.write(out);
        }
        ExcelDataset<DataFrame> dataset = ExcelDataset.dataFrames(Storage.local(file));

        DataFrame block = dataset.reading(0, 2, 2, List.of("total.1", "region")).load();
        DataFrame raw = dataset.reading(-1, 3, -1, List.of()).load();

        assertThat(block.getColumnsIndex().toArray()).containsExactly("total.1", "region");
        assertThat(block.getColumn("total.1").toList()).containsExactly(0, 5);
        assertThat(block.getColumn("region").toList()).containsExactly("r0", "r1");
        assertThat(raw.getColumnsIndex().toArray()).containsExactly("0", "1", "2");
        assertThat(raw.height()).isEqualTo(4);
        assertThat(raw.getColumn("2").get(3)).isEqualTo(15);
    }

    @Test
    void save_zonedTimes_refusedNamingSheetColumnAndRow() {
        DataFrame zoned =
                DataFrame.byColumn("at").of(Series.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)));

        assertThatThrownBy(() -> at("z.xlsx").save(zoned))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("sheet 'Sheet1', column 'at', row 0")
                .hasMessageContaining("no time zones");
        assertThat(dir.resolve("z.xlsx")).doesNotExist();
    }

    @Test
    void load_notAWorkbook_saysSo() throws Exception {
        Files.writeString(dir.resolve("fake.xlsx"), "id,name\n1,a\n");

        assertThatThrownBy(() -> at("fake.xlsx").load())
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("fake.xlsx");
    }

    @SuppressWarnings("unchecked")
    private static ExcelDataset<Object> anyValue(ExcelDataset<?> dataset) {
        return (ExcelDataset<Object>) dataset;
    }
}
