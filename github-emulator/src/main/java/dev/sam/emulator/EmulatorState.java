package dev.sam.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Clock;

/** Everything one emulator instance knows, wired once and shared by its HTTP handlers and Java API. */
final class EmulatorState {
    private final EmulatorClock clock = new EmulatorClock(Clock.systemUTC());
    private final InstallationRegistry registry = new InstallationRegistry();
    private final TokenLedger ledger = new TokenLedger();
    private final TokenMinter minter = new TokenMinter();
    private final FaultQueue faults = new FaultQueue();
    private final AppJwtVerifier jwtVerifier;
    private final AccessTokenIssuer issuer;

    EmulatorState(ObjectMapper json) {
        this.jwtVerifier = new AppJwtVerifier(registry, clock, json);
        this.issuer = new AccessTokenIssuer(registry, ledger, minter, clock);
    }

    EmulatorClock clock() {
        return clock;
    }

    InstallationRegistry registry() {
        return registry;
    }

    TokenLedger ledger() {
        return ledger;
    }

    TokenMinter minter() {
        return minter;
    }

    FaultQueue faults() {
        return faults;
    }

    AppJwtVerifier jwtVerifier() {
        return jwtVerifier;
    }

    AccessTokenIssuer issuer() {
        return issuer;
    }
}
