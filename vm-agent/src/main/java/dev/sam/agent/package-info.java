/** SAM's node agent: provisioning, workspace runtimes, git credentials and token refresh. */
package dev.sam.agent;
