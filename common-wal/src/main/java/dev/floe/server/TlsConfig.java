package dev.floe.server;

import dev.floe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS for every listener of a service, from PEM files. With an empty {@code certFile} the listeners
 * speak plain text.
 *
 * @param certFile the server's certificate chain (PEM); empty for no TLS
 * @param keyFile the server's private key (PKCS#8 PEM) matching {@code certFile}
 * @param clientCaFile CA certificates (PEM) that client certificates must chain to; when set, a
 *     client without such a certificate is refused during the handshake (mutual TLS)
 */
public record TlsConfig(String certFile, String keyFile, String clientCaFile) {

  public static TlsConfig none() {
    return new TlsConfig("", "", "");
  }

  public boolean enabled() {
    return !certFile.isBlank();
  }

  public boolean requiresClientCertificate() {
    return !clientCaFile.isBlank();
  }

  /**
   * Checks that the files the settings name exist, so that a typo stops the service at start with
   * the key's name rather than failing every handshake.
   *
   * @param keyPrefix how the block is named in the configuration, e.g. {@code tls}
   * @throws ConfigException naming the key that is wrong
   */
  public void validate(String keyPrefix) {
    if (!enabled()) {
      if (!keyFile.isBlank() || requiresClientCertificate()) {
        throw new ConfigException(keyPrefix + ".keyFile and " + keyPrefix + ".clientCaFile need " + keyPrefix + ".certFile");
      }
      return;
    }
    requireFile(keyPrefix + ".certFile", certFile);
    if (keyFile.isBlank()) {
      throw new ConfigException(keyPrefix + ".certFile is set, so " + keyPrefix + ".keyFile must be too");
    }
    requireFile(keyPrefix + ".keyFile", keyFile);
    if (requiresClientCertificate()) {
      requireFile(keyPrefix + ".clientCaFile", clientCaFile);
    }
  }

  private static void requireFile(String key, String file) {
    if (!Files.isReadable(Path.of(file))) {
      throw new ConfigException(key + ": cannot read " + file);
    }
  }
}
