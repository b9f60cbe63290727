package io.restore.kms.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannelProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Google Cloud KMS is reached over REST: no gRPC transport is shipped (issue 15: the tarball's size
 * and start-up). Fails when a dependency change brings grpc-netty-shaded, ALTS, grpclb, xDS,
 * grpc-core or perfmark back into the product.
 */
class GcpRestOnlyTest {
  /** grpc-api and grpc-context stay as class files: gax-grpc names them, nothing runs them. */
  static final List<String> ALLOWED_GRPC = List.of("io.grpc:grpc-api:", "io.grpc:grpc-context:");

  @Test
  void theProductsRuntimeDependenciesHoldNoGrpcTransport() throws IOException {
    // The build's own list of restore-cli's runtime dependencies (what the fat jar bundles).
    String list;
    try (InputStream in =
        GcpRestOnlyTest.class.getResourceAsStream("/io/restore/cli/dependencies.txt")) {
      assertThat(in).as("dependencies.txt from the build").isNotNull();
      list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(list).contains("com.google.cloud:google-cloud-kms:", "com.google.api:gax-httpjson:");
    List<String> grpc =
        list.lines()
            .map(String::trim)
            .filter(l -> l.startsWith("io.grpc:"))
            .filter(l -> ALLOWED_GRPC.stream().noneMatch(l::startsWith))
            .toList();
    assertThat(grpc).as("io.grpc artifacts besides grpc-api and grpc-context").isEmpty();
    assertThat(list).doesNotContain("io.perfmark:", "org.conscrypt:");
  }

  @Test
  void noGrpcChannelCanBeBuiltOnTheClassPath() {
    assertThat(ServiceLoader.load(ManagedChannelProvider.class).stream().toList()).isEmpty();
    for (String transport :
        List.of(
            "io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder",
            "io.grpc.internal.ManagedChannelImplBuilder",
            "io.grpc.alts.AltsChannelCredentials",
            "io.grpc.grpclb.GrpclbLoadBalancerProvider")) {
      assertThatThrownBy(() -> Class.forName(transport))
          .as(transport)
          .isInstanceOf(ClassNotFoundException.class);
    }
  }
}
