package dev.sluice.objects;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.objects.fixtures.LinearModel;
import dev.sluice.s3.LocalS3;
import dev.sluice.storage.Location;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ObjectOnS3Test {
    @RegisterExtension
    static final LocalS3 S3 = new LocalS3();

    @Test
    void model_roundTripThroughAnS3Uri_loadsAnEqualModel() throws Exception {
        String bucket = S3.createBucket();
        Location location = S3.locate("s3://" + bucket + "/data/06_models/model.json");
        ObjectDataset<LinearModel> dataset = ObjectDataset.of(location, LinearModel.class);

        dataset.save(ObjectDatasetTest.MODEL);

        assertThat(dataset.exists()).isTrue();
        assertThat(dataset.storeKey()).isEqualTo("s3://" + bucket);
        assertThat(dataset.load())
                .usingRecursiveComparison()
                .withEqualsForType((a, b) -> Double.compare(a, b) == 0, Double.class)
                .isEqualTo(ObjectDatasetTest.MODEL);
    }

    @Test
    void largeModel_isUploadedInPartsAndLoadsBack() throws Exception {
        String bucket = S3.createBucket();
        double[] weights = new double[400_000];
        Arrays.setAll(weights, i -> i / 7.0);
        LinearModel model = new LinearModel(
                "big", weights, 0, List.of(), Map.of(), LocalDate.of(2024, 1, 1), LinearModel.Kind.REGRESSION);
        Location location = S3.locate("s3://" + bucket + "/big.json", Map.of("part_size", "5MiB"));
        ObjectDataset<LinearModel> dataset = ObjectDataset.of(location, LinearModel.class);

        dataset.save(model);

        assertThat(S3.partUploads()).isGreaterThan(1);
        assertThat(dataset.load().weights()).isEqualTo(weights);
    }
}
