package dev.rolecall.auth;

import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a new password must be: typed twice alike, at least 12 characters, and judged strong (score
 * 3 of 4 or more) by zxcvbn, which also says why a password is weak and how to do better.
 */
public final class PasswordPolicy {
  public static final int MIN_LENGTH = 12;
  public static final int MIN_SCORE = 3;
  private static final Zxcvbn ZXCVBN = new Zxcvbn();

  private PasswordPolicy() {
  }

  public record Estimate(int score, boolean strong, Advice feedback) {
  }

  /** {@code warning} is left out of answers when there is none: the contract says it is a string. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record Advice(String warning, List<String> suggestions) {
  }

  /** CPU work of a few milliseconds: call it off the event loop. */
  public static Estimate estimate(String password, List<String> userInputs) {
    Strength strength = ZXCVBN.measure(password, userInputs);
    Feedback feedback = strength.getFeedback();
    String warning = feedback.getWarning(Locale.ENGLISH);
    return new Estimate(strength.getScore(),
        password.length() >= MIN_LENGTH && strength.getScore() >= MIN_SCORE,
        new Advice(warning == null || warning.isBlank() ? null : warning, feedback.getSuggestions(Locale.ENGLISH)));
  }

  /** Refuses a password that is not accepted, with the estimator's advice on the field it concerns. */
  public static void require(String password, String confirmation, List<String> userInputs) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (!password.equals(confirmation)) {
      errors.add(new Problem.FieldError("/passwordConfirmation", null, "mismatch", "The two passwords differ."));
    }
    Estimate estimate = estimate(password, userInputs);
    if (!estimate.strong()) {
      List<String> advice = new ArrayList<>();
      if (password.length() < MIN_LENGTH) {
        advice.add("Use at least " + MIN_LENGTH + " characters.");
      }
      if (estimate.feedback().warning() != null) {
        advice.add(estimate.feedback().warning());
      }
      advice.addAll(estimate.feedback().suggestions());
      errors.add(new Problem.FieldError("/password", null, "strength",
          advice.isEmpty() ? "This password is too easy to guess." : String.join(" ", advice)));
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.of(400, "weak-password", "Password refused",
          errors.size() > 1 ? "The passwords differ, and the password is too weak." : errors.get(0).detail())
          .withErrors(errors));
    }
  }
}
