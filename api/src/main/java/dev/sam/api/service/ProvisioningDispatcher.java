package dev.sam.api.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.sam.api.auth.CallbackTokens;
import dev.sam.api.config.SamConfig;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.api.WorkspaceCreatedResponse;
import dev.sam.contract.api.WorkspaceView;
import dev.sam.contract.error.Reason;

/**
 * Hands a new workspace to its node's agent: {@code POST {agentUrl}/workspaces} with a {@link ProvisionRequest},
 * authenticated by a short-lived JWT (audience node-agent, subject the node id). Runs off the request thread, with
 * bounded, jittered, doubling retries; an agent that never answers makes the workspace {@code failed} with
 * {@code node_unreachable}, one that refuses (4xx) makes it failed with {@code provisioning_failed}.
 */
@ApplicationScoped
public class ProvisioningDispatcher {
    private static final Logger LOG = Logger.getLogger(ProvisioningDispatcher.class);

    private final SamConfig.Provisioning config;
    private final CallbackTokens tokens;
    private final WorkspaceService workspaces;
    private final ObjectMapper json;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "sam-provisioning");
        t.setDaemon(true);
        return t;
    });

    @Inject
    public ProvisioningDispatcher(SamConfig config, CallbackTokens tokens, WorkspaceService workspaces, ObjectMapper json) {
        this.config = config.provisioning();
        this.tokens = tokens;
        this.workspaces = workspaces;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(this.config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Schedules delivery when the workspace's node has an agent URL; otherwise the agent is expected to poll. */
    public void dispatch(WorkspaceCreatedResponse created) {
        WorkspaceView ws = created.workspace();
        String agentUrl = workspaces.agentUrlOfNode(ws.nodeId());
        if (agentUrl == null) {
            return;
        }
        ProvisionRequest request = new ProvisionRequest(ws.id(), ws.repository(), ws.branch(),
                created.callbackToken().token(), Map.of());
        scheduler.execute(() -> attempt(URI.create(agentUrl + AgentPaths.WORKSPACES), ws.nodeId(), request, 1));
    }

    private void attempt(URI target, String nodeId, ProvisionRequest request, int attempt) {
        String outcome;
        try {
            HttpRequest post = HttpRequest.newBuilder(target).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + tokens.agentToken(nodeId))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(request))).build();
            int status = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status >= 200 && status < 300) {
                LOG.infof("workspace %s handed to node %s", request.workspaceId(), nodeId);
                return;
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                fail(request.workspaceId(), Reason.PROVISIONING_FAILED, "the node's agent refused the workspace (HTTP " + status + ")");
                return;
            }
            outcome = "HTTP " + status;
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            LOG.error("provisioning " + request.workspaceId() + " failed unexpectedly", e);
            fail(request.workspaceId(), Reason.PROVISIONING_FAILED, "the API could not deliver the workspace");
            return;
        }
        if (attempt >= config.attempts()) {
            fail(request.workspaceId(), Reason.NODE_UNREACHABLE,
                    "the node's agent could not be reached after " + attempt + " attempts (" + outcome + ")");
            return;
        }
        long delay = backoff(attempt).toMillis();
        LOG.debugf("workspace %s: agent attempt %d failed (%s); next in %d ms", request.workspaceId(), attempt, outcome, delay);
        scheduler.schedule(() -> attempt(target, nodeId, request, attempt + 1), delay, TimeUnit.MILLISECONDS);
    }

    /** backoff * 2^(attempt-1), jittered to 50-100 % so agents restarting together are not hit in lockstep. */
    Duration backoff(int attempt) {
        long base = config.backoff().toMillis() << Math.min(attempt - 1, 10);
        return Duration.ofMillis(base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1));
    }

    private void fail(String workspaceId, Reason reason, String message) {
        try {
            workspaces.fail(workspaceId, reason, message);
            LOG.warnf("workspace %s failed: %s", workspaceId, reason.code());
        } catch (RuntimeException e) {
            LOG.error("could not record the failure of workspace " + workspaceId, e);
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
