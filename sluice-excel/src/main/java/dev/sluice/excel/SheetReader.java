package dev.sluice.excel;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Reads one sheet into a DFLib {@link DataFrame}, as pandas' {@code read_excel} does: a header row
 * names the columns (blank names become {@code Unnamed: i}, repeats get {@code .1}, {@code .2}); the
 * rows below it are the data, up to the last row that holds a value.
 *
 * <p>Cells keep their kind: text is a String, a boolean a Boolean, a date-formatted number a {@code
 * LocalDate} (date-only format) or {@code LocalDateTime}, a formula its cached result, an error its
 * code ({@code #DIV/0!}). Numbers load as Integer or Long when every number in the column is whole
 * and fits, otherwise as Double.
 *
 * @param headerRow the zero-based row of column names (after {@code skipRows}), or -1 for none:
 *     columns are then named 0, 1, 2...
 * @param skipRows rows skipped at the top of the sheet
 * @param maxRows data rows read at most, or -1 for all
 * @param columns the columns to keep, in this order, or empty for all
 */
record SheetReader(int headerRow, int skipRows, int maxRows, List<String> columns) {
    private static final DataFormatter FORMATTER = new DataFormatter(Locale.ROOT);

    /**
     * The sheet as a frame.
     *
     * @throws IllegalArgumentException naming the columns that {@code columns} asks for and the sheet lacks
     */
    DataFrame read(Sheet sheet) {
        int first = skipRows + Math.max(headerRow, 0);
        int dataStart = headerRow < 0 ? skipRows : first + 1;
        int last = lastRowWithValue(sheet);
        int end = maxRows < 0 ? last + 1 : Math.min(last + 1, dataStart + maxRows);
        int width = 0;
        for (int r = skipRows; r < Math.max(end, first + 1); r++) {
            Row row = sheet.getRow(r);
            if (row != null) {
                width = Math.max(width, row.getLastCellNum());
            }
        }
        List<String> labels = headerRow < 0 ? positions(width) : labels(sheet.getRow(first), width);
        int height = Math.max(0, end - dataStart);
        Object[][] values = new Object[width][height];
        for (int r = 0; r < height; r++) {
            Row row = sheet.getRow(dataStart + r);
            for (int c = 0; row != null && c < width; c++) {
                values[c][r] = value(row.getCell(c));
            }
        }
        List<Series<?>> series = new ArrayList<>(width);
        for (Object[] column : values) {
            series.add(ExcelColumns.series(column));
        }
        DataFrame frame = DataFrame.byColumn(labels.toArray(String[]::new)).ofIterable(series);
        if (columns.isEmpty()) {
            return frame;
        }
        List<String> missing = columns.stream().filter(c -> !labels.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("sheet '" + sheet.getSheetName() + "' has no column"
                    + (missing.size() > 1 ? "s " : " ") + missing + " (it has " + labels + ")");
        }
        return frame.cols(columns.toArray(String[]::new)).select();
    }

    private static int lastRowWithValue(Sheet sheet) {
        for (int r = sheet.getLastRowNum(); r >= 0; r--) {
            Row row = sheet.getRow(r);
            if (row != null) {
                for (Cell cell : row) {
                    if (value(cell) != null) {
                        return r;
                    }
                }
            }
        }
        return -1;
    }

    private static List<String> positions(int width) {
        List<String> labels = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            labels.add(String.valueOf(i));
        }
        return labels;
    }

    private static List<String> labels(Row header, int width) {
        List<String> labels = new ArrayList<>(width);
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < width; c++) {
            Cell cell = header == null ? null : header.getCell(c);
            String text = cell == null ? "" : FORMATTER.formatCellValue(cell).strip();
            String label = text.isEmpty() ? "Unnamed: " + c : text;
            int repeats = seen.merge(label, 1, Integer::sum) - 1;
            labels.add(repeats == 0 ? label : label + "." + repeats);
        }
        return labels;
    }

    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> {
                String text = cell.getStringCellValue();
                yield text.isEmpty() ? null : text;
            }
            case BOOLEAN -> cell.getBooleanCellValue();
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime at = cell.getLocalDateTimeCellValue();
                    yield ExcelColumns.isDateOnly(cell.getCellStyle().getDataFormatString()) ? at.toLocalDate() : at;
                }
                yield cell.getNumericCellValue();
            }
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> null;
        };
    }
}
