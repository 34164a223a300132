package dev.sam.agent.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.agent.WorkspaceStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Used by {@code bench/provision.sh}: sends N provisioning requests at once to a running agent and
 * polls until each is ready; prints time to all ready, p50/max per workspace and failures.
 * Args: agentUrl stubUrl nodeId count.
 */
public final class ProvisionBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        String stub = args[1];
        String node = args[2];
        int n = Integer.parseInt(args[3]);
        // HTTP/1.1 as the API's ProvisioningDispatcher speaks it; the JDK's default (h2c upgrade) would
        // multiplex all 50 clients over one HTTP/2 connection, which the control plane never does.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String bearer = "Bearer " + get(http, stub + "/test/node-token?node=" + node);
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            callbacks.add(get(http, stub + "/test/callback-token?ws=bench-" + i));
        }
        // One client thread per workspace: the common pool has a single thread on a 2-core machine.
        ExecutorService clients = Executors.newFixedThreadPool(n);
        long t0 = System.nanoTime();
        List<CompletableFuture<Long>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "bench-" + i;
            String cb = callbacks.get(i);
            all.add(CompletableFuture.supplyAsync(() -> provision(http, agent, bearer, id, cb), clients));
        }
        List<Long> millis = new ArrayList<>();
        int failures = 0;
        for (CompletableFuture<Long> f : all) {
            long v = f.get();
            if (v < 0) {
                failures++;
            } else {
                millis.add(v);
            }
        }
        long total = (System.nanoTime() - t0) / 1_000_000;
        Collections.sort(millis);
        long p50 = millis.isEmpty() ? -1 : millis.get(millis.size() / 2);
        long max = millis.isEmpty() ? -1 : millis.get(millis.size() - 1);
        clients.shutdown();
        System.out.printf("workspaces=%d all_ready_ms=%d p50_ms=%d max_ms=%d failures=%d%n", n, total, p50, max, failures);
    }

    private static long provision(HttpClient http, String agent, String bearer, String id, String callback) {
        try {
            long start = System.nanoTime();
            String body = JSON.writeValueAsString(new ProvisionRequest(id, "acme/bench", "main", callback, Map.of()));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(agent + AgentPaths.WORKSPACES)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                return -1;
            }
            while (System.nanoTime() - start < Duration.ofSeconds(120).toNanos()) {
                HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create(agent + AgentPaths.WORKSPACES + "/" + id))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
                var node = JSON.readTree(s.body());
                String state = node.path("state").asText();
                if (WorkspaceStatus.READY.equals(state)) {
                    return WorkspaceStatus.CREDENTIALS_LIVE.equals(node.path("credentials").asText()) ? (System.nanoTime() - start) / 1_000_000 : -1;
                }
                if (WorkspaceStatus.FAILED.equals(state)) {
                    return -1;
                }
                Thread.sleep(100);
            }
            return -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
