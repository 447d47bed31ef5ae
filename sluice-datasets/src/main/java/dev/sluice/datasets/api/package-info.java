/**
 * HTTP endpoints as datasets on the JDK's HTTP client: {@link dev.sluice.datasets.api.ApiDataset} and the
 * {@code api} catalog type (Kedro's {@code api.APIDataset}).
 */
package dev.sluice.datasets.api;
