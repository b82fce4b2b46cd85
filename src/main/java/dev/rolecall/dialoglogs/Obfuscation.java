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
 *
 * <p>Most texts match no rule, so each rule first asks a {@link RunFilter} (a scan for a run of the
 * characters every match needs, when that can be proved from the pattern), then {@code find()}s, and
 * only on a hit builds a new string. Each rule keeps one {@link Matcher}, reset for every text: an
 * instance is for one export, used by one thread at a time.
 */
public final class Obfuscation {
  public static final Obfuscation NONE = new Obfuscation(List.of(), List.of(), List.of());

  private final List<Pattern> patterns;
  private final List<String> replacements;
  private final RunFilter[] filters;
  private final Matcher[] matchers;

  private Obfuscation(List<Pattern> patterns, List<String> replacements, List<ObfuscationRule> rules) {
    this.patterns = patterns;
    this.replacements = replacements;
    this.filters = new RunFilter[patterns.size()];
    this.matchers = new Matcher[patterns.size()];
    for (int i = 0; i < matchers.length; i++) {
      filters[i] = RunFilter.of(rules.get(i).pattern());
      matchers[i] = patterns.get(i).matcher("");
    }
  }

  /** Compiles every rule, or fails with a 400 naming each pattern that does not compile. */
  public static Obfuscation compile(List<ObfuscationRule> rules) {
    List<Pattern> patterns = new ArrayList<>(rules.size());
    List<String> replacements = new ArrayList<>(rules.size());
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      ObfuscationRule rule = rules.get(i);
      try {
        Pattern pattern = Pattern.compile(rule.pattern());
        if (pattern.matcher("").find()) {
          errors.add(new Problem.FieldError("/rules/" + i + "/pattern", null, "pattern",
              "Rule " + i + ": matches empty text, so it would insert its replacement everywhere."));
          continue;
        }
        patterns.add(pattern);
        replacements.add(Matcher.quoteReplacement(rule.replacement()));
      } catch (PatternSyntaxException e) {
        errors.add(new Problem.FieldError("/rules/" + i + "/pattern", null, "pattern",
            "Rule " + i + ": not an RE2 regular expression: " + e.getMessage()));
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.of(400, "validation", "Invalid obfuscation rule",
          errors.size() == 1 ? errors.get(0).detail() : errors.size() + " patterns are refused.")
          .withErrors(errors));
    }
    return new Obfuscation(List.copyOf(patterns), List.copyOf(replacements), rules);
  }

  public String apply(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String result = text;
    for (int i = 0; i < matchers.length; i++) {
      if (filters[i] != null && !filters[i].mayMatch(result)) {
        continue;
      }
      Matcher matcher = matchers[i].reset(result);
      if (matcher.find()) {
        result = matcher.replaceAll(replacements.get(i)); // replaceAll starts again from the beginning
      }
    }
    return result;
  }
}
