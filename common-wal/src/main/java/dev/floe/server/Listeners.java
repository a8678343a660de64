package dev.floe.server;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import java.io.File;
import java.net.InetSocketAddress;

/** Builds a service's listeners: plain HTTP, or HTTPS (HTTP/1.1 and HTTP/2) with the service's TLS settings. */
public final class Listeners {
  private Listeners() {}

  /** A server builder bound to {@code host:port}, with TLS when {@code tls} is enabled. */
  public static ServerBuilder builder(String host, int port, TlsConfig tls) {
    InetSocketAddress address = new InetSocketAddress(host, port);
    ServerBuilder server = Server.builder();
    if (!tls.enabled()) {
      return server.http(address);
    }
    server.https(address).tls(new File(tls.certFile()), new File(tls.keyFile()));
    if (tls.requiresClientCertificate()) {
      File clientCa = new File(tls.clientCaFile());
      server.tlsCustomizer(ssl -> ssl.clientAuth(ClientAuth.REQUIRE).trustManager(clientCa));
    }
    return server;
  }
}
