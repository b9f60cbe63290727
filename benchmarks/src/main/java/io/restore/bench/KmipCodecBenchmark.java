package io.restore.bench;

import io.restore.kmip.message.EncryptRequest;
import io.restore.kmip.message.GetRequest;
import io.restore.kmip.message.GetResponse;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ManagedObject;
import io.restore.kmip.message.ProtocolVersion;
import io.restore.kmip.message.RequestBatchItem;
import io.restore.kmip.message.RequestMessage;
import io.restore.kmip.message.ResponseBatchItem;
import io.restore.kmip.message.ResponseMessage;
import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.TtlvReader;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The KMIP codec on mongod's hot path (docs/benchmarks.md, "KMIP codec"). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KmipCodecBenchmark {
  /** mongod's Get request for UID "1", protocol 1.2 (docs/design/mongod-kmip.md). */
  static final byte[] GET_REQUEST =
      HexFormat.of()
          .parseHex(
              "42007801000000704200770100000038420069010000002042006a0200000004000000010000000042006b0200000004"
                  + "000000020000000042000d0200000004000000010000000042000f010000002842005c05000000040000000a00000000"
                  + "420079010000001042009407000000013100000000000000");

  private final TtlvReader reader = TtlvReader.withDefaults();
  private final byte[] key = new byte[32];
  private final RequestMessage encrypt16k =
      RequestMessage.of(
          ProtocolVersion.V1_2,
          RequestBatchItem.of(Operation.ENCRYPT, EncryptRequest.of("1", new byte[16 * 1024])));
  private final byte[] encrypt16kBytes = encrypt16k.encode();

  /** Decode mongod's Get request, then encode the Get reply it expects. */
  @Benchmark
  public byte[] getRequestDecodeAndResponseEncode() throws KmipException {
    RequestMessage req = RequestMessage.decode(GET_REQUEST, reader);
    RequestBatchItem item = req.batchItems().get(0);
    String uid = ((GetRequest) item.payload()).uniqueIdentifier().orElseThrow();
    return ResponseMessage.of(
            req.header().protocolVersion(),
            1_700_000_000L,
            List.of(
                ResponseBatchItem.success(
                    Operation.GET,
                    item.uniqueBatchItemId(),
                    GetResponse.of(
                        uid, ManagedObject.symmetricKey(key, CryptographicAlgorithm.AES, 256)))))
        .encode();
  }

  @Benchmark
  public RequestMessage encrypt16kDecode() throws KmipException {
    return RequestMessage.decode(encrypt16kBytes, reader);
  }

  @Benchmark
  public byte[] encrypt16kEncode() {
    return encrypt16k.encode();
  }
}
