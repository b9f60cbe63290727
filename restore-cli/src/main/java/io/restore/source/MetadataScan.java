package io.restore.source;

import java.util.List;
import java.util.Set;

/**
 * The extraction plan of {@code restore inspect}: write only the key folders ({@code key.store/},
 * {@code cloudProviderCredentials/}) and stop reading once one dbpath has both and its own files
 * were seen and the stream has moved on past the key folders (tar writes a folder's entries
 * together). Data files are never written; a download is abandoned at that point.
 */
final class MetadataScan implements TarExtractor.Plan {
  private boolean dirty;

  @Override
  public boolean wanted(String name) {
    return EntryNames.isKeyMaterial(name);
  }

  @Override
  public boolean done(Set<String> seen, String last) {
    if (EntryNames.isKeyMaterial(last)) {
      dirty = true;
      return false;
    }
    if (!dirty && !last.endsWith("WiredTiger") && !last.endsWith("storage.bson")) {
      return false;
    }
    dirty = false;
    List<String> found = DbpathCandidates.in(seen);
    if (found.size() != 1) {
      return false;
    }
    String p = found.get(0).isEmpty() ? "" : found.get(0) + "/";
    boolean key = false;
    boolean credentials = false;
    for (String n : seen) {
      key |= n.startsWith(p + DbpathCandidates.KEY_STORE + "/");
      credentials |= n.startsWith(p + DbpathCandidates.CREDENTIALS + "/");
    }
    return key && credentials;
  }
}
