package dev.sam.agent.session;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Calls the {@code StubControlPlane} that the test resource started, by reflection: that instance may
 * belong to another class loader (Quarkus starts test resources before the test class is loaded
 * into its own), so a cast would fail even though the class has the same name.
 */
public final class StubBridge {
    private final Object stub;

    StubBridge(Object stub) {
        if (stub == null) {
            throw new IllegalStateException("the session test resource has not started");
        }
        this.stub = stub;
    }

    public String jwt(String audience, String subject, Duration ttl, Map<String, Object> extra) {
        return (String) call("jwt", new Class<?>[] { String.class, String.class, Duration.class, Map.class }, audience, subject, ttl, extra);
    }

    public String url() {
        return (String) call("url", new Class<?>[0]);
    }

    public String callbackToken(String workspaceId) {
        return (String) call("callbackToken", new Class<?>[] { String.class }, workspaceId);
    }

    @SuppressWarnings("unchecked")
    public List<String> tokensIssued(String workspaceId) {
        return (List<String>) call("tokensIssued", new Class<?>[] { String.class }, workspaceId);
    }

    private Object call(String name, Class<?>[] types, Object... args) {
        try {
            return stub.getClass().getMethod(name, types).invoke(stub, args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call StubControlPlane." + name, e);
        }
    }
}
