package io.restore.kmip.server;

import java.net.InetAddress;

/** Where a started {@link KmipServer} listens: what mongod's --kmipServerName/--kmipPort take. */
public record KmipEndpoint(InetAddress address, int port) {
  /** The host as mongod's {@code --kmipServerName} wants it (an IP literal). */
  public String host() {
    return address.getHostAddress();
  }
}
