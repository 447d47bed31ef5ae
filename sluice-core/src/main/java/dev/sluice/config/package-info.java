/**
 * Reading a project's configuration: {@link dev.sluice.config.ProjectConfig} loads the catalog,
 * parameters, credentials and globals from {@code conf/<env>/} the way Kedro's OmegaConfigLoader does,
 * and builds the {@link dev.sluice.catalog.DataCatalog}.
 *
 * <h2>Files and environments</h2>
 *
 * Files are found by name in {@code conf/base} and then in the run environment ({@code local} by
 * default): {@code catalog*}, {@code parameters*}, {@code credentials*} and {@code globals*} with the
 * extension {@code .yml}, {@code .yaml} or {@code .json}, at any depth, and every such file below a
 * top-level folder whose name starts the same way ({@code catalog/}...). Hidden files are skipped.
 * {@code base} must exist; so must any environment other than {@code local}. A top-level key may be
 * defined once per environment; the run environment replaces whole top-level keys of {@code base}
 * (catalog entries and parameters alike, as in Kedro's default "destructive" merge). Top-level keys
 * starting with {@code _} are templates: they can be referenced and used as YAML anchors ({@code <<:
 * *anchor} merge keys work), and are then dropped. Unlike Kedro, this applies to parameters too.
 *
 * <h2>Interpolation</h2>
 *
 * {@code ${a.b}} refers to a key in the same kind of file of the same environment; {@code
 * ${globals:key[,default]}} to globals; {@code ${runtime_params:key[,default]}} to {@code --params}
 * (not in globals); {@code ${oc.env:VAR[,default]}} to an environment variable, in credentials files
 * only: catalog and parameter values are printed and logged, so secrets must come through credentials
 * (registering a resolver named {@code oc.env}, such as {@link
 * dev.sluice.config.EnvironmentVariableResolver}, allows it everywhere, as in Kedro). {@code
 * ${name:args}} calls a custom {@link dev.sluice.config.ConfigResolver}. A value that is one
 * interpolation keeps its type.
 *
 * <h2>Runtime parameters</h2>
 *
 * {@code --params a=1,b.c=x,features=[engines,crew]} ({@link dev.sluice.config.RuntimeParams}) is
 * merged into the parameters key by key, after environments are merged. {@link
 * dev.sluice.config.ProjectConfig#checkParameterTypes} checks, before a run, that each parameter fits
 * the type its nodes take (a record, say).
 */
package dev.sluice.config;
