/** JSON files read and written with Jackson: {@link dev.sluice.datasets.json.JsonDataset}. */
package dev.sluice.datasets.json;
