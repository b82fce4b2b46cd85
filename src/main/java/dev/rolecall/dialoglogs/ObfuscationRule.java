package dev.rolecall.dialoglogs;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One pattern → replacement of the account's ordered list; the replacement is literal text. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObfuscationRule(String pattern, String replacement, String description) {
}
