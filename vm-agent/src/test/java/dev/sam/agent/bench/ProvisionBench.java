package dev.sam.agent.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sam.contract.agent.AgentPaths;
import dev.sam.contract.agent.ProvisionRequest;
import dev.sam.contract.agent.WorkspaceStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Used by {@code bench/provision.sh}: sends N provisioning requests at once to a running agent, the way
 * the control plane does (HTTP/1.1, one request per workspace), and takes a workspace as ready when the
 * control plane (the stub) receives its ready report with credentials live, which is how the API learns
 * of it; nobody polls the agent meanwhile. Per workspace: report received minus request sent. Then
 * checks {@code GET /workspaces/{id}} of each. Repeats for {@code rounds} rounds on the same agent
 * (new workspaces each time; the first round meets a freshly started agent) and prints one line per
 * round with the agent's CPU time during it and its RSS after it. Args: agentUrl stubUrl nodeId count [rounds [agentPid]].
 */
public final class ProvisionBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String agent = args[0];
        String stub = args[1];
        String node = args[2];
        int n = Integer.parseInt(args[3]);
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        String agentPid = args.length > 5 ? args[5] : null;
        // HTTP/1.1 as the API's ProvisioningDispatcher speaks it; the JDK's default (h2c upgrade) would
        // multiplex all clients over one HTTP/2 connection, which the control plane never does.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        String bearer = "Bearer " + get(http, stub + "/test/node-token?node=" + node);
        warmStub(http, stub);
        for (int round = 1; round <= rounds; round++) {
            long cpu0 = agentPid == null ? 0 : cpuMs(agentPid);
            String line = round(http, agent, stub, bearer, "bench-r" + round + "-", n);
            String rss = agentPid == null ? "" : " agent_cpu_ms=" + (cpuMs(agentPid) - cpu0) + " agent_rss_mb=" + rssMb(agentPid);
            System.out.println("round=" + round + (round == 1 ? " agent=fresh " : " agent=warm ") + line + rss);
        }
    }

    private static String round(HttpClient http, String agent, String stub, String bearer, String prefix, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> callbacks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
            callbacks.add(get(http, stub + "/test/callback-token?ws=" + prefix + i));
        }
        // One client thread per workspace: all requests go out at once.
        ExecutorService clients = Executors.newFixedThreadPool(n);
        long[] sentAt = new long[n];
        long[] acceptedMs = new long[n];
        long t0 = System.currentTimeMillis();
        List<CompletableFuture<Boolean>> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            posts.add(CompletableFuture.supplyAsync(() -> {
                sentAt[k] = System.currentTimeMillis();
                boolean ok = post(http, agent, bearer, ids.get(k), callbacks.get(k));
                acceptedMs[k] = System.currentTimeMillis() - sentAt[k];
                return ok;
            }, clients));
        }
        int failures = 0;
        boolean[] failed = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!posts.get(i).get()) {
                failed[i] = true;
            }
        }
        clients.shutdown();
        // The stub records when each report arrives; one thread reads them every 20 ms.
        JsonNode reports = JSON.createObjectNode();
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(120).toMillis();
        while (System.currentTimeMillis() < deadline) {
            reports = JSON.readTree(get(http, stub + "/test/reports"));
            boolean all = true;
            for (int i = 0; i < n; i++) {
                all &= failed[i] || reports.has(ids.get(i));
            }
            if (all) {
                break;
            }
            Thread.sleep(20);
        }
        List<Long> millis = new ArrayList<>();
        List<Long> accepted = new ArrayList<>();
        long last = t0;
        for (int i = 0; i < n; i++) {
            JsonNode r = reports.path(ids.get(i));
            if (failed[i] || r.isMissingNode() || !r.path("report").asText().startsWith("ready ")
                    || !r.path("report").asText().contains("\"credentials\":\"" + WorkspaceStatus.CREDENTIALS_LIVE + "\"")
                    || !WorkspaceStatus.READY.equals(state(http, agent, bearer, ids.get(i)))) {
                failures++;
                continue;
            }
            long at = r.path("at").asLong();
            millis.add(at - sentAt[i]);
            accepted.add(acceptedMs[i]);
            last = Math.max(last, at);
        }
        Collections.sort(millis);
        Collections.sort(accepted);
        return String.format("workspaces=%d all_ready_ms=%d p50_ms=%d max_ms=%d failures=%d accept_p50_ms=%d", n, last - t0,
                pick(millis, 0.5), pick(millis, 1.0), failures, pick(accepted, 0.5));
    }

    /**
     * The stub stands in for the API, a long-running service, and is a JVM started a moment ago: left
     * cold, its JIT would take CPU from the agent in round 1, which is meant to measure a fresh agent
     * only. So it first serves git tokens for a workspace of its own (signature check and JSON, the
     * work it does per provisioning), from 8 threads as the agent's requests arrive side by side.
     */
    private static void warmStub(HttpClient http, String stub) throws Exception {
        String id = "bench-stub-warmup";
        String callback = get(http, stub + "/test/callback-token?ws=" + id);
        HttpRequest gitToken = HttpRequest.newBuilder(URI.create(stub + "/api/workspaces/" + id + "/git-token"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + callback)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return http.send(gitToken, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (Exception e) {
                    return -1;
                }
            }, pool));
        }
        for (CompletableFuture<Integer> c : calls) {
            if (c.get() != 200) {
                throw new IllegalStateException("stub warm-up: git-token answered " + c.get());
            }
        }
        pool.shutdown();
    }

    private static long pick(List<Long> sorted, double q) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * q)));
    }

    private static boolean post(HttpClient http, String agent, String bearer, String id, String callback) {
        try {
            String body = JSON.writeValueAsString(new ProvisionRequest(id, "acme/bench", "main", callback, Map.of()));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(agent + AgentPaths.WORKSPACES)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", bearer).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 202;
        } catch (Exception e) {
            return false;
        }
    }

    private static String state(HttpClient http, String agent, String bearer, String id) {
        try {
            HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create(agent + AgentPaths.WORKSPACES + "/" + id))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", bearer).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(s.body()).path("state").asText();
        } catch (Exception e) {
            return "unreachable";
        }
    }

    /** User + system CPU time of the process so far (clock ticks of 10 ms). */
    private static long cpuMs(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static long rssMb(String pid) throws Exception {
        for (String l : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static String get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
