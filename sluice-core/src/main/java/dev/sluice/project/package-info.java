/**
 * A Sluice project: its {@link dev.sluice.project.PipelineRegistry}, the
 * {@link dev.sluice.project.Project} that opens configuration, catalog, pipelines and hooks for one
 * command, and the {@link dev.sluice.project.Session} that runs pipelines interactively.
 */
package dev.sluice.project;
