/** {@link dev.sluice.hook.Hook}s observe runs; {@link dev.sluice.hook.Hooks} finds and guards them. */
package dev.sluice.hook;
