package io.restore.kmip.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ClientEncryptionSettings;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.vault.DataKeyOptions;
import com.mongodb.client.model.vault.EncryptOptions;
import com.mongodb.client.vault.ClientEncryption;
import com.mongodb.client.vault.ClientEncryptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restore.kmip.object.AttributeValue;
import io.restore.kmip.object.InMemoryObjectStore;
import io.restore.kmip.object.StoredAttribute;
import io.restore.kmip.object.StoredObject;
import io.restore.kmip.server.KmipServer;
import io.restore.kmip.server.KmipServerConfig;
import io.restore.kmip.server.TestPki;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.State;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * libmongocrypt (org.mongodb:mongodb-crypt 5.2.0, its bundled native library) with a {@code kmip}
 * KMS provider pointed at our server; the key vault lives in mongo-java-server.
 */
class MongoClientSideEncryptionInteropTest {
  private static final String DETERMINISTIC = "AEAD_AES_256_CBC_HMAC_SHA_512-Deterministic";
  private static MongoServer keyVault;
  private static InMemoryObjectStore store;
  private static KmipServer kmip;
  private static ClientEncryption encryption;

  @BeforeAll
  static void start() throws Exception {
    keyVault = new MongoServer(new MemoryBackend());
    InetSocketAddress vault = keyVault.bind();
    TestPki pki = TestPki.create("csfle");
    store = new InMemoryObjectStore();
    kmip = KmipServer.start(KmipServerConfig.loopback(pki.serverContext(), store));
    SSLContext clientTls = pki.clientContext();
    ClientEncryptionSettings settings =
        ClientEncryptionSettings.builder()
            .keyVaultMongoClientSettings(
                MongoClientSettings.builder()
                    .applyConnectionString(
                        new ConnectionString(
                            "mongodb://127.0.0.1:" + vault.getPort() + "/?directConnection=true"))
                    .build())
            .keyVaultNamespace("encryption.__keyVault")
            .kmsProviders(Map.of("kmip", Map.of("endpoint", "127.0.0.1:" + kmip.endpoint().port())))
            .kmsProviderSslContextMap(Map.of("kmip", clientTls))
            .build();
    encryption = ClientEncryptions.create(settings);
  }

  @AfterAll
  static void stop() {
    if (encryption != null) {
      encryption.close();
    }
    if (kmip != null) {
      kmip.close();
      store.close();
    }
    if (keyVault != null) {
      keyVault.shutdownNow();
    }
  }

  @Test
  void defaultModeRegistersActivatesAndGetsSecretDataThenEncryptsAndDecrypts() {
    int before = store.all().size();
    BsonBinary keyId = encryption.createDataKey("kmip", new DataKeyOptions());
    List<StoredObject> objects = store.all();
    assertThat(objects).hasSize(before + 1);
    StoredObject secret = objects.get(objects.size() - 1);
    assertThat(secret.type()).isEqualTo(ObjectType.SECRET_DATA);
    assertThat(secret.state()).isEqualTo(State.ACTIVE);

    BsonBinary cipher =
        encryption.encrypt(
            new BsonString("hello kmip"), new EncryptOptions(DETERMINISTIC).keyId(keyId));
    BsonValue plain = encryption.decrypt(cipher);
    assertThat(plain).isEqualTo(new BsonString("hello kmip"));
  }

  @Test
  void delegatedModeCreatesAnAesKeyAndEncryptsWithIt() {
    int before = store.all().size();
    BsonBinary keyId =
        encryption.createDataKey(
            "kmip",
            new DataKeyOptions().masterKey(new BsonDocument("delegated", BsonBoolean.TRUE)));
    List<StoredObject> objects = store.all();
    assertThat(objects).hasSize(before + 1);
    StoredObject key = objects.get(objects.size() - 1);
    assertThat(key.type()).isEqualTo(ObjectType.SYMMETRIC_KEY);
    assertThat(key.state()).isEqualTo(State.ACTIVE);
    assertThat(key.first(StoredAttribute.CRYPTOGRAPHIC_LENGTH))
        .contains(new AttributeValue.Int(256));

    BsonBinary cipher =
        encryption.encrypt(
            new BsonString("delegated"), new EncryptOptions(DETERMINISTIC).keyId(keyId));
    assertThat(encryption.decrypt(cipher)).isEqualTo(new BsonString("delegated"));
  }
}
