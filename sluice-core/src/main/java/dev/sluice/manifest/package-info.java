/**
 * Run manifests and resuming: {@link dev.sluice.manifest.RunManifestRecorder} records each run in
 * {@code .sluice/runs/<run-id>/manifest.json} (see {@link dev.sluice.manifest.RunHistory}) while it
 * goes, {@link dev.sluice.manifest.RunManifest} reads one back, and {@link dev.sluice.manifest.ResumePlan}
 * decides what a resumed run, or a run with only missing outputs, has to run.
 */
package dev.sluice.manifest;
