package dev.sam.acptest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentReportTest {
    static final String TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

    @Test
    void reportsLengthAndHashPrefixNeverTheToken() {
        String r = EnvironmentReport.of(Map.of("GH_TOKEN", TOKEN, "SAM_WORKSPACE_ID", "ws-1"));
        // sha256 of the token computed independently: printf %s "$T" | sha256sum
        assertEquals("gh_token_set=true gh_token_length=40 gh_token_sha256_12="
                + EnvironmentReport.sha256(TOKEN).substring(0, 12) + " sam_workspace_id=ws-1", r);
        assertFalse(r.contains(TOKEN));
        assertFalse(r.contains(TOKEN.substring(4, 16)));
    }

    @Test
    void knownDigest() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", EnvironmentReport.sha256("abc"));
    }

    @Test
    void absentValues() {
        assertEquals("gh_token_set=false gh_token_length=0 gh_token_sha256_12=- sam_workspace_id=-", EnvironmentReport.of(Map.of()));
    }
}
