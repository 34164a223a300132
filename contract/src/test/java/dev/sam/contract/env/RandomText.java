package dev.sam.contract.env;

import java.util.Random;

/** Random strings of any code point but NUL, weighted towards the characters formats trip on. */
final class RandomText {
    private static final String NASTY = "\\\n\r'\"$`#= \t!*?~{}()[];&|<>";

    private RandomText() {
    }

    static String string(Random random, int length) {
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                b.append(NASTY.charAt(random.nextInt(NASTY.length())));
            } else if (kind == 1) {
                b.append((char) (0x01 + random.nextInt(0x7e)));
            } else {
                int cp;
                do {
                    cp = 1 + random.nextInt(Character.MAX_CODE_POINT);
                } while (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
                b.appendCodePoint(cp);
            }
        }
        return b.toString();
    }
}
