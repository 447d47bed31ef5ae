package dev.sluice.examples.iris;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.dflib.DataFrame;
import org.dflib.Series;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Iris pipeline's node functions: pure, and none of them modifies its inputs. */
public final class IrisNodes {
    private static final Logger LOG = LoggerFactory.getLogger(IrisNodes.class);

    private IrisNodes() {}

    /**
     * {@code params:model_options}, bound from {@code parameters.yml} before the run.
     *
     * @param testSize the fraction of rows for testing
     * @param randomState the shuffle's seed
     * @param targetColumn the label column
     */
    public record ModelOptions(double testSize, long randomState, String targetColumn) {
        public ModelOptions {
            if (testSize <= 0 || testSize >= 1) {
                throw new IllegalArgumentException("test_size must be between 0 and 1, not " + testSize);
            }
        }
    }

    /** {@code params:train}: gradient descent's step count and rate. */
    public record TrainOptions(int maxIterations, double learningRate) {}

    /**
     * Shuffles the rows with a fixed seed and splits them into train and test features and labels.
     *
     * @return train_x, train_y, test_x, test_y
     */
    public static List<DataFrame> splitData(DataFrame data, ModelOptions options) {
        double testSize = options.testSize();
        long seed = options.randomState();
        String target = options.targetColumn();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.height(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        int testRows = (int) Math.round(data.height() * testSize);
        int[] test =
                order.subList(0, testRows).stream().mapToInt(Integer::intValue).toArray();
        int[] train = order.subList(testRows, order.size()).stream()
                .mapToInt(Integer::intValue)
                .toArray();
        String[] features = java.util.Arrays.stream(data.getColumnsIndex().toArray())
                .filter(c -> !c.equals(target))
                .toArray(String[]::new);
        DataFrame x = data.cols(features).select();
        DataFrame y = data.cols(target).select();
        return List.of(
                x.rows(train).select(),
                y.rows(train).select(),
                x.rows(test).select(),
                y.rows(test).select());
    }

    /** Fits a multinomial logistic regression by batch gradient descent. */
    public static Model trainModel(DataFrame trainX, DataFrame trainY, TrainOptions options) {
        int iterations = options.maxIterations();
        double rate = options.learningRate();
        List<String> features = List.of(trainX.getColumnsIndex().toArray());
        double[][] x = matrix(trainX);
        List<String> labels = labels(trainY);
        List<String> classes = List.copyOf(new TreeSet<>(labels));
        int n = x.length;
        int d = features.size();
        int k = classes.size();
        double[][] weights = new double[k][d];
        double[] bias = new double[k];
        Model model = new Model(features, classes, weights, bias);
        for (int step = 0; step < iterations; step++) {
            double[][] gradW = new double[k][d];
            double[] gradB = new double[k];
            for (int i = 0; i < n; i++) {
                double[] p = softmax(scores(model, x[i]));
                int truth = classes.indexOf(labels.get(i));
                for (int c = 0; c < k; c++) {
                    double error = p[c] - (c == truth ? 1 : 0);
                    gradB[c] += error;
                    for (int j = 0; j < d; j++) {
                        gradW[c][j] += error * x[i][j];
                    }
                }
            }
            for (int c = 0; c < k; c++) {
                bias[c] -= rate * gradB[c] / n;
                for (int j = 0; j < d; j++) {
                    weights[c][j] -= rate * gradW[c][j] / n;
                }
            }
        }
        return model;
    }

    /** Predicts a class for every row of {@code testX}; one column, {@code prediction}. */
    public static DataFrame predict(Model model, DataFrame testX) {
        double[][] x =
                matrix(testX.cols(model.features().toArray(String[]::new)).select());
        String[] predictions = new String[x.length];
        for (int i = 0; i < x.length; i++) {
            predictions[i] = model.predict(x[i]);
        }
        return DataFrame.byColumn("prediction").of(Series.of(predictions));
    }

    /** Logs and returns the share of predictions that match the labels. */
    public static double reportAccuracy(DataFrame predictions, DataFrame testY) {
        List<String> predicted = labels(predictions);
        List<String> actual = labels(testY);
        int correct = 0;
        for (int i = 0; i < actual.size(); i++) {
            correct += predicted.get(i).equals(actual.get(i)) ? 1 : 0;
        }
        double accuracy = (double) correct / actual.size();
        LOG.info(
                "Model has an accuracy of {} on test data ({} of {} correct).",
                String.format("%.3f", accuracy),
                correct,
                actual.size());
        return accuracy;
    }

    static double[] scores(Model model, double[] row) {
        double[] scores = new double[model.classes().size()];
        for (int c = 0; c < scores.length; c++) {
            double s = model.bias()[c];
            for (int j = 0; j < row.length; j++) {
                s += model.weights()[c][j] * row[j];
            }
            scores[c] = s;
        }
        return scores;
    }

    private static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] p = new double[scores.length];
        for (int c = 0; c < scores.length; c++) {
            p[c] = Math.exp(scores[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < scores.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    private static double[][] matrix(DataFrame frame) {
        double[][] values = new double[frame.height()][frame.width()];
        for (int j = 0; j < frame.width(); j++) {
            Series<?> column = frame.getColumn(j);
            for (int i = 0; i < frame.height(); i++) {
                values[i][j] = ((Number) column.get(i)).doubleValue();
            }
        }
        return values;
    }

    private static List<String> labels(DataFrame frame) {
        Series<?> column = frame.getColumn(0);
        List<String> labels = new ArrayList<>(column.size());
        for (int i = 0; i < column.size(); i++) {
            labels.add(String.valueOf(column.get(i)));
        }
        return labels;
    }
}
