package dev.rolecall.csv;

import org.apache.commons.csv.CSVFormat;

/**
 * CSV as the service writes it: RFC 4180 with a header row, and, unless asked for raw values, cells
 * that a spreadsheet would run as a formula neutralised with a leading apostrophe (OWASP's advice),
 * since names, logins and user agents are typed by others.
 */
public final class CsvCells {
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

  private CsvCells() {
  }

  public static String safe(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      return "'" + text;
    }
    return text;
  }
}
