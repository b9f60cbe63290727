package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.RestoreException;
import io.restore.dump.Namespace;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class ShardKeyPatternTest {
  private static final Namespace NS = new Namespace("shop", "orders");

  @Test
  void extractsDottedPathsInPatternOrderWithMissingAsNull() {
    ShardKeyPattern p = ShardKeyPattern.parse(NS, BsonDocument.parse("{b: 1, 'a.x': 1, c: 1}"));
    ShardKey k = p.extract(BsonDocument.parse("{a: {x: 'v'}, b: 2, zz: 1}"));
    assertThat(k.values()).containsExactly(new BsonInt32(2), new BsonString("v"), BsonNull.VALUE);
    // a path through a non-document is missing too
    assertThat(p.extract(BsonDocument.parse("{a: 5, b: 1, c: 1}")).values().get(1))
        .isEqualTo(BsonNull.VALUE);
  }

  @Test
  void hashedFieldsContributeTheirHash() {
    ShardKeyPattern p = ShardKeyPattern.parse(NS, BsonDocument.parse("{_id: 'hashed'}"));
    assertThat(p.extract(BsonDocument.parse("{_id: 42}")).values())
        .containsExactly(new BsonInt64(-944302157085130861L));
    assertThat(p.extract(new BsonDocument()).values())
        .containsExactly(new BsonInt64(Hash64.of(BsonNull.VALUE)));
    assertThat(p.fields()).containsExactly(new ShardKeyPattern.KeyField("_id", true));
  }

  @Test
  void refusesAPatternThatIsNotOneOrHashed() {
    assertThatThrownBy(() -> ShardKeyPattern.parse(NS, BsonDocument.parse("{a: 'text'}")))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("shop.orders")
        .hasMessageContaining("neither 1 nor \"hashed\"");
    assertThat(ShardKeyPattern.parse(NS, BsonDocument.parse("{a: 1.0}")).fields())
        .isEqualTo(List.of(new ShardKeyPattern.KeyField("a", false)));
  }
}
