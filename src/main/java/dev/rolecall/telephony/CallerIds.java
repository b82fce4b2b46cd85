package dev.rolecall.telephony;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import dev.rolecall.http.Problem;
import dev.rolecall.http.ProblemException;
import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.List;

/** Caller ids are E.164 numbers that libphonenumber judges valid; each refusal names its index. */
final class CallerIds {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  private CallerIds() {
  }

  /** The numbers in E.164, or a 400 naming every invalid one by its pointer. */
  static List<String> parse(JsonArray given) {
    List<String> numbers = new ArrayList<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      String text = given.getString(i);
      String e164 = e164(text);
      if (e164 == null) {
        errors.add(new Problem.FieldError("/callerIds/" + i, null, "format",
            "not a valid phone number in E.164 (+ and the country code, e.g. +14155552671)"));
      } else {
        numbers.add(e164);
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.of(400, "validation", "The request does not match the contract",
          "callerIds holds invalid numbers at " + errors.stream().map(Problem.FieldError::pointer).toList() + ".")
          .withErrors(errors));
    }
    return numbers;
  }

  private static String e164(String text) {
    if (text == null || !text.matches("\\+[1-9][0-9]{1,14}")) {
      return null;
    }
    try {
      Phonenumber.PhoneNumber number = PHONES.parse(text, null);
      return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
    } catch (NumberParseException e) {
      return null;
    }
  }
}
