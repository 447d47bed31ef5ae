/** Sluice's exception family; the public API lives in the sub-packages. */
package dev.sluice;
