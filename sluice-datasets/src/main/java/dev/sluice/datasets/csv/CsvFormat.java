package dev.sluice.datasets.csv;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import de.siegmar.fastcsv.reader.RecordType;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import dev.sluice.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a CSV file is laid out, and the reading and writing both CSV datasets share.
 *
 * <p>Empty fields keep null apart from the empty string: null is written as nothing, the empty
 * string as {@code ""}, and reading maps them back. Lines end with {@code \n}.
 */
record CsvFormat(char delimiter, boolean header, Charset encoding) {
    /** The header and the data records of a file; {@code header} is null without a header row. */
    record Table(String[] header, List<Record> records) {
        int width() {
            if (header != null) {
                return header.length;
            }
            return records.isEmpty() ? 0 : records.get(0).fields().length;
        }
    }

    /** One data record and the line it starts on; null fields were empty and unquoted. */
    record Record(long line, String[] fields) {}

    Map<String, Object> describe() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("delimiter", String.valueOf(delimiter));
        description.put("header", header);
        description.put("encoding", encoding.name());
        return description;
    }

    /**
     * Reads every record, checking that each has as many fields as the first; {@code error} turns a
     * problem (with its line) into the dataset's load error.
     */
    Table read(InputStream in, Function<String, DatasetException> error) {
        CsvReader<Record> reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .skipEmptyLines(false)
                .allowUnclosedQuote(false)
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .detectBomHeader(true)
                .build(new NullAwareHandler(), in, encoding);
        String[] headerRow = null;
        long widthLine = 0;
        int width = -1;
        List<Record> records = new ArrayList<>();
        try (reader) {
            for (Record record : reader) {
                String[] fields = record.fields();
                if (fields.length == 0) {
                    // A blank line is a lone null field in a one-column file, and ignored otherwise.
                    if (width != 1) {
                        continue;
                    }
                    fields = new String[] {null};
                }
                if (width < 0) {
                    width = fields.length;
                    widthLine = record.line();
                    if (header) {
                        headerRow = Arrays.stream(fields)
                                .map(name -> name == null ? "" : name)
                                .toArray(String[]::new);
                        continue;
                    }
                } else if (fields.length != width) {
                    throw error.apply("line " + record.line() + " has " + fields.length + " fields, but "
                            + (header ? "the header" : "the first row") + " (line " + widthLine + ") has "
                            + width + "; quote fields that contain '" + delimiter
                            + "', or check 'delimiter' in load_args");
                }
                records.add(new Record(record.line(), fields));
            }
        } catch (CsvParseException e) {
            throw error.apply(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Table(headerRow, records);
    }

    /** A writer onto {@code out}; the caller flushes it and need not close it. */
    CsvWriter writer(OutputStream out) {
        return CsvWriter.builder()
                .fieldSeparator(delimiter)
                .quoteStrategy(QuoteStrategies.EMPTY)
                .lineDelimiter(LineDelimiter.LF)
                .build(out, encoding);
    }

    /** Builds records whose unquoted empty fields are null, so null and "" survive a round trip. */
    private static final class NullAwareHandler extends AbstractBaseCsvCallbackHandler<Record> {
        private final List<String> fields = new ArrayList<>();

        @Override
        protected void handleBegin(long startingLineNumber) {
            fields.clear();
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            fields.add(len == 0 && !quoted ? null : new String(buf, offset, len));
        }

        @Override
        protected Record buildRecord() {
            String[] values = getRecordType() == RecordType.EMPTY ? new String[0] : fields.toArray(new String[0]);
            return new Record(getStartingLineNumber(), values);
        }
    }
}
