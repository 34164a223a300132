package dev.sam.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.error.ErrorBody;
import dev.sam.contract.error.Reason;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A control plane that behaves like the API's agent-facing contract: signs RS256 JWTs, serves its
 * JWKS, answers git-token only for a callback token of that very workspace, can fail N times or
 * answer a permanent reason, and counts every call.
 */
public final class StubControlPlane implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WS_PATH = Pattern.compile("/api/workspaces/([^/]+)/(git-token|ready|provisioning-failed)");
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private volatile KeyPair keys;
    private volatile String kid = "k1";
    private final Map<String, AtomicInteger> gitTokenCalls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();
    private final Map<String, Reason> permanent = new ConcurrentHashMap<>();
    private final Map<String, List<String>> tokensIssued = new ConcurrentHashMap<>();
    private final Map<String, List<String>> reports = new ConcurrentHashMap<>();
    /** When each workspace's first report arrived (epoch ms), for the provisioning benchmark. */
    private final Map<String, Long> firstReportAt = new ConcurrentHashMap<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AtomicInteger callbackRefreshes = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofHours(1);
    private volatile Duration latency = Duration.ZERO;

    public StubControlPlane() throws Exception {
        rotateKey("k1");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void rotateKey(String newKid) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        kid = newKid;
    }

    public void failTimes(String workspaceId, int n) {
        failuresLeft.put(workspaceId, new AtomicInteger(n));
    }

    public void refuse(String workspaceId, Reason reason) {
        permanent.put(workspaceId, reason);
    }

    public void tokenLifetime(Duration d) {
        tokenLifetime = d;
    }

    public void latency(Duration d) {
        latency = d;
    }

    public int gitTokenCalls(String workspaceId) {
        return gitTokenCalls.getOrDefault(workspaceId, new AtomicInteger()).get();
    }

    public List<String> tokensIssued(String workspaceId) {
        return List.copyOf(tokensIssued.getOrDefault(workspaceId, List.of()));
    }

    public List<String> reports(String workspaceId) {
        return List.copyOf(reports.getOrDefault(workspaceId, List.of()));
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    public int callbackRefreshes() {
        return callbackRefreshes.get();
    }

    /** A JWT as the API signs them. */
    public String jwt(String audience, String subject, Duration ttl, Map<String, Object> extra) {
        try {
            ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", kid);
            long now = Instant.now().getEpochSecond();
            ObjectNode claims = JSON.createObjectNode().put("iss", "sam-api").put("aud", audience).put("sub", subject)
                    .put("iat", now).put("exp", now + ttl.toSeconds());
            extra.forEach((k, v) -> claims.set(k, JSON.valueToTree(v)));
            Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
            String input = enc.encodeToString(JSON.writeValueAsBytes(header)) + "." + enc.encodeToString(JSON.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + enc.encodeToString(s.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public String callbackToken(String workspaceId) {
        return jwt(ApiPaths.AUDIENCE_CALLBACK, "workspace:" + workspaceId, Duration.ofHours(2), Map.of("workspace_id", workspaceId));
    }

    public String nodeAgentToken(String nodeId) {
        return jwt(dev.sam.contract.api.CallbackTokenClaims.AUDIENCE_NODE_AGENT, nodeId, Duration.ofMinutes(5), Map.of());
    }

    public static String ghsToken() {
        StringBuilder sb = new StringBuilder("ghs_");
        for (int i = 0; i < 36; i++) {
            sb.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }

    /**
     * Standalone, for the benchmarks: {@code StubControlPlane <url-file> [git-token-latency-ms]}; also
     * mints test JWTs and lists reports under /test/.
     */
    public static void main(String[] args) throws Exception {
        StubControlPlane cp = new StubControlPlane();
        if (args.length > 1) {
            cp.latency(Duration.ofMillis(Long.parseLong(args[1])));
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), cp.url());
        Thread.currentThread().join();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            String query = ex.getRequestURI().getQuery() == null ? "" : ex.getRequestURI().getQuery();
            if (path.equals("/test/node-token")) {
                send(ex, 200, nodeAgentToken(query.replaceFirst("^node=", "")).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (path.equals("/test/callback-token")) {
                send(ex, 200, callbackToken(query.replaceFirst("^ws=", "")).getBytes(StandardCharsets.US_ASCII));
                return;
            }
            if (path.equals("/test/reports")) {
                // {"<ws>": {"at": <epoch ms of the first report>, "report": "<kind> <body>"}} for every workspace so far.
                ObjectNode all = JSON.createObjectNode();
                firstReportAt.forEach((ws, at) -> all.putObject(ws).put("at", at).put("report", reports.get(ws).get(0)));
                send(ex, 200, JSON.writeValueAsBytes(all));
                return;
            }
            if (path.equals(ApiPaths.JWKS)) {
                jwksFetches.incrementAndGet();
                RSAPublicKey pub = (RSAPublicKey) keys.getPublic();
                Base64.Encoder enc = Base64.getUrlEncoder().withoutPadding();
                ObjectNode key = JSON.createObjectNode().put("kty", "RSA").put("kid", kid).put("alg", "RS256").put("use", "sig")
                        .put("n", enc.encodeToString(unsigned(pub.getModulus()))).put("e", enc.encodeToString(unsigned(pub.getPublicExponent())));
                ObjectNode doc = JSON.createObjectNode();
                doc.putArray("keys").add(key);
                send(ex, 200, JSON.writeValueAsBytes(doc));
                return;
            }
            if (path.equals(ApiPaths.CALLBACK_TOKEN_REFRESH)) {
                callbackRefreshes.incrementAndGet();
                String ws = workspaceOf(ex);
                if (ws == null) {
                    error(ex, 401, Reason.UNAUTHENTICATED);
                    return;
                }
                send(ex, 200, JSON.writeValueAsBytes(Map.of("token", callbackToken(ws))));
                return;
            }
            Matcher m = WS_PATH.matcher(path);
            if (!m.matches() || !"POST".equals(ex.getRequestMethod())) {
                error(ex, 404, Reason.WORKSPACE_NOT_FOUND);
                return;
            }
            String id = m.group(1);
            if (!id.equals(workspaceOf(ex))) {
                // Only the callback token of this very workspace may act for it.
                error(ex, 403, Reason.FORBIDDEN);
                return;
            }
            if (!m.group(2).equals("git-token")) {
                long at = System.currentTimeMillis();
                reports.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(m.group(2) + " " + new String(body, StandardCharsets.UTF_8));
                firstReportAt.putIfAbsent(id, at);
                send(ex, 204, new byte[0]);
                return;
            }
            gitTokenCalls.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            if (!latency.isZero()) {
                Thread.sleep(latency.toMillis());
            }
            Reason refused = permanent.get(id);
            if (refused != null) {
                error(ex, 403, refused);
                return;
            }
            AtomicInteger left = failuresLeft.get(id);
            if (left != null && left.getAndDecrement() > 0) {
                error(ex, 503, Reason.GITHUB_UNAVAILABLE);
                return;
            }
            String token = ghsToken();
            tokensIssued.computeIfAbsent(id, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(token);
            String expires = Instant.now().plus(tokenLifetime).toString();
            send(ex, 200, JSON.writeValueAsBytes(Map.of("token", token, "expiresAt", expires)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The workspace named by a valid callback token in the request, or null. */
    private String workspaceOf(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = auth.substring(7).split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(keys.getPublic());
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            var claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (!ApiPaths.AUDIENCE_CALLBACK.equals(claims.path("aud").asText())) {
                return null;
            }
            return claims.path("workspace_id").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static byte[] unsigned(BigInteger v) {
        byte[] b = v.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    private static void error(HttpExchange ex, int status, Reason reason) throws IOException {
        send(ex, status, JSON.writeValueAsBytes(ErrorBody.of(reason, reason.code())));
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
