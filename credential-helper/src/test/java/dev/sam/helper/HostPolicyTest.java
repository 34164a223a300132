package dev.sam.helper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sam.contract.credential.CredentialMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPolicyTest {
    private final HostPolicy policy = HostPolicy.of(List.of("GHE.example:8443"));

    private boolean allows(String protocol, String host) {
        return policy.allows(CredentialMessage.builder().add("protocol", protocol).add("host", host).build());
    }

    @Test
    void matchesWholeHostFieldNameCaseInsensitivelyPortExactly() {
        assertEquals(true, allows("https", "github.com"));
        assertEquals(true, allows("https", "GITHUB.COM"));
        assertEquals(true, allows("https", "ghe.example:8443"));
        assertEquals(false, allows("https", "ghe.example"));
        assertEquals(false, allows("https", "github.com:8443"));
        assertEquals(false, allows("https", "api.github.com"));
        assertEquals(false, allows("https", "github.com."));
        assertEquals(false, allows("http", "github.com"));
    }

    @Test
    void laterProtocolLineWinsAsInGit() {
        CredentialMessage m = CredentialMessage.builder().add("protocol", "https").add("host", "github.com").add("protocol", "http").build();
        assertEquals(false, policy.allows(m));
    }

    @Test
    void agentUrlParsing() throws HelperConfigException {
        assertEquals(new AgentEndpoint("http://127.0.0.1:9100/", "127.0.0.1", 9100, ""), AgentEndpoint.parse("http://127.0.0.1:9100/"));
        assertEquals(new AgentEndpoint("http://agent/base", "agent", 80, "/base"), AgentEndpoint.parse("http://agent/base"));
        assertEquals("[::1]:9100", AgentEndpoint.parse("http://[::1]:9100").hostHeader());
        assertThrows(HelperConfigException.class, () -> AgentEndpoint.parse("https://agent:9100"));
        assertThrows(HelperConfigException.class, () -> AgentEndpoint.parse("http://user:pw@agent:9100"));
        assertThrows(HelperConfigException.class, () -> AgentEndpoint.parse("http://agent:99999"));
    }

    @Test
    void flatJson() {
        assertEquals(java.util.Map.of("reason", "a\"b\n", "n", "3"), FlatJson.parse(" {\"reason\" : \"a\\\"b\\n\", \"n\":3, \"x\":null}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("{\"a\":{}}"));
        assertThrows(IllegalArgumentException.class, () -> FlatJson.parse("<html>"));
    }
}
