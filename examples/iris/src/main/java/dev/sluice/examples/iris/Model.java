package dev.sluice.examples.iris;

import java.util.List;

/**
 * A trained multinomial logistic regression: one weight row and one bias per class.
 *
 * @param features the feature columns, in the order the weights use them
 * @param classes the class labels, in the order of the weight rows
 * @param weights {@code weights[class][feature]}
 * @param bias {@code bias[class]}
 */
public record Model(List<String> features, List<String> classes, double[][] weights, double[] bias) {

    /** The most likely class for one row of feature values. */
    public String predict(double[] row) {
        double[] scores = IrisNodes.scores(this, row);
        int best = 0;
        for (int k = 1; k < scores.length; k++) {
            if (scores[k] > scores[best]) {
                best = k;
            }
        }
        return classes.get(best);
    }
}
