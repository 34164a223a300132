package dev.sam.contract.pty;

/**
 * One message of the terminal protocol, sent as a JSON text frame with only the fields its type uses:
 * <pre>
 * client to agent  {"type":"input","data":"ls\r"}        keystrokes, UTF-8 text
 *                  {"type":"resize","cols":120,"rows":40}
 * agent to client  {"type":"output","data":"..."}         terminal output, UTF-8 (a split sequence waits for its rest)
 *                  {"type":"exit","code":3}               the shell ended; the socket then closes with 1000
 * </pre>
 * Unknown types are ignored, so either side can add types later.
 */
public record PtyFrame(String type, String data, Integer cols, Integer rows, Integer code) {
    public static final String INPUT = "input";
    public static final String RESIZE = "resize";
    public static final String OUTPUT = "output";
    public static final String EXIT = "exit";

    public static PtyFrame input(String data) {
        return new PtyFrame(INPUT, data, null, null, null);
    }

    public static PtyFrame resize(int cols, int rows) {
        return new PtyFrame(RESIZE, null, cols, rows, null);
    }

    public static PtyFrame output(String data) {
        return new PtyFrame(OUTPUT, data, null, null, null);
    }

    public static PtyFrame exit(int code) {
        return new PtyFrame(EXIT, null, null, null, code);
    }
}
