/** Renders what goes into a workspace as a plan of files, and applies a plan atomically. */
package dev.sam.bootstrap;
