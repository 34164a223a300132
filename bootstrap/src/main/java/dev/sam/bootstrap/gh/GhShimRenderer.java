package dev.sam.bootstrap.gh;

import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.session.GhShimPaths;
import dev.sam.contract.workspace.HelperConfigKeys;
import java.nio.charset.StandardCharsets;

/**
 * Renders {@code /usr/local/bin/gh}: runs the real {@code gh} with a live token from the credential
 * helper whenever the inherited {@code GH_TOKEN} is SAM's ({@code SAM_GH_TOKEN_SOURCE=sam}) or empty,
 * and leaves a user's own token alone (F-07). One helper round trip per call, bounded, silent; the
 * token reaches the real {@code gh} through the environment only ({@code printf} is a shell builtin,
 * so it is never in any process's argv). When the helper has no answer the inherited value is kept.
 */
public final class GhShimRenderer {
    /** Hard bound on the helper round trip, in seconds. */
    public static final int TIMEOUT_SECONDS = 5;

    private GhShimRenderer() {
    }

    public static byte[] render() {
        return render(GhShimPaths.REAL_GH);
    }

    /** {@code realGh}: absolute path of the real binary (tests point it at a stand-in). */
    public static byte[] render(String realGh) {
        if (!realGh.startsWith("/") || realGh.chars().anyMatch(c -> c <= ' ' || c == '\'' || c == '"' || c == '\\' || c == '$' || c == '`')) {
            throw new IllegalArgumentException("the real gh must be a plain absolute path: " + realGh);
        }
        String gh = EnvNames.GH_TOKEN;
        String source = TokenEnvNames.GH_TOKEN_SOURCE;
        String sam = TokenEnvNames.SOURCE_SAM;
        String request = "protocol=https\\nhost=" + HelperConfigKeys.GITHUB_HOST + "\\n\\n";
        int t = TIMEOUT_SECONDS;
        String s = "#!/bin/sh\n"
                + "# " + GhShimPaths.SHIM + ": written by SAM. Runs " + realGh + " with a live " + gh + " from the credential\n"
                + "# helper unless the inherited one is the user's own (no " + source + "=" + sam + " marker). See docs/sessions.md.\n"
                + "if [ -z \"${" + gh + "-}\" ] || [ \"${" + source + "-}\" = " + sam + " ]; then\n"
                // Same shape as the profile script's fallback: answer through a 0600 temp file, never a pipe
                // a stuck helper could hold open; the whole thing inside $( ) so nothing is ever printed.
                + "  sam_pw=$(\n"
                + "    exec </dev/null 2>/dev/null\n"
                + "    GIT_TERMINAL_PROMPT=0 GIT_ASKPASS= SSH_ASKPASS= GCM_INTERACTIVE=never\n"
                + "    export GIT_TERMINAL_PROMPT GIT_ASKPASS SSH_ASKPASS GCM_INTERACTIVE\n"
                + "    sam_f=$(mktemp) || exit 0\n"
                + "    if command -v timeout >/dev/null; then\n"
                + "      printf '" + request + "' | timeout -s KILL " + t + " git credential fill >\"$sam_f\" || :\n"
                + "    else\n"
                + "      printf '" + request + "' | git credential fill >\"$sam_f\" &\n"
                + "      sam_p=$!\n"
                + "      ( sleep " + t + "; kill -9 \"$sam_p\" ) >/dev/null 2>&1 &\n"
                + "      sam_w=$!\n"
                + "      wait \"$sam_p\" || :\n"
                + "      kill \"$sam_w\" || :\n"
                + "    fi\n"
                + "    while IFS= read -r sam_l; do\n"
                + "      case $sam_l in password=*) printf '%s' \"${sam_l#password=}\"; break ;; esac\n"
                + "    done <\"$sam_f\"\n"
                + "    rm -f \"$sam_f\"\n"
                + "  )\n"
                + "  if [ -n \"$sam_pw\" ]; then\n"
                + "    " + gh + "=$sam_pw\n"
                + "    " + source + "=" + sam + "\n"
                + "    export " + gh + " " + source + "\n"
                + "  fi\n"
                + "  unset sam_pw\n"
                + "fi\n"
                + "exec " + realGh + " \"$@\"\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
