package com.example.nodes;

import java.util.List;

/** Node functions outside Sluice's packages, so their stack frames count as user code. */
public final class FailingNodes {
    private FailingNodes() {}

    /** Takes the first {@code size} rows, and fails when there are fewer. */
    public static List<String> head(List<String> rows, Integer size) {
        return take(rows, size);
    }

    private static List<String> take(List<String> rows, int size) {
        return rows.subList(0, size);
    }
}
