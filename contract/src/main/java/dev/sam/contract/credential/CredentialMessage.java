package dev.sam.contract.credential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One message of git's credential protocol (git-credential(1)): an ordered list of
 * {@code key=value} attributes. Keys ending in {@code []} ({@code capability[]}, {@code wwwauth[]})
 * may repeat; unknown keys are kept as they came.
 */
public final class CredentialMessage {
    public static final String PROTOCOL = "protocol";
    public static final String HOST = "host";
    public static final String PATH = "path";
    public static final String USERNAME = "username";
    public static final String PASSWORD = "password";
    public static final String PASSWORD_EXPIRY_UTC = "password_expiry_utc";
    public static final String QUIT = "quit";
    public static final String CAPABILITY = "capability[]";
    public static final String WWWAUTH = "wwwauth[]";

    /** One attribute line. */
    public record Attribute(String key, String value) {
        public Attribute {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Attribute> attributes;

    private CredentialMessage(List<Attribute> attributes) {
        this.attributes = Collections.unmodifiableList(new ArrayList<>(attributes));
    }

    public static CredentialMessage of(List<Attribute> attributes) {
        return new CredentialMessage(attributes);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public boolean isEmpty() {
        return attributes.isEmpty();
    }

    /** The last value given for {@code key} (git lets a later line override an earlier one). */
    public Optional<String> get(String key) {
        String found = null;
        for (Attribute a : attributes) {
            if (a.key().equals(key)) {
                found = a.value();
            }
        }
        return Optional.ofNullable(found);
    }

    /** Every value of a repeatable key such as {@code capability[]}, in order. */
    public List<String> getAll(String key) {
        List<String> values = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.key().equals(key)) {
                values.add(a.value());
            }
        }
        return values;
    }

    public Optional<String> protocol() {
        return get(PROTOCOL);
    }

    public Optional<String> host() {
        return get(HOST);
    }

    public Optional<String> path() {
        return get(PATH);
    }

    public Optional<String> username() {
        return get(USERNAME);
    }

    public Optional<String> password() {
        return get(PASSWORD);
    }

    /** Unix seconds; empty when absent or not a number. */
    public OptionalLong passwordExpiryUtc() {
        Optional<String> v = get(PASSWORD_EXPIRY_UTC);
        if (v.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** git treats {@code quit=1} and {@code quit=true} as "stop asking helpers". */
    public boolean quit() {
        return get(QUIT).map(v -> v.equals("1") || v.equalsIgnoreCase("true")).orElse(false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialMessage m && m.attributes.equals(attributes);
    }

    @Override
    public int hashCode() {
        return attributes.hashCode();
    }

    /** Lists keys only: a message may hold a password. */
    @Override
    public String toString() {
        List<String> keys = new ArrayList<>();
        for (Attribute a : attributes) {
            keys.add(a.key());
        }
        return "CredentialMessage" + keys;
    }

    public static final class Builder {
        private final List<Attribute> attributes = new ArrayList<>();

        public Builder add(String key, String value) {
            attributes.add(new Attribute(key, value));
            return this;
        }

        public Builder add(String key, long value) {
            return add(key, Long.toString(value));
        }

        public CredentialMessage build() {
            return new CredentialMessage(attributes);
        }
    }
}
