package dev.sluice;

/** Loading, saving or checking a dataset failed; the message names the dataset and what to do. */
public class DatasetException extends SluiceException {
    private final String datasetName;

    public DatasetException(String datasetName, String message) {
        this(datasetName, message, null);
    }

    public DatasetException(String datasetName, String message, Throwable cause) {
        super(Kind.DATASET_IO, message, cause);
        this.datasetName = datasetName;
    }

    /** The catalog name of the dataset, or {@code null} when the failing dataset has no name yet. */
    public String datasetName() {
        return datasetName;
    }
}
