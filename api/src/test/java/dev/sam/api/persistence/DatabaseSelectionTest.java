package dev.sam.api.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.sam.api.GitHubEmulatorTestResource;

/** The one artifact really talks to the database SAM_DB_URL chose: PostgreSQL in the CI run, H2 otherwise. */
@QuarkusTest
@WithTestResource(GitHubEmulatorTestResource.class)
class DatabaseSelectionTest {
    @Inject
    Session session;

    @Test
    @Transactional
    void activeDatabaseFollowsSamDbUrl() {
        String url = System.getenv("SAM_DB_URL");
        String expected = url != null && url.startsWith("jdbc:postgresql:") ? "PostgreSQL" : "H2";
        String product = session.doReturningWork(c -> c.getMetaData().getDatabaseProductName());
        assertEquals(expected, product);
        // Flyway ran on it: the schema is there.
        assertEquals(Long.valueOf(0), session.createNativeQuery(
                "select count(*) from workspace where id = 'ws-none'", Long.class).getSingleResult());
    }
}
