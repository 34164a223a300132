package dev.sam.contract.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.sam.contract.env.HostileValues;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void redactsClassicAndLongNewFormatTokensAndJwts() {
        String classic = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3cyJ9.c2lnbmF0dXJl";
        String line = "token " + classic + " long " + HostileValues.LONG_TOKEN + " jwt " + jwt + " pat github_pat_11ABCDEFG0123456789_abcdef end";
        assertEquals("token [REDACTED] long [REDACTED] jwt [REDACTED] pat [REDACTED] end", Redactor.redact(line));
    }

    @Test
    void redactsEveryPrefix() {
        for (String p : new String[] {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) {
            assertFalse(Redactor.redact("x " + p + "a".repeat(36)).contains(p), p);
        }
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "workspace ws-1 ready; ghost_town ghs_short eyJ";
        assertEquals(text, Redactor.redact(text));
    }
}
