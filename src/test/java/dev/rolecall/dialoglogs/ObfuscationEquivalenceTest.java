package dev.rolecall.dialoglogs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The export skips a rule on texts that cannot contain a match (RunFilter); a wrong skip would hand
 * out a card number unmasked. So the fast path must give exactly what plain ordered replaceAll gives,
 * over many generated rules and texts (a fixed seed: a failure replays).
 */
class ObfuscationEquivalenceTest {
  private static final String[] ATOMS = {"\\d", "[0-9]", "[0-9 -]", "[ ()+-]", "[a-c]", "[-a]", "[a-]", "x", "-",
      " ", "\\.", "\\+", "\\(", "[^0-9]", ".", "(?i)a", "\\b", "^", "$", "(ab|c)", "é", "\\w", "[\\d.]"};
  private static final String[] REPEATS = {"", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "??", "+?", "{0}"};
  private static final String TEXT_CHARS = "0123456789 -()+.abcxXé\n\t";

  @Test
  void skippingRulesThatCannotMatchChangesNoOutput() {
    Random random = new Random(20261123);
    int compared = 0;
    for (int ruleSet = 0; ruleSet < 3000; ruleSet++) {
      List<ObfuscationRule> rules = List.of(rule(random), rule(random));
      if (!compiles(rules)) {
        continue;
      }
      Obfuscation fast = Obfuscation.compile(rules);
      for (int t = 0; t < 40; t++) {
        String text = text(random);
        assertThat(fast.apply(text)).as("rules %s on %s", rules, text).isEqualTo(plain(rules, text));
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(50_000);
  }

  @Test
  void aRuleMatchingEmptyTextIsRefused() {
    assertThatThrownBy(() -> Obfuscation.compile(List.of(new ObfuscationRule("x*", "[x]", null))))
        .isInstanceOf(dev.rolecall.http.ProblemException.class).hasMessageContaining("empty text");
  }

  @Test
  void theDemoRulesMaskCardsAndPhonesInRealisticText() {
    List<ObfuscationRule> rules = List.of(
        new ObfuscationRule("\\b\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}\\b", "[card]", null),
        new ObfuscationRule("\\+?\\d[\\d ()-]{8,}\\d", "[phone]", null));
    String text = "Pay with 4111 1111 1111 1111 or call +1 (555) 010-9999, order 42.";

    assertThat(Obfuscation.compile(rules).apply(text)).isEqualTo(plain(rules, text))
        .doesNotContain("4111").doesNotContain("555");
  }

  private static ObfuscationRule rule(Random random) {
    StringBuilder pattern = new StringBuilder();
    int atoms = 1 + random.nextInt(4);
    for (int i = 0; i < atoms; i++) {
      pattern.append(ATOMS[random.nextInt(ATOMS.length)]).append(REPEATS[random.nextInt(REPEATS.length)]);
    }
    return new ObfuscationRule(pattern.toString(), "<" + random.nextInt(10) + ">", null);
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      text.append(TEXT_CHARS.charAt(random.nextInt(TEXT_CHARS.length())));
    }
    return text.toString();
  }

  /** Rules the service accepts: RE2 patterns that do not match empty text. */
  private static boolean compiles(List<ObfuscationRule> rules) {
    try {
      return rules.stream().noneMatch(rule -> Pattern.compile(rule.pattern()).matcher("").find());
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static String plain(List<ObfuscationRule> rules, String text) {
    String result = text;
    for (ObfuscationRule rule : rules) {
      result = Pattern.compile(rule.pattern()).matcher(result).replaceAll(Matcher.quoteReplacement(rule.replacement()));
    }
    return result;
  }
}
