package dev.rolecall.feed;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * One change that other services must hear: {@code user.deactivated}, {@code user.deleted},
 * {@code user.roles_changed}, {@code user.tokens_revoked} or {@code api_token.revoked} (which names the token).
 * Ids follow commit order and have no gaps (migration V12).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessEvent(long id, String kind, UUID accountId, UUID userId, UUID apiTokenId, Instant occurredAt) {
}
