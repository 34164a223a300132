package dev.sam.api.rest;

import static dev.sam.api.ApiFixtures.gitToken;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sam.api.ApiFixtures;
import dev.sam.api.GitHubEmulatorTestResource;
import dev.sam.api.InjectEmulator;
import dev.sam.api.github.GitHubAppClient;
import dev.sam.contract.api.ApiPaths;
import dev.sam.contract.error.Reason;
import dev.sam.emulator.Fault;
import dev.sam.emulator.GitHubEmulator;
import dev.sam.emulator.TokenFormat;

/**
 * Each way GitHub can refuse a mint arrives as its own reason, without GitHub's body; GitHub's own request counter
 * proves refusals (4xx) are asked once and transient failures (5xx) a bounded number of times.
 */
@QuarkusTest
@WithTestResource(GitHubEmulatorTestResource.class)
class GitHubFailureMappingTest {
    @InjectEmulator
    GitHubEmulator emulator;

    String owner;
    long installation;
    ApiFixtures.Workspace workspace;

    @BeforeEach
    void setUp() {
        owner = ApiFixtures.uniqueOwner();
        installation = ApiFixtures.installation(emulator, owner, List.of("app"));
        workspace = ApiFixtures.workspace(ApiFixtures.node(null), owner + "/app", installation);
    }

    @AfterEach
    void resetGitHub() {
        emulator.setClockOffset(Duration.ZERO);
        emulator.reset();
    }

    @Test
    void suspendedInstallationIsAskedOnceAndReported() {
        emulator.suspendInstallation(installation);
        int before = emulator.accessTokenRequestCount();
        gitToken(workspace.id(), workspace.token()).then().statusCode(403)
                .body("reason", equalTo(Reason.INSTALLATION_SUSPENDED.code()))
                .body("message", not(containsString("documentation_url")));
        assertEquals(1, emulator.accessTokenRequestCount() - before, "a refusal is not retried");
        ApiFixtures.admin().get(ApiPaths.ADMIN_INSTALLATIONS).then()
                .body("find { it.installationId == " + installation + " }.state", equalTo("suspended"));
    }

    @Test
    void removedInstallationIsNotFound() {
        emulator.removeInstallation(installation);
        int before = emulator.accessTokenRequestCount();
        gitToken(workspace.id(), workspace.token()).then().statusCode(404)
                .body("reason", equalTo(Reason.INSTALLATION_NOT_FOUND.code()));
        assertEquals(1, emulator.accessTokenRequestCount() - before);
    }

    @Test
    void repositoryOutsideTheInstallationIsNotAccessible() {
        ApiFixtures.Workspace other = ApiFixtures.workspace(ApiFixtures.node(null), owner + "/elsewhere", installation);
        int before = emulator.accessTokenRequestCount();
        gitToken(other.id(), other.token()).then().statusCode(422)
                .body("reason", equalTo(Reason.REPOSITORY_NOT_ACCESSIBLE.code()));
        assertEquals(1, emulator.accessTokenRequestCount() - before);
    }

    @Test
    void persistentServerErrorsAreRetriedABoundedNumberOfTimes() {
        emulator.enqueueFaults(Fault.status(503), Fault.status(503), Fault.status(503), Fault.status(503), Fault.status(503));
        int before = emulator.accessTokenRequestCount();
        gitToken(workspace.id(), workspace.token()).then().statusCode(503)
                .body("reason", equalTo(Reason.GITHUB_UNAVAILABLE.code()))
                .header("Retry-After", notNullValue());
        assertEquals(1 + GitHubAppClient.MAX_RETRIES, emulator.accessTokenRequestCount() - before);
        assertEquals(0, emulator.mintCount(installation));
    }

    @Test
    void oneServerErrorIsRetriedAway() {
        emulator.enqueueFaults(Fault.status(502));
        int before = emulator.accessTokenRequestCount();
        gitToken(workspace.id(), workspace.token()).then().statusCode(200).body("token", notNullValue());
        assertEquals(2, emulator.accessTokenRequestCount() - before);
        assertEquals(1, emulator.mintCount(installation));
    }

    @Test
    void longTokenFormatPassesThroughIntact() {
        emulator.setTokenFormat(TokenFormat.LONG);
        try {
            String token = gitToken(workspace.id(), workspace.token()).then().statusCode(200).extract().path("token");
            assertEquals(emulator.issuedTokens().get(emulator.issuedTokens().size() - 1).token(), token);
            assertTrue(token.length() > 100 && token.contains("."), "GitHub's long stateless format, unchanged");
        } finally {
            emulator.setTokenFormat(TokenFormat.CLASSIC);
        }
    }

    @Test
    void appJwtIsAcceptedWithGitHubClock45SecondsBehind() {
        emulator.setClockOffset(Duration.ofSeconds(-45));
        gitToken(workspace.id(), workspace.token()).then().statusCode(200);
    }

    @Test
    void appJwtIsAcceptedWithGitHubClock45SecondsAhead() {
        emulator.setClockOffset(Duration.ofSeconds(45));
        gitToken(workspace.id(), workspace.token()).then().statusCode(200);
    }

    @Test
    void twoMinutesOfSkewIsReportedAsSuch() {
        emulator.setClockOffset(Duration.ofSeconds(-120));
        int before = emulator.accessTokenRequestCount();
        gitToken(workspace.id(), workspace.token()).then().statusCode(502)
                .body("reason", equalTo(Reason.CLOCK_SKEW_SUSPECTED.code()));
        assertEquals(1, emulator.accessTokenRequestCount() - before);
    }
}
