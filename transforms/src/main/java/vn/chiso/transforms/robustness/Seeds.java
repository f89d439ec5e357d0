package vn.chiso.transforms.robustness;

import java.nio.charset.StandardCharsets;

/**
 * Seeds derived from names, so every random stream depends only on (seed, what, draw) and never on
 * which executor or partition runs it: the same lake and seed give the same intervals anywhere.
 */
public final class Seeds {

    private Seeds() {}

    /** SplitMix64's finaliser: a well-mixed 64-bit value. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a of the UTF-8 text: stable across JVMs (unlike identity hashes). */
    public static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    public static long of(long seed, String what, long draw) {
        return mix(mix(seed ^ hash(what)) + draw * 0x9e3779b97f4a7c15L);
    }
}
