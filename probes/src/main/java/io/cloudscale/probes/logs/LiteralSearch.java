package io.cloudscale.probes.logs;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * Aho-Corasick automaton over bytes: finds every one of a set of ASCII literals in one pass over a
 * line, whatever their number, ignoring ASCII case (a superset of what case-sensitive patterns
 * accept; the patterns themselves decide). Bytes outside ASCII never belong to a literal, so UTF-8
 * text and the chars of a decoded line meet the same automaton.
 */
final class LiteralSearch {

    private static final int ALPHABET = 256;

    /** (state << 8 | byte) -> next state, or its complement when literals end in that state. */
    private final int[] next;
    /** Per state, the literals (bit i = literal i) ending there, its suffixes' included. */
    private final long[][] ending;
    private final int words;

    LiteralSearch(List<String> literals) {
        words = Math.max(1, (literals.size() + 63) / 64);
        int capacity = 1 + literals.stream().mapToInt(String::length).sum();
        int[] trie = new int[capacity * ALPHABET];
        Arrays.fill(trie, -1);
        long[][] out = new long[capacity][words];
        int states = 1;
        for (int id = 0; id < literals.size(); id++) {
            int state = 0;
            for (char c : literals.get(id).toCharArray()) {
                if (c >= 0x80) {
                    throw new IllegalArgumentException("not ASCII: " + literals.get(id));
                }
                int slot = state * ALPHABET + fold(c);
                if (trie[slot] < 0) {
                    trie[slot] = states++;
                }
                state = trie[slot];
            }
            out[state][id >>> 6] |= 1L << id;
        }
        // Breadth first, so a state's failure state is complete before the state itself. Upper-case
        // bytes take the transitions of their lower-case letter; each is read before it is rewritten.
        int[] failure = new int[states];
        Deque<Integer> queue = new ArrayDeque<>();
        for (int b = 0; b < ALPHABET; b++) {
            int child = trie[fold(b)];
            trie[b] = Math.max(child, 0);
            if (child > 0 && b == fold(b)) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int w = 0; w < words; w++) {
                out[state][w] |= out[failure[state]][w];
            }
            for (int b = 0; b < ALPHABET; b++) {
                int child = trie[state * ALPHABET + fold(b)];
                if (child < 0) {
                    trie[state * ALPHABET + b] = trie[failure[state] * ALPHABET + fold(b)];
                } else {
                    trie[state * ALPHABET + b] = child;
                    if (b == fold(b)) {
                        failure[child] = trie[failure[state] * ALPHABET + b];
                        queue.add(child);
                    }
                }
            }
        }
        next = new int[states * ALPHABET];
        ending = Arrays.copyOf(out, states);
        for (int slot = 0; slot < next.length; slot++) {
            int target = trie[slot];
            next[slot] = isZero(ending[target]) ? target : ~target;
        }
    }

    /** Words of the literal sets {@link #step} fills. */
    int words() {
        return words;
    }

    /**
     * Runs {@code bytes[from, to)} through the automaton from {@code state} (0: a line's start), adds
     * to {@code found} the literals that end in them and returns the state reached.
     */
    int search(byte[] bytes, int from, int to, int state, long[] found) {
        int[] next = this.next;
        for (int i = from; i < to; i++) {
            state = next[state << 8 | (bytes[i] & 0xff)];
            if (state < 0) {
                state = ~state;
                add(found, ending[state]);
            }
        }
        return state;
    }

    /** Runs a decoded line through the automaton from the start state. */
    void search(CharSequence line, long[] found) {
        int state = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            state = next[state << 8 | (c < 0x80 ? c : 0x80)];
            if (state < 0) {
                state = ~state;
                add(found, ending[state]);
            }
        }
    }

    private void add(long[] found, long[] ends) {
        for (int w = 0; w < words; w++) {
            found[w] |= ends[w];
        }
    }

    private static int fold(int b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }

    private static boolean isZero(long[] set) {
        for (long word : set) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }
}
