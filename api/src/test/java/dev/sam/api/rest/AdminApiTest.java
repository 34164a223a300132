package dev.sam.api.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import dev.sam.api.ApiFixtures;
import dev.sam.api.GitHubEmulatorTestResource;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.error.Reason;

/** Operator endpoints: the admin key, and clear 400s naming the field for bad input. */
@QuarkusTest
@WithTestResource(GitHubEmulatorTestResource.class)
class AdminApiTest {
    @Test
    void adminKeyIsRequired() {
        given().get(ApiPaths.ADMIN_NODES).then().statusCode(401).body("reason", equalTo(Reason.UNAUTHENTICATED.code()));
        given().header("Authorization", "Bearer wrong-key-of-some-length").get(ApiPaths.ADMIN_WORKSPACES).then()
                .statusCode(401).body("reason", equalTo(Reason.TOKEN_INVALID.code()));
        given().contentType(ContentType.JSON).body(Map.of("installationId", 5, "account", "x"))
                .post(ApiPaths.ADMIN_INSTALLATIONS).then().statusCode(401);
    }

    @Test
    void createdThingsAreListed() {
        long id = ApiFixtures.uniqueInstallationId();
        String owner = ApiFixtures.uniqueOwner();
        ApiFixtures.admin().body(Map.of("installationId", id, "account", owner)).post(ApiPaths.ADMIN_INSTALLATIONS).then()
                .statusCode(201).body("state", equalTo("active"));
        ApiFixtures.admin().body(Map.of("installationId", id, "account", owner)).post(ApiPaths.ADMIN_INSTALLATIONS).then()
                .statusCode(409).body("reason", equalTo(Reason.CONFLICT.code()));
        ApiFixtures.Node node = ApiFixtures.node(null);
        ApiFixtures.Workspace ws = ApiFixtures.workspace(node, owner + "/repo.name_1-x", id);
        ApiFixtures.admin().get(ApiPaths.ADMIN_INSTALLATIONS).then().body("installationId", hasItem(id));
        ApiFixtures.admin().get(ApiPaths.ADMIN_NODES).then().body("id", hasItem(node.id()));
        ApiFixtures.admin().get(ApiPaths.ADMIN_WORKSPACES).then().body("id", hasItem(ws.id()));
        ApiFixtures.admin().get(ApiPaths.ADMIN_WORKSPACES + "/" + ws.id()).then().statusCode(200)
                .body("status", equalTo("creating")).body("repository", equalTo(owner + "/repo.name_1-x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"noslash", "a/b/c", "-owner/x", "owner-/x", "ow--ner/x", "owner/..", "owner/na me",
            "owner/", "/name", "owner/x.git", "owner/\u00e9"})
    void badRepositoryIsRefusedNamingTheField(String repository) {
        ApiFixtures.Node node = ApiFixtures.node(null);
        createWorkspace(node.id(), repository, "main", null).then().statusCode(400)
                .body("reason", equalTo(Reason.INVALID_REQUEST.code())).body("message", containsString("repository"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a..b", "-x", "x.lock", "a b", "x/", "/x", "a//b", "a@{b", "@", "x.", ".x", "a~b", "a:b",
            "a\\b", "a*b", "a?b", "a[b", "a\tb"})
    void badBranchIsRefusedNamingTheField(String branch) {
        ApiFixtures.Node node = ApiFixtures.node(null);
        createWorkspace(node.id(), "octo/app", branch, null).then().statusCode(400)
                .body("reason", equalTo(Reason.INVALID_REQUEST.code())).body("message", containsString("branch"));
    }

    @Test
    void goodBranchesAreAccepted() {
        ApiFixtures.Node node = ApiFixtures.node(null);
        for (String branch : List.of("main", "feature/x-1", "release/2.0", "user/\u00e9t\u00e9")) {
            createWorkspace(node.id(), "octo/app", branch, null).then().statusCode(201);
        }
    }

    @Test
    void idsAndReferencesAreChecked() {
        ApiFixtures.Node node = ApiFixtures.node(null);
        createWorkspace("../etc", "octo/app", null, null).then().statusCode(400).body("message", containsString("nodeId"));
        createWorkspace(null, "octo/app", null, null).then().statusCode(400).body("message", containsString("nodeId"));
        createWorkspace("node-00000000000000000000", "octo/app", null, null).then().statusCode(404)
                .body("reason", equalTo(Reason.NODE_NOT_FOUND.code()));
        createWorkspace(node.id(), "octo/app", null, -4L).then().statusCode(400)
                .body("message", containsString("installationId"));
        createWorkspace(node.id(), "octo/app", null, ApiFixtures.uniqueInstallationId()).then().statusCode(422)
                .body("reason", equalTo(Reason.INSTALLATION_UNKNOWN.code()));
        ApiFixtures.admin().body(Map.of("installationId", 0, "account", "x")).post(ApiPaths.ADMIN_INSTALLATIONS).then()
                .statusCode(400).body("message", containsString("installationId"));
        ApiFixtures.admin().body(Map.of("installationId", 7, "account", "-bad")).post(ApiPaths.ADMIN_INSTALLATIONS).then()
                .statusCode(400).body("message", containsString("account"));
        ApiFixtures.admin().body(Map.of("name", "n", "agentUrl", "ftp://x")).post(ApiPaths.ADMIN_NODES).then()
                .statusCode(400).body("message", containsString("agentUrl"));
        ApiFixtures.admin().get(ApiPaths.ADMIN_WORKSPACES + "/ws-nope0000000000000000").then().statusCode(404)
                .body("reason", equalTo(Reason.WORKSPACE_NOT_FOUND.code()));
    }

    @Test
    void malformedJsonIsABadRequest() {
        ApiFixtures.admin().body("{\"nodeId\": ").post(ApiPaths.ADMIN_WORKSPACES).then().statusCode(400)
                .body("reason", equalTo(Reason.INVALID_REQUEST.code()));
        ApiFixtures.admin().body("{\"installationId\": \"abc\", \"account\": \"x\"}").post(ApiPaths.ADMIN_INSTALLATIONS)
                .then().statusCode(400).body("reason", equalTo(Reason.INVALID_REQUEST.code()));
    }

    private static io.restassured.response.Response createWorkspace(String nodeId, String repository, String branch,
            Long installationId) {
        Map<String, Object> body = new HashMap<>();
        body.put("nodeId", nodeId);
        body.put("repository", repository);
        body.put("branch", branch);
        body.put("installationId", installationId);
        return ApiFixtures.admin().body(body).post(ApiPaths.ADMIN_WORKSPACES);
    }
}
