package dev.sluice.objects;

import dev.sluice.io.DelegatingDatasetType;

/**
 * The {@code object.cbor} catalog type (also Kedro's {@code pickle.PickleDataset}): the {@code object}
 * type's typed document in binary CBOR (RFC 8949), for node outputs of any shape such as trained
 * models.
 *
 * <pre>{@code
 * regressor:
 *   type: pickle.PickleDataset            # or object.cbor
 *   filepath: data/06_models/regressor.pkl
 *   class: com.example.models.LinearModel # optional; its package is trusted when loading
 *   save_args:
 *     compress: 3                         # joblib's spelling; gzip, as compression: gzip does
 * }</pre>
 *
 * <p>Files written by Python's pickle cannot be read (a load says so); files of the {@code object}
 * type (typed JSON) can.
 */
public final class BinaryObjectDatasetType extends DelegatingDatasetType {
    public BinaryObjectDatasetType() {
        super(new ObjectDatasetType(true));
    }
}
