package dev.sam.bootstrap.plan;

import java.util.Objects;

/** One system git config line, e.g. {@code credential.https://github.com.helper = sam}. */
public record GitConfigEntry(String section, String subsection, String name, String value) {
    public GitConfigEntry {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The key as {@code git config --list} prints it. */
    public String key() {
        return subsection == null ? section + "." + name : section + "." + subsection + "." + name;
    }
}
