package dev.rolecall.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The CSP source that admits the SPA's inline import map, and nothing else inline. */
final class ImportMap {
  private static final Pattern IMPORT_MAP =
      Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);

  private ImportMap() {
  }

  static String cspHash(String indexHtml) {
    Matcher matcher = IMPORT_MAP.matcher(indexHtml);
    if (!matcher.find()) {
      throw new IllegalStateException("webapp/index.html has no <script type=\"importmap\">");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(matcher.group(1).getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
