package dev.sam.agent.provision;

import dev.sam.agent.controlplane.JwksKeys;
import dev.sam.agent.workspace.WorkspaceCredential;
import dev.sam.bootstrap.BootstrapRenderer;
import dev.sam.bootstrap.WorkspaceBootstrap;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.jws.CompactJws;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs the CPU-bound parts of {@code POST /workspaces} once when the agent starts, in memory only
 * (no file, no network, no state): request JSON, the workspace credential and its hash, the RS256
 * check with the control plane's key, rendering a plan. A node that boots with many workspaces to
 * provision gets them all at once; without this, every one of those first requests loads and
 * interprets the same code side by side on a cold JVM.
 */
public final class ProvisioningWarmup {
    private static final Logger LOG = Logger.getLogger(ProvisioningWarmup.class);
    private static final byte[] SAMPLE_REQUEST = ("{\"workspaceId\":\"warmup\",\"repository\":\"warmup/warmup\",\"branch\":\"main\","
            + "\"callbackToken\":\"warmup\",\"env\":{\"WARMUP\":\"1\"}}").getBytes(StandardCharsets.UTF_8);

    private ProvisioningWarmup() {
    }

    /**
     * Never throws: a warm-up that cannot run only costs the first requests their speed. Answers
     * whether every step ran (a sample that no longer parses would otherwise go unnoticed).
     */
    public static boolean run(JwksKeys keys, String agentUrl, int uid, int gid) {
        long start = System.nanoTime();
        try {
            ProvisionRequest request = WorkspaceResource.JSON.readValue(SAMPLE_REQUEST, ProvisionRequest.class);
            String credential = WorkspaceCredential.generate();
            WorkspaceCredential.sha256(credential);
            keys.anyFetchedKey().ifPresent(ProvisioningWarmup::checkASignature);
            BootstrapRenderer.render(new WorkspaceBootstrap(request.workspaceId(), request.repository(), request.branch(), "warmup",
                    "http://127.0.0.1", "", Optional.of("ghs_warmup"), Optional.of(Instant.now()), agentUrl, credential, uid, gid,
                    List.of(), request.env()));
            LOG.debugf("provisioning path warmed in %d ms", (System.nanoTime() - start) / 1_000_000);
            return true;
        } catch (Exception | LinkageError e) {
            LOG.debugf("provisioning warm-up skipped: %s", e.toString());
            return false;
        }
    }

    /** A signature that cannot match, checked in full: the RSA public operation runs all the same. */
    private static void checkASignature(RSAPublicKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] signature = new byte[(key.getModulus().bitLength() + 7) / 8];
        signature[signature.length - 1] = 1;
        String token = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
        CompactJws.parse(token).ifPresent(jws -> jws.signedBy(key));
    }
}
