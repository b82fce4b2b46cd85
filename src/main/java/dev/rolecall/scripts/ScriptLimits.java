package dev.rolecall.scripts;

/**
 * What a script version may hold. Saving enforces these; a deployment checks them again, with the entry
 * file, before it pins a version to a channel.
 */
public final class ScriptLimits {
  /** The file a bot's runtime starts from. */
  public static final String ENTRY_FILE = "main.sc";
  public static final int MAX_FILES = 200;
  public static final int MAX_PATH_CHARS = 200;
  public static final int MAX_FILE_BYTES = 256 * 1024;
  /** Below the 1 MiB request body limit, with room for JSON escaping of a whole save. */
  public static final int MAX_TOTAL_BYTES = 768 * 1024;

  private ScriptLimits() {
  }
}
