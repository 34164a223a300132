package dev.sam.bootstrap.env;

import dev.sam.bootstrap.BootstrapException;
import dev.sam.bootstrap.WorkspaceBootstrap;
import dev.sam.contract.bootstrap.TokenEnvNames;
import dev.sam.contract.env.EnvFile;
import dev.sam.contract.env.EnvFileException;
import dev.sam.contract.env.EnvNames;
import dev.sam.contract.error.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a workspace's env files carry, split into the token group (set under the token
 * policy) and the plain group (always set). Empty values are left out. The env file and the
 * profile script are both rendered from here, so they cannot disagree.
 */
public final class EnvValues {
    /** Names an extra value may not take: they change how shells or the loader behave. */
    private static final Set<String> FORBIDDEN_EXTRA = Set.of(
            "PATH", "HOME", "IFS", "ENV", "BASH_ENV", "SHELLOPTS", "BASHOPTS", "PS4", "CDPATH", "SHELL", "USER");

    private final Map<String, String> token;
    private final Map<String, String> plain;

    private EnvValues(Map<String, String> token, Map<String, String> plain) {
        this.token = Collections.unmodifiableMap(token);
        this.plain = Collections.unmodifiableMap(plain);
    }

    public static EnvValues of(WorkspaceBootstrap w) {
        Map<String, String> token = new LinkedHashMap<>();
        w.ghToken().ifPresent(t -> {
            token.put(EnvNames.GH_TOKEN, t);
            w.tokenExpiresAt().ifPresent(e -> token.put(TokenEnvNames.GH_TOKEN_EXPIRES_AT, e.toString()));
            token.put(TokenEnvNames.GH_TOKEN_SOURCE, TokenEnvNames.SOURCE_SAM);
        });
        Map<String, String> plain = new LinkedHashMap<>();
        putIfPresent(plain, EnvNames.SAM_API_URL, w.apiUrl());
        putIfPresent(plain, EnvNames.SAM_BRANCH, w.branch());
        putIfPresent(plain, EnvNames.SAM_NODE_ID, w.nodeId());
        putIfPresent(plain, EnvNames.SAM_REPOSITORY, w.repository());
        putIfPresent(plain, EnvNames.SAM_WORKSPACE_ID, w.workspaceId());
        putIfPresent(plain, EnvNames.SAM_WORKSPACE_URL, w.workspaceUrl());
        putExtras(plain, w.extraEnv());
        EnvValues values = new EnvValues(token, plain);
        checkWritable(values.all());
        return values;
    }

    /**
     * The checks {@link #of} makes of what a workspace request brings (extra names; extra values,
     * repository and branch that the env file can carry), for a caller that refuses such a request
     * before it makes anything.
     */
    public static void checkRequest(Map<String, String> extraEnv, String repository, String branch) {
        Map<String, String> values = new LinkedHashMap<>();
        putIfPresent(values, EnvNames.SAM_REPOSITORY, repository);
        putIfPresent(values, EnvNames.SAM_BRANCH, branch);
        putExtras(values, extraEnv);
        checkWritable(values);
    }

    private static void putExtras(Map<String, String> values, Map<String, String> extraEnv) {
        for (Map.Entry<String, String> e : extraEnv.entrySet()) {
            checkExtraKey(e.getKey());
            putIfPresent(values, e.getKey(), e.getValue());
        }
    }

    private static void checkWritable(Map<String, String> values) {
        try {
            EnvFile.write(values); // the writer's checks (NUL, lone surrogates) hold for the shell too
        } catch (EnvFileException e) {
            throw new BootstrapException(Reason.INVALID_REQUEST, "env value not representable: " + e.getMessage());
        }
    }

    private static void checkExtraKey(String key) {
        if (!EnvFile.isValidKey(key)) {
            throw new BootstrapException(Reason.INVALID_REQUEST, "extra env name must match [A-Z_][A-Z0-9_]*");
        }
        if (EnvNames.ALL.contains(key) || key.equals(TokenEnvNames.GH_TOKEN_SOURCE)
                || key.equals(TokenEnvNames.GH_TOKEN_EXPIRES_AT)) {
            throw new BootstrapException(Reason.INVALID_REQUEST, "extra env name " + key + " is SAM's own");
        }
        if (FORBIDDEN_EXTRA.contains(key) || key.startsWith("LD_")) {
            throw new BootstrapException(Reason.INVALID_REQUEST, "extra env name " + key + " is not allowed");
        }
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isEmpty()) {
            map.put(key, value);
        }
    }

    /** GH_TOKEN, its expiry and source marker; empty when there is no token yet. */
    public Map<String, String> token() {
        return token;
    }

    /** SAM_* values and extras. */
    public Map<String, String> plain() {
        return plain;
    }

    /** Token group first, then the plain group: the content of {@code /etc/sam/env}. */
    public Map<String, String> all() {
        Map<String, String> all = new LinkedHashMap<>(token);
        all.putAll(plain);
        return all;
    }

    /** Every name the profile script may export, token names included even without a token. */
    public List<String> exportedNames() {
        List<String> names = new ArrayList<>(List.of(
                EnvNames.GH_TOKEN, TokenEnvNames.GH_TOKEN_EXPIRES_AT, TokenEnvNames.GH_TOKEN_SOURCE));
        names.addAll(plain.keySet());
        return names;
    }
}
