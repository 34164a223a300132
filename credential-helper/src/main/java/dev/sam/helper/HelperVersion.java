package dev.sam.helper;

import picocli.CommandLine;

/** The version from the jar's manifest ({@code Implementation-Version}), "dev" when run from classes. */
public final class HelperVersion implements CommandLine.IVersionProvider {
    public static String version() {
        String v = GitCredentialSam.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"git-credential-sam " + version()};
    }
}
