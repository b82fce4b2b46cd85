package dev.rolecall.dialoglogs;

/**
 * A cheap necessary condition for an RE2 pattern to match: the text holds a run of at least
 * {@link #length} consecutive characters, all from an ASCII set. Derived only for patterns that are a
 * plain sequence of literals, {@code \d} and simple bracket classes, each optionally repeated
 * ({@code ? * + {n} {n,} {n,m}}, greedy or lazy): every match of such a pattern is then made of
 * characters from the union of the items' sets, and is at least the sum of their minimum counts long.
 * Anything else (groups, alternation, {@code .}, anchors, flags, negated or POSIX classes, other
 * escapes, non-ASCII characters) gives no filter, and the rule always runs: when in doubt, no shortcut.
 */
final class RunFilter {
  private final boolean[] set;
  private final int length;

  private RunFilter(boolean[] set, int length) {
    this.set = set;
    this.length = length;
  }

  /** The filter for a pattern that compiled under RE2's default flags, or null when none is proved. */
  static RunFilter of(String pattern) {
    boolean[] union = new boolean[128];
    long minimum = 0;
    int i = 0;
    int n = pattern.length();
    while (i < n) {
      boolean[] item = new boolean[128];
      char c = pattern.charAt(i);
      if (c == '[') {
        i = bracket(pattern, i + 1, item);
        if (i < 0) {
          return null;
        }
      } else if (c == '\\') {
        if (i + 1 >= n || !escape(pattern.charAt(i + 1), item)) {
          return null;
        }
        i += 2;
      } else if (c < 128 && ".+*?()|[]{}^$".indexOf(c) < 0) {
        item[c] = true;
        i++;
      } else {
        return null;
      }
      // The item's repeat, if any.
      long min = 1;
      if (i < n) {
        char q = pattern.charAt(i);
        if (q == '?' || q == '*') {
          min = 0;
          i++;
        } else if (q == '+') {
          i++;
        } else if (q == '{') {
          int close = pattern.indexOf('}', i);
          if (close < 0) {
            return null;
          }
          String body = pattern.substring(i + 1, close);
          int comma = body.indexOf(',');
          String low = comma < 0 ? body : body.substring(0, comma);
          if (low.isEmpty() || low.length() > 4 || !low.chars().allMatch(d -> d >= '0' && d <= '9')
              || (comma >= 0 && !body.substring(comma + 1).chars().allMatch(d -> d >= '0' && d <= '9'))) {
            return null; // not a repeat RE2 reads the way we think: no shortcut
          }
          min = Integer.parseInt(low);
          i = close + 1;
        }
        if (i < n && pattern.charAt(i) == '?' && "?*+{".indexOf(q) >= 0) {
          i++; // the lazy form of the repeat just read matches the same strings
        }
        if (i < n && "?*+{".indexOf(pattern.charAt(i)) >= 0) {
          return null; // a repeat of a repeat: not in our subset
        }
      }
      for (int k = 0; k < 128; k++) {
        union[k] |= item[k];
      }
      minimum += min;
    }
    return minimum <= 0 ? null : new RunFilter(union, (int) Math.min(minimum, Integer.MAX_VALUE));
  }

  /** Reads a class after its '[' into set; the index after its ']', or -1 outside our subset. */
  private static int bracket(String p, int i, boolean[] set) {
    int n = p.length();
    if (i >= n || p.charAt(i) == '^' || p.charAt(i) == ']') {
      return -1;
    }
    while (i < n && p.charAt(i) != ']') {
      char c = p.charAt(i);
      int lo;
      if (c == '[') {
        return -1; // [:alpha:] and the like
      } else if (c == '\\') {
        if (i + 1 >= n) {
          return -1;
        }
        char e = p.charAt(i + 1);
        if (e == 'd') {
          set(set, '0', '9');
          i += 2;
          continue;
        }
        if (!punctuation(e)) {
          return -1;
        }
        lo = e;
        i += 2;
      } else if (c < 128) {
        lo = c;
        i++;
      } else {
        return -1;
      }
      if (i + 1 < n && p.charAt(i) == '-' && p.charAt(i + 1) != ']') {
        char h = p.charAt(i + 1);
        int hi;
        if (h == '\\') {
          if (i + 2 >= n || !punctuation(p.charAt(i + 2))) {
            return -1;
          }
          hi = p.charAt(i + 2);
          i += 3;
        } else if (h < 128 && h != '[') {
          hi = h;
          i += 2;
        } else {
          return -1;
        }
        if (hi < lo) {
          return -1;
        }
        set(set, lo, hi);
      } else {
        set[lo] = true;
      }
    }
    return i < n ? i + 1 : -1;
  }

  private static boolean escape(char e, boolean[] set) {
    if (e == 'd') {
      set(set, '0', '9');
      return true;
    }
    if (punctuation(e)) {
      set[e] = true;
      return true;
    }
    return false;
  }

  /** ASCII punctuation, which RE2 reads escaped as itself. */
  private static boolean punctuation(char c) {
    return c < 128 && c > ' ' && !Character.isLetterOrDigit(c) && c != 127;
  }

  private static void set(boolean[] set, int lo, int hi) {
    for (int k = lo; k <= hi; k++) {
      set[k] = true;
    }
  }

  /** Whether text holds a run of {@link #length} characters from the set: false proves no match. */
  boolean mayMatch(String text) {
    int run = 0;
    boolean[] s = set;
    int need = length;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c < 128 && s[c]) {
        if (++run >= need) {
          return true;
        }
      } else {
        run = 0;
      }
    }
    return false;
  }
}
