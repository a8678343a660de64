package dev.floe.bench;

import dev.floe.store.ForwardingStore;
import dev.floe.store.ObjectStore;
import dev.floe.store.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@link IngestThroughput} with the WAL on S3: each phase gets a fresh in-process S3Proxy on
 * 127.0.0.1 (in-memory backend, as the tests start it) and writes through Floe's S3 store. Same
 * options; results go to {@code e2e-s3proxy.properties}. A driver in the test sources because
 * S3Proxy is a test dependency.
 */
public final class IngestThroughputS3 {
  private IngestThroughputS3() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    IngestThroughput.run(args, new StoreFactory() {
      @Override
      public String name() {
        return "s3proxy";
      }

      @Override
      public ObjectStore open(Path dir) {
        S3ProxyServer s3 = S3ProxyServer.start();
        return new ForwardingStore(s3.newStore("bench")) {
          @Override
          public void close() {
            try {
              super.close();
            } finally {
              s3.close();
            }
          }
        };
      }
    });
  }
}
