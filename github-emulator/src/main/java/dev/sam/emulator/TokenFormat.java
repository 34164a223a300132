package dev.sam.emulator;

/** Shape of minted installation tokens. */
public enum TokenFormat {
    /** {@code ghs_} followed by 36 alphanumerics: 40 characters, the format GitHub used for years. */
    CLASSIC,
    /**
     * GitHub's stateless format ({@code ghs_APPID_JWT}, rolled out from April 2026): hundreds of
     * characters containing dots, underscores and dashes. Clients that assume 40 characters break on it.
     */
    LONG
}
