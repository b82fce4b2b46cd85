package dev.rolecall.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is a relative URI under {@code /problems/}; clients
 * match on its last segment (e.g. {@code validation}, {@code last-admin}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String faultId,
    List<String> missingPermissions) {

  /** One offending part of a request: a JSON pointer into the body, or a parameter's name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldError(String pointer, String parameter, String keyword, String detail) {
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem("/problems/" + slug, title, status, detail, null, null, null);
  }

  public Problem withErrors(List<FieldError> fieldErrors) {
    return new Problem(type, title, status, detail, fieldErrors, faultId, missingPermissions);
  }

  public Problem withFaultId(String id) {
    return new Problem(type, title, status, detail, errors, id, missingPermissions);
  }

  public Problem withMissingPermissions(List<String> names) {
    return new Problem(type, title, status, detail, errors, faultId, names);
  }
}
