/**
 * CSV files parsed and written with FastCSV: {@link dev.sluice.datasets.csv.CsvDataset} for DFLib
 * data frames and {@link dev.sluice.datasets.csv.CsvRowsDataset} for plain rows of strings.
 */
package dev.sluice.datasets.csv;
