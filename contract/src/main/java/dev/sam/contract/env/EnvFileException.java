package dev.sam.contract.env;

/** A static env file, or a value meant for one, that does not follow the format. */
public final class EnvFileException extends IllegalArgumentException {
    private final int line;

    public EnvFileException(int line, String message) {
        super(line > 0 ? "line " + line + ": " + message : message);
        this.line = line;
    }

    /** 1-based line of the problem, or 0 when it is not about a line (writing). */
    public int line() {
        return line;
    }
}
