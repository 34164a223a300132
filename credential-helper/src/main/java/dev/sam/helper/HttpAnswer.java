package dev.sam.helper;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP answer: status, headers with lower-case names, and the body. */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {
    public String header(String lowerCaseName) {
        return headers.get(lowerCaseName);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
