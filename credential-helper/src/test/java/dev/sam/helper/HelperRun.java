package dev.sam.helper;

import dev.sam.contract.workspace.HelperConfigKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine;

/** Runs the command line in-process with injected stdin and config, capturing stdout, stderr and the exit code. */
record HelperRun(int exitCode, String out, String err) {

    static HelperRun run(Path config, String stdin, String... args) {
        HelperContext context = new HelperContext(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), config);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new GitCredentialSam(), new HelperFactory(context))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new HelperRun(code, out.toString(), err.toString());
    }

    /** Writes a config for {@code agentUrl} and a 0600 credential file holding {@code credential}. */
    static Path config(Path dir, String agentUrl, String credential, String extraHosts) throws IOException {
        Path credentialFile = dir.resolve("workspace-credential");
        Files.writeString(credentialFile, credential);
        Files.setPosixFilePermissions(credentialFile, PosixFilePermissions.fromString("rw-------"));
        String text = HelperConfigKeys.AGENT_URL + "=" + agentUrl + "\n" + HelperConfigKeys.WORKSPACE_ID + "=ws-1\n"
                + HelperConfigKeys.CREDENTIAL_FILE + "=" + credentialFile + "\n"
                + (extraHosts == null ? "" : HelperConfigKeys.EXTRA_HOSTS + "=" + extraHosts + "\n");
        return Files.writeString(dir.resolve("git-credential-sam.conf"), text);
    }
}
