package dev.sluice.excel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.dflib.DataFrame;
import org.dflib.Series;

/**
 * Writes DataFrames as the sheets of one {@code .xlsx} workbook, streaming rows (POI's SXSSF keeps
 * a window of rows in memory, not the sheet). The bytes depend only on the frames: the creation time
 * POI puts in {@code docProps/core.xml} is left out and every ZIP entry gets the same fixed time.
 */
final class WorkbookWriter {
    /** Excel's limit on the characters of one cell. */
    private static final int MAX_CELL_TEXT = 32_767;

    private final boolean header;

    WorkbookWriter(boolean header) {
        this.header = header;
    }

    /**
     * Writes the sheets, in map order, to {@code out}.
     *
     * @throws IllegalArgumentException naming the sheet, column and row of a value Excel cannot hold
     */
    void write(Map<String, DataFrame> sheets, OutputStream out) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        try {
            workbook.getXSSFWorkbook()
                    .getProperties()
                    .getCoreProperties()
                    .getUnderlyingProperties()
                    .setCreatedProperty(Optional.empty());
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat(ExcelColumns.DATE_FORMAT));
            CellStyle dateTime = workbook.createCellStyle();
            dateTime.setDataFormat(workbook.createDataFormat().getFormat(ExcelColumns.DATE_TIME_FORMAT));
            for (Map.Entry<String, DataFrame> entry : sheets.entrySet()) {
                writeSheet(workbook.createSheet(entry.getKey()), entry.getValue(), date, dateTime);
            }
            workbook.write(raw);
        } finally {
            workbook.close();
        }
        DeterministicZip.rewrite(raw.toByteArray(), out);
    }

    private void writeSheet(Sheet sheet, DataFrame frame, CellStyle date, CellStyle dateTime) {
        String[] labels = frame.getColumnsIndex().toArray();
        int rowIndex = 0;
        if (header) {
            Row row = sheet.createRow(rowIndex++);
            for (int c = 0; c < labels.length; c++) {
                row.createCell(c).setCellValue(labels[c]);
            }
        }
        for (int r = 0; r < frame.height(); r++) {
            Row row = sheet.createRow(rowIndex++);
            for (int c = 0; c < labels.length; c++) {
                Series<?> column = frame.getColumn(c);
                Object value = column.get(r);
                if (value != null) {
                    try {
                        set(row.createCell(c), value, date, dateTime);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(
                                "sheet '" + sheet.getSheetName() + "', column '" + labels[c] + "', row " + r + ": "
                                        + e.getMessage(),
                                e);
                    }
                }
            }
        }
    }

    private static void set(Cell cell, Object value, CellStyle date, CellStyle dateTime) {
        if (value instanceof Number number) {
            if (number instanceof BigDecimal || number instanceof BigInteger) {
                cell.setCellValue(new BigDecimal(number.toString()).doubleValue());
            } else {
                cell.setCellValue(number.doubleValue());
            }
        } else if (value instanceof Boolean bool) {
            cell.setCellValue(bool);
        } else if (value instanceof LocalDate day) {
            cell.setCellValue(day);
            cell.setCellStyle(date);
        } else if (value instanceof LocalDateTime at) {
            cell.setCellValue(at);
            cell.setCellStyle(dateTime);
        } else if (value instanceof Date legacy) {
            cell.setCellValue(legacy);
            cell.setCellStyle(dateTime);
        } else if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            throw new IllegalArgumentException("Excel has no time zones, so it cannot hold "
                    + value.getClass().getSimpleName()
                    + " values; convert them to LocalDateTime (in the zone you mean) before saving");
        } else {
            String text = value instanceof Enum<?> e ? e.name() : value.toString();
            if (text.length() > MAX_CELL_TEXT) {
                throw new IllegalArgumentException("the text has " + text.length() + " characters, more than the "
                        + MAX_CELL_TEXT + " an Excel cell holds");
            }
            cell.setCellValue(text);
        }
    }
}
