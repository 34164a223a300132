package dev.sam.emulator.git;

import java.util.Optional;

/** Answers what a presented token may do right now: empty when it is unknown, expired, revoked or its installation is suspended. */
@FunctionalInterface
public interface GitTokenCheck {
    Optional<GitGrant> grant(String token);
}
