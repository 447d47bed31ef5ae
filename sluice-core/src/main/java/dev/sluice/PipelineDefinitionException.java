package dev.sluice;

/** A pipeline or node that cannot be built or sliced as asked: duplicates, cycles, bad names. */
public class PipelineDefinitionException extends SluiceException {
    public PipelineDefinitionException(String message) {
        super(Kind.PIPELINE_DEFINITION, message, null);
    }
}
