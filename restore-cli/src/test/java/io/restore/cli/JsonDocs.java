package io.restore.cli;

import io.restore.json.Json;
import io.restore.testkit.ProjectPaths;
import java.nio.file.Files;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The examples of docs/json-output.md, by the tag after {@code ```json}. */
public final class JsonDocs {
  private JsonDocs() {}

  public static Map<String, Object> example(String tag) throws Exception {
    String doc = Files.readString(ProjectPaths.root().resolve("docs/json-output.md"));
    Matcher m = Pattern.compile("```json " + tag + "\n(.*?)\n```", Pattern.DOTALL).matcher(doc);
    if (!m.find()) {
      throw new AssertionError("docs/json-output.md has no ```json " + tag + " example");
    }
    return Json.parseObject(m.group(1));
  }
}
