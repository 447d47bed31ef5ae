package dev.sluice.excel;

import dev.sluice.io.FileDataset;
import dev.sluice.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.UnsupportedFileFormatException;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.dflib.DataFrame;

/**
 * An Excel workbook as a dataset (Kedro's {@code pandas.ExcelDataset}), read and written with Apache
 * POI: loads one sheet as a DFLib {@link DataFrame}, or several as a map from sheet name to
 * DataFrame; saves a DataFrame as one sheet or a map of them as several, in map order.
 *
 * <p>Loads read {@code .xlsx} and legacy {@code .xls}; saves write {@code .xlsx}, streaming rows, and
 * the same frames always give the same bytes. See {@link SheetReader} for how cells become values.
 * Immutable and thread-safe.
 *
 * @param <T> {@code DataFrame} or {@code Map<String, DataFrame>}
 */
public final class ExcelDataset<T> extends FileDataset<T> {
    private final Sheets sheets;
    private final SheetReader reader;
    private final String saveSheet;
    private final boolean writeHeader;

    private ExcelDataset(
            String name, Location location, Sheets sheets, SheetReader reader, String saveSheet, boolean writeHeader) {
        super(name, location);
        this.sheets = Objects.requireNonNull(sheets, "sheets");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.saveSheet = Objects.requireNonNull(saveSheet, "saveSheet");
        this.writeHeader = writeHeader;
    }

    /** The first sheet of the workbook at {@code location}, with a header row; saves go to sheet {@code Sheet1}. */
    public static ExcelDataset<DataFrame> dataFrames(Location location) {
        return new ExcelDataset<>(
                null, location, new Sheets.One(0), new SheetReader(0, 0, -1, List.of()), "Sheet1", true);
    }

    /** This workbook, loading the sheet named {@code name}. */
    public ExcelDataset<DataFrame> sheet(String name) {
        return new ExcelDataset<>(datasetName(), location(), new Sheets.One(name), reader, saveSheet, writeHeader);
    }

    /** This workbook, loading the sheet at zero-based {@code position}. */
    public ExcelDataset<DataFrame> sheet(int position) {
        return new ExcelDataset<>(datasetName(), location(), new Sheets.One(position), reader, saveSheet, writeHeader);
    }

    /** This workbook, loading the named sheets as a map from name to DataFrame, in this order. */
    public ExcelDataset<Map<String, DataFrame>> sheets(List<String> names) {
        return new ExcelDataset<>(
                datasetName(), location(), new Sheets.Some(List.copyOf(names)), reader, saveSheet, writeHeader);
    }

    /** This workbook, loading {@code selection}. */
    ExcelDataset<Object> selecting(Sheets selection) {
        return new ExcelDataset<>(datasetName(), location(), selection, reader, saveSheet, writeHeader);
    }

    /** This workbook, loading every sheet as a map from name to DataFrame, in the workbook's order. */
    public ExcelDataset<Map<String, DataFrame>> allSheets() {
        return new ExcelDataset<>(datasetName(), location(), new Sheets.All(), reader, saveSheet, writeHeader);
    }

    /**
     * This workbook, read with the column names in row {@code headerRow} (zero-based, counted after
     * {@code skipRows}; -1 for no header row), keeping at most {@code maxRows} data rows (-1 for all)
     * and only {@code columns} (empty for all).
     */
    public ExcelDataset<T> reading(int headerRow, int skipRows, int maxRows, List<String> columns) {
        return new ExcelDataset<>(
                datasetName(),
                location(),
                sheets,
                new SheetReader(headerRow, skipRows, maxRows, List.copyOf(columns)),
                saveSheet,
                writeHeader);
    }

    /** This workbook, saving a single DataFrame to the sheet {@code name}, with or without a header row. */
    public ExcelDataset<T> writing(String name, boolean header) {
        return new ExcelDataset<>(datasetName(), location(), sheets, reader, name, header);
    }

    ExcelDataset<T> named(String name) {
        return new ExcelDataset<>(name, location(), sheets, reader, saveSheet, writeHeader);
    }

    @Override
    protected T decode(InputStream in) throws IOException {
        try (Workbook workbook = WorkbookFactory.create(in)) {
            return select(workbook);
        } catch (EncryptedDocumentException | UnsupportedFileFormatException e) {
            throw loadError(
                    "it is not an Excel workbook Sluice can read (.xlsx or .xls, without a password): "
                            + e.getMessage(),
                    e);
        }
    }

    @SuppressWarnings("unchecked")
    private T select(Workbook workbook) {
        try {
            if (sheets instanceof Sheets.One one) {
                return (T) reader.read(find(workbook, one.sheet()));
            }
            List<Sheet> chosen = new ArrayList<>();
            if (sheets instanceof Sheets.Some some) {
                some.sheets().forEach(sheet -> chosen.add(find(workbook, sheet)));
            } else {
                workbook.forEach(chosen::add);
            }
            Map<String, DataFrame> frames = new LinkedHashMap<>();
            chosen.forEach(sheet -> frames.put(sheet.getSheetName(), reader.read(sheet)));
            return (T) frames;
        } catch (IllegalArgumentException e) {
            throw loadError(e.getMessage() + "; fix load_args (sheet_name, usecols, header)", e);
        }
    }

    private static Sheet find(Workbook workbook, Object sheet) {
        List<String> names = new ArrayList<>();
        workbook.forEach(s -> names.add(s.getSheetName()));
        if (sheet instanceof Integer position) {
            if (position < 0 || position >= names.size()) {
                throw new IllegalArgumentException("the workbook has no sheet at position " + position + " (it has "
                        + names.size() + ": " + names + ")");
            }
            return workbook.getSheetAt(position);
        }
        Sheet found = workbook.getSheet(sheet.toString());
        if (found == null) {
            throw new IllegalArgumentException(
                    "the workbook has no sheet named '" + sheet + "' (it has " + names + ")");
        }
        return found;
    }

    @Override
    protected void encode(T value, OutputStream out) throws IOException {
        if (location().uri().getPath().toLowerCase(Locale.ROOT).endsWith(".xls")) {
            throw saveError(
                    "Sluice writes .xlsx workbooks only (as pandas does since xlwt was retired); name the"
                            + " file .xlsx",
                    null);
        }
        Map<String, DataFrame> frames = new LinkedHashMap<>();
        if (value instanceof DataFrame frame) {
            frames.put(saveSheet, frame);
        } else if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getValue() instanceof DataFrame frame)) {
                    throw saveError(
                            "sheet '" + entry.getKey() + "' of the map is a "
                                    + (entry.getValue() == null
                                            ? "null"
                                            : entry.getValue().getClass().getName())
                                    + ", not a DFLib DataFrame",
                            null);
                }
                frames.put(String.valueOf(entry.getKey()), frame);
            }
        } else {
            throw saveError(
                    "an Excel dataset saves a DFLib DataFrame (one sheet) or a non-empty Map from sheet name"
                            + " to DataFrame (several sheets), not a "
                            + value.getClass().getName(),
                    null);
        }
        try {
            new WorkbookWriter(writeHeader).write(frames, out);
        } catch (IllegalArgumentException e) {
            throw saveError(e.getMessage(), e);
        }
    }

    @Override
    protected String typeName() {
        return "excel";
    }

    @Override
    protected void describeSettings(Map<String, Object> description) {
        Object loaded = sheets instanceof Sheets.One one
                ? one.sheet()
                : sheets instanceof Sheets.Some some ? some.sheets() : "all";
        description.put("sheets", loaded);
        description.put("save_sheet", saveSheet);
    }
}
