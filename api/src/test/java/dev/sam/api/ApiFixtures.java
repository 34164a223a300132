package dev.sam.api;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.sam.contract.api.ApiPaths;
import dev.sam.emulator.GitHubEmulator;

/** Creates installations, nodes and workspaces through the operator API, with unique ids so reruns never collide. */
public final class ApiFixtures {
    public static final Map<String, String> APP_PERMISSIONS = Map.of("contents", "write", "pull_requests", "write",
            "metadata", "read");

    public record Node(String id, String token) {
    }

    public record Workspace(String id, String token, String repository) {
    }

    private ApiFixtures() {
    }

    /**
     * Always above {@link Integer#MAX_VALUE}: GitHub's installation ids outgrow 32 bits, and REST Assured's JSON path
     * reads smaller numbers as {@code Integer}, which would make {@code hasItem(long)} fail now and then.
     */
    public static long uniqueInstallationId() {
        return ThreadLocalRandom.current().nextLong(1L << 32, 1_000_000_000_000L);
    }

    public static String uniqueOwner() {
        return "acct-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    public static io.restassured.specification.RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + GitHubEmulatorTestResource.ADMIN_KEY).contentType(ContentType.JSON);
    }

    /** Registers the installation at GitHub (the emulator) with the given repositories, and with the API. */
    public static long installation(GitHubEmulator emulator, String owner, List<String> repositoryNames) {
        long id = uniqueInstallationId();
        emulator.addInstallation(id, owner, APP_PERMISSIONS, repositoryNames.stream().map(n -> owner + "/" + n).toList());
        admin().body(Map.of("installationId", id, "account", owner)).post(ApiPaths.ADMIN_INSTALLATIONS).then().statusCode(201);
        return id;
    }

    public static Node node(String agentUrl) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "node " + ThreadLocalRandom.current().nextInt(1_000_000));
        if (agentUrl != null) {
            body.put("agentUrl", agentUrl);
        }
        Response r = admin().body(body).post(ApiPaths.ADMIN_NODES);
        r.then().statusCode(201);
        return new Node(r.path("node.id"), r.path("callbackToken.token"));
    }

    public static Workspace workspace(Node node, String repository, Long installationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("nodeId", node.id());
        body.put("repository", repository);
        body.put("branch", "main");
        if (installationId != null) {
            body.put("installationId", installationId);
        }
        Response r = admin().body(body).post(ApiPaths.ADMIN_WORKSPACES);
        r.then().statusCode(201);
        return new Workspace(r.path("workspace.id"), r.path("callbackToken.token"), repository);
    }

    public static Response gitToken(String workspaceId, String bearer) {
        var spec = given();
        if (bearer != null) {
            spec = spec.header("Authorization", "Bearer " + bearer);
        }
        return spec.post(ApiPaths.gitToken(workspaceId));
    }
}
