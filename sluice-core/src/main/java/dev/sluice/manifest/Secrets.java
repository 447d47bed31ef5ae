package dev.sluice.manifest;

import dev.sluice.config.SecretMasking;

/** Keeps secrets out of manifests: the same masking {@code sluice catalog describe} uses. */
final class Secrets {
    private Secrets() {}

    /** {@code text} with passwords in URLs ({@code scheme://user:password@host}) masked. */
    static String maskText(String text) {
        // SecretMasking masks URL passwords in every string value under a key that is not secret.
        return (String) SecretMasking.mask(java.util.Map.of("text", text)).get("text");
    }
}
