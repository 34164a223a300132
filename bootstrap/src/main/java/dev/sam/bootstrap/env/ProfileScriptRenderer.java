package dev.sam.bootstrap.env;

import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.workspace.HelperConfigKeys;
import dev.sam.contract.workspace.WorkspacePaths;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders {@code /etc/sam/profile.sh}: POSIX sh that every shell hook sources. It prints
 * nothing, can be sourced any number of times, and survives {@code set -eu}. {@code /etc/profile}
 * reaches it through {@link #stub()} in {@code /etc/profile.d}.
 *
 * <p>Token policy (docs/formats.md, F-07): {@code GH_TOKEN} is set from the file unless it already
 * holds a value that SAM did not put there ({@code SAM_GH_TOKEN_SOURCE} is not {@code sam}). If it
 * is still empty afterwards, the script asks {@code git credential fill} (the SAM helper) under a
 * hard 3 s bound, with every prompt disabled.
 */
public final class ProfileScriptRenderer {
    /** Hard bound on the fallback's {@code git credential fill}, in seconds. */
    public static final int FALLBACK_TIMEOUT_SECONDS = 3;

    private ProfileScriptRenderer() {
    }

    public static byte[] render(EnvValues values) {
        String gh = EnvNames.GH_TOKEN;
        String source = TokenEnvNames.GH_TOKEN_SOURCE;
        String sam = TokenEnvNames.SOURCE_SAM;
        StringBuilder s = new StringBuilder();
        s.append("# ").append(WorkspacePaths.PROFILE_SCRIPT).append(": written by SAM, replaced whole on every token refresh.\n");
        s.append("# POSIX sh; silent; harmless to source twice. Policy and format: SAM docs/formats.md.\n");
        for (Map.Entry<String, String> e : values.plain().entrySet()) {
            assign(s, "", e.getKey(), e.getValue());
            s.append("export ").append(e.getKey()).append('\n');
        }
        // A GH_TOKEN that SAM did not set (no marker) belongs to the user and is kept.
        s.append("if [ -z \"${").append(gh).append("-}\" ] || [ \"${").append(source).append("-}\" = ").append(sam)
                .append(" ]; then\n");
        if (values.token().isEmpty()) {
            s.append("  unset ").append(gh).append(' ').append(TokenEnvNames.GH_TOKEN_EXPIRES_AT).append(' ')
                    .append(source).append('\n');
        } else {
            for (Map.Entry<String, String> e : values.token().entrySet()) {
                assign(s, "  ", e.getKey(), e.getValue());
            }
            s.append("  export ").append(String.join(" ", values.token().keySet())).append('\n');
        }
        s.append("fi\n");
        appendFallback(s, gh, source, sam);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@code /etc/profile.d/sam-env.sh}: the same bytes for every workspace and every token, so a
     * runtime may bind it as a single file (a running sandbox never sees such a file replaced). It
     * sources the live script when readable: silent, status 0, harmless under {@code set -eu}, and
     * quiet for users outside the workspace group ({@code sudo -u other}).
     */
    public static byte[] stub() {
        String p = WorkspacePaths.PROFILE_SCRIPT;
        return ("# " + WorkspacePaths.PROFILE_STUB + ": written by SAM, never changes. The values live in " + p + ",\n"
                + "# which is replaced on every token refresh. Policy and format: SAM docs/formats.md.\n"
                + "if [ -r " + p + " ]; then . " + p + "; fi\n").getBytes(StandardCharsets.UTF_8);
    }

    private static void assign(StringBuilder s, String indent, String name, String value) {
        s.append(indent).append(name).append('=').append(PosixQuote.quote(value)).append('\n');
    }

    /*
     * The answer goes through a temporary file, not a pipe: a helper stuck behind git would hold a
     * pipe open and keep $( ) waiting past any timeout. With coreutils' timeout the whole process
     * group is killed at the bound; without it (busybox-less dash images) a watchdog kills git.
     * Everything runs inside $( ), so job control never prints "[1] Done" in interactive shells.
     */
    private static void appendFallback(StringBuilder s, String gh, String source, String sam) {
        String request = "protocol=https\\nhost=" + HelperConfigKeys.GITHUB_HOST + "\\n\\n";
        int t = FALLBACK_TIMEOUT_SECONDS;
        s.append("if [ -z \"${").append(gh).append("-}\" ]; then\n");
        s.append("  sam_pw=$(\n");
        s.append("    exec </dev/null 2>/dev/null\n");
        s.append("    GIT_TERMINAL_PROMPT=0 GIT_ASKPASS= SSH_ASKPASS= GCM_INTERACTIVE=never\n");
        s.append("    export GIT_TERMINAL_PROMPT GIT_ASKPASS SSH_ASKPASS GCM_INTERACTIVE\n");
        s.append("    sam_f=$(mktemp) || exit 0\n");
        s.append("    if command -v timeout >/dev/null; then\n");
        s.append("      printf '").append(request).append("' | timeout -s KILL ").append(t)
                .append(" git credential fill >\"$sam_f\" || :\n");
        s.append("    else\n");
        s.append("      printf '").append(request).append("' | git credential fill >\"$sam_f\" &\n");
        s.append("      sam_p=$!\n");
        s.append("      ( sleep ").append(t).append("; kill -9 \"$sam_p\" ) >/dev/null 2>&1 &\n");
        s.append("      sam_w=$!\n");
        s.append("      wait \"$sam_p\" || :\n");
        s.append("      kill \"$sam_w\" || :\n");
        s.append("    fi\n");
        s.append("    while IFS= read -r sam_l; do\n");
        s.append("      case $sam_l in password=*) printf '%s' \"${sam_l#password=}\"; break ;; esac\n");
        s.append("    done <\"$sam_f\"\n");
        s.append("    rm -f \"$sam_f\"\n");
        s.append("  )\n");
        s.append("  if [ -n \"$sam_pw\" ]; then\n");
        s.append("    ").append(gh).append("=$sam_pw\n");
        s.append("    ").append(source).append('=').append(sam).append('\n');
        s.append("    export ").append(gh).append(' ').append(source).append('\n');
        s.append("  fi\n");
        s.append("  unset sam_pw\n");
        s.append("fi\n");
    }
}
