package dev.sam.emulator;

/** A repository an installation can reach. Ids are stable per full name for the emulator's lifetime. */
record Repository(long id, String owner, String name, boolean isPrivate) {

    static Repository parse(long id, String fullName, boolean isPrivate) {
        int slash = fullName == null ? -1 : fullName.indexOf('/');
        if (slash <= 0 || slash == fullName.length() - 1 || fullName.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("repository must be a full name owner/name, got: " + fullName);
        }
        return new Repository(id, fullName.substring(0, slash), fullName.substring(slash + 1), isPrivate);
    }

    String fullName() {
        return owner + "/" + name;
    }
}
