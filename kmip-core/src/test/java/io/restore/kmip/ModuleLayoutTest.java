package io.restore.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModuleLayoutTest {
  @Test
  void kmipCoreDependsOnNoCloudOrMongoLibrary() {
    // The KMIP layer knows nothing of clouds or mongod (docs/design/architecture.md, Principles).
    for (String forbidden :
        new String[] {"software.amazon.awssdk.core.SdkBytes", "com.mongodb.client.MongoClient"}) {
      assertThat(isOnClasspath(forbidden)).as(forbidden).isFalse();
    }
  }

  private static boolean isOnClasspath(String name) {
    try {
      Class.forName(name, false, ModuleLayoutTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
