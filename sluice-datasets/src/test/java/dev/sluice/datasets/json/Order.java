package dev.sluice.datasets.json;

import java.util.List;

/** A record the JSON tests load by class name, as a catalog entry would. */
public record Order(String id, int quantity, double price, List<String> tags) {}
