package dev.sluice.pipeline;

import dev.sluice.PipelineDefinitionException;

/** Rules for dataset names: transcoding suffixes ({@code name@format}) and parameter references. */
public final class DatasetNames {
    /** The prefix of a single parameter input, as in {@code params:learning_rate}. */
    public static final String PARAMS_PREFIX = "params:";
    /** The input that receives every parameter as one map. */
    public static final String ALL_PARAMETERS = "parameters";

    private DatasetNames() {}

    /** The name with any transcoding suffix removed: {@code x@csv} becomes {@code x}. */
    public static String strip(String dataset) {
        int at = dataset.indexOf('@');
        return at < 0 ? dataset : dataset.substring(0, at);
    }

    /** Whether {@code dataset} carries a transcoding suffix. */
    public static boolean isTranscoded(String dataset) {
        return dataset.indexOf('@') >= 0;
    }

    /** Whether {@code dataset} is a parameter input ({@code params:...} or {@code parameters}). */
    public static boolean isParameter(String dataset) {
        return dataset.startsWith(PARAMS_PREFIX) || dataset.equals(ALL_PARAMETERS);
    }

    static void check(String node, String dataset) {
        if (dataset == null || dataset.isBlank()) {
            throw new PipelineDefinitionException(GraphMessages.blankDataset(node));
        }
        if (dataset.indexOf('@') != dataset.lastIndexOf('@')) {
            throw new PipelineDefinitionException(GraphMessages.multipleAt(node, dataset));
        }
        if (dataset.endsWith("@") || dataset.startsWith("@")) {
            throw new PipelineDefinitionException(GraphMessages.emptyTranscoding(node, dataset));
        }
    }
}
