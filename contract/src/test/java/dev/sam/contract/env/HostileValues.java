package dev.sam.contract.env;

import java.util.List;

/** The values every format must carry unchanged; the shell tests in bootstrap use the same table. */
public final class HostileValues {
    /** A 520-character token in the long new format: dots and underscores. */
    public static final String LONG_TOKEN = "ghs_" + "Ab1_.".repeat(103) + "z";

    public static final List<String> ALL = List.of(
            "it's",
            "a\"b",
            "$HOME",
            "`touch CANARY`",
            "$(touch CANARY)",
            "back\\slash",
            "trailing space ",
            " leading space",
            "#hash",
            "a=b",
            "carriage\rreturn",
            "line\nfeed",
            "x".repeat(64 * 1024),
            "non-ASCII: é ü 日本語 🚀",
            LONG_TOKEN);

    private HostileValues() {
    }
}
