package dev.rolecall.dialoglogs;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import java.util.ArrayList;
import java.util.List;

/**
 * An account's rules, compiled once per export: each replaces every match of its pattern, in order.
 * RE2/J runs in time linear in the text, so no pattern can run away on a crafted log.
 */
public final class Obfuscation {
  public static final Obfuscation NONE = new Obfuscation(List.of(), List.of());

  private final List<Pattern> patterns;
  private final List<String> replacements;

  private Obfuscation(List<Pattern> patterns, List<String> replacements) {
    this.patterns = patterns;
    this.replacements = replacements;
  }

  /** Compiles every rule, or fails with a 400 naming each pattern that does not compile. */
  public static Obfuscation compile(List<ObfuscationRule> rules) {
    List<Pattern> patterns = new ArrayList<>(rules.size());
    List<String> replacements = new ArrayList<>(rules.size());
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      ObfuscationRule rule = rules.get(i);
      try {
        patterns.add(Pattern.compile(rule.pattern()));
        replacements.add(Matcher.quoteReplacement(rule.replacement()));
      } catch (PatternSyntaxException e) {
        errors.add(new Problem.FieldError("/rules/" + i + "/pattern", null, "pattern",
            "Rule " + i + ": not an RE2 regular expression: " + e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.of(400, "validation", "Invalid obfuscation rule",
          errors.size() == 1 ? errors.get(0).detail() : errors.size() + " patterns do not compile.")
          .withErrors(errors));
    }
    return new Obfuscation(List.copyOf(patterns), List.copyOf(replacements));
  }

  public String apply(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (int i = 0; i < patterns.size(); i++) {
      result = patterns.get(i).matcher(result).replaceAll(replacements.get(i));
    }
    return result;
  }
}
