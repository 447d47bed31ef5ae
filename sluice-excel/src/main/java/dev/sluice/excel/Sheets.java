package dev.sluice.excel;

import java.util.List;
import java.util.Objects;

/**
 * Which sheets a load reads (pandas' {@code sheet_name}): one, by name or position, giving a
 * DataFrame; or several, by names or positions, or all of them, giving a map from sheet name to
 * DataFrame in the order asked for (the workbook's order for all).
 */
sealed interface Sheets {
    /** One sheet, by name ({@code String}) or zero-based position ({@code Integer}). */
    record One(Object sheet) implements Sheets {
        public One {
            Objects.requireNonNull(sheet, "sheet");
        }
    }

    /** Several sheets, each a name or a zero-based position. */
    record Some(List<Object> sheets) implements Sheets {
        public Some {
            sheets = List.copyOf(sheets);
        }
    }

    /** Every sheet of the workbook. */
    record All() implements Sheets {}

    /** Whether a load gives a map of sheets rather than one DataFrame. */
    default boolean many() {
        return !(this instanceof One);
    }
}
