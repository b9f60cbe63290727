/**
 * Step 0 of the flow (docs/design/architecture.md): what the user named on the command line — a
 * snapshot folder, a {@code .tar.gz} file or an {@code http(s)} link to one — becomes a dbpath plus
 * a cleanup. Archives are read as untrusted input, entry by entry, and extracted while they are
 * read (from the file or straight from the HTTP response) into a private work folder that is
 * removed when the session ends. The rules are in docs/design/sources.md.
 */
package io.restore.source;
