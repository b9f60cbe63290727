"""Drives PyKMIP 0.10's client against a KMIP server; run with /usr/bin/python3 (Debian python3-pykmip).

usage: client_driver.py HOST PORT CERT KEY CA VERSION   (VERSION: 1.0, 1.2, 1.4)
Prints one "OK <step>" line per step and "ALL OK" at the end; any failure exits non-zero with the
traceback on stderr. Used by PyKmipInteropTest.
"""
import os
import sys
import logging

from kmip import enums
from kmip.pie import exceptions as kmip_exceptions
from kmip.core.messages.contents import ProtocolVersion
from kmip.pie import client as pie_client
from kmip.pie import objects

logging.disable(logging.CRITICAL)

host, port, cert, key, ca, version = sys.argv[1:7]
kmip_version = {
    "1.0": enums.KMIPVersion.KMIP_1_0,
    "1.1": enums.KMIPVersion.KMIP_1_1,
    "1.2": enums.KMIPVersion.KMIP_1_2,
    "1.3": enums.KMIPVersion.KMIP_1_3,
    "1.4": enums.KMIPVersion.KMIP_1_4,
}[version]
major, minor = (int(x) for x in version.split("."))


def ok(step, detail=""):
    print("OK", step, detail, flush=True)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


# An empty config of our own, so no ~/.pykmip/pykmip.conf or /etc/pykmip changes the run.
conf = os.path.join(os.path.dirname(os.path.abspath(cert)), "pykmip-client.conf")
with open(conf, "w") as f:
    f.write("[client]\n")
c = pie_client.ProxyKmipClient(
    hostname=host, port=int(port), cert=cert, key=key, ca=ca,
    config_file=conf, kmip_version=kmip_version)
with c:
    name = "pykmip-interop-" + version
    uid = c.create(enums.CryptographicAlgorithm.AES, 256, name=name,
                   cryptographic_usage_mask=[enums.CryptographicUsageMask.ENCRYPT,
                                             enums.CryptographicUsageMask.DECRYPT])
    ok("create", uid)

    key_obj = c.get(uid)
    check(isinstance(key_obj, objects.SymmetricKey), "get returned %r" % type(key_obj))
    check(len(key_obj.value) == 32, "key of %d bytes" % len(key_obj.value))
    check(key_obj.cryptographic_algorithm == enums.CryptographicAlgorithm.AES, "algorithm")
    check(key_obj.cryptographic_length == 256, "length")
    ok("get")

    _, attrs = c.get_attributes(uid, ["State"])
    check(len(attrs) == 1 and attrs[0].attribute_value.value == enums.State.PRE_ACTIVE,
          "state before activate: %r" % attrs)
    ok("get_attributes pre-active")

    c.activate(uid)
    ok("activate")

    _, attrs = c.get_attributes(uid, ["State", "Cryptographic Algorithm", "Cryptographic Length"])
    names = [a.attribute_name.value for a in attrs]
    check(names == ["State", "Cryptographic Algorithm", "Cryptographic Length"], "order: %r" % names)
    check(attrs[0].attribute_value.value == enums.State.ACTIVE, "state after activate")
    check(attrs[2].attribute_value.value == 256, "length attribute")
    ok("get_attributes", names)

    _, all_attrs = c.get_attributes(uid)
    check(len(all_attrs) >= 8, "all attributes: %d" % len(all_attrs))
    ok("get_attributes all", len(all_attrs))

    attr_names = c.get_attribute_list(uid)
    for expected in ("Unique Identifier", "Object Type", "State", "Name",
                     "Cryptographic Algorithm", "Cryptographic Length", "Cryptographic Usage Mask"):
        check(expected in attr_names, "%s missing from %r" % (expected, attr_names))
    ok("get_attribute_list", len(attr_names))

    from kmip.core.factories.attributes import AttributeFactory
    factory = AttributeFactory()
    found = c.locate(attributes=[factory.create_attribute(enums.AttributeType.NAME, name)])
    check(found == [uid], "locate by name: %r" % found)
    found = c.locate(attributes=[
        factory.create_attribute(enums.AttributeType.OBJECT_TYPE, enums.ObjectType.SYMMETRIC_KEY),
        factory.create_attribute(enums.AttributeType.STATE, enums.State.ACTIVE)])
    check(uid in found, "locate by type and state: %r" % found)
    ok("locate")

    data = b"interop plaintext, 33 bytes long!"
    params = {
        "cryptographic_algorithm": enums.CryptographicAlgorithm.AES,
        "block_cipher_mode": enums.BlockCipherMode.CBC,
        "padding_method": enums.PaddingMethod.PKCS5,
        "random_iv": True,
    }
    cipher, iv = c.encrypt(data, uid=uid, cryptographic_parameters=params)
    check(iv is not None and len(iv) == 16, "iv %r" % (iv,))
    check(len(cipher) == 48, "ciphertext of %d bytes" % len(cipher))
    plain = c.decrypt(cipher, uid=uid, cryptographic_parameters=params, iv_counter_nonce=iv)
    check(plain == data, "round trip")
    ok("encrypt/decrypt cbc")

    secret = objects.SecretData(b"\x01" * 96, enums.SecretDataType.SEED, masks=[])
    secret_uid = c.register(secret)
    got = c.get(secret_uid)
    check(isinstance(got, objects.SecretData) and got.value == b"\x01" * 96, "secret data")
    ok("register/get secret data", secret_uid)

    c.revoke(enums.RevocationReasonCode.CESSATION_OF_OPERATION, uid)
    _, attrs = c.get_attributes(uid, ["State"])
    check(attrs[0].attribute_value.value == enums.State.DEACTIVATED, "state after revoke")
    ok("revoke")

    c.destroy(uid)
    _, attrs = c.get_attributes(uid, ["State"])
    check(attrs[0].attribute_value.value == enums.State.DESTROYED, "state after destroy")
    ok("destroy")

    try:
        c.get("no-such-uid")
        raise AssertionError("get of an unknown uid succeeded")
    except kmip_exceptions.KmipOperationFailure as e:
        check(e.reason == enums.ResultReason.ITEM_NOT_FOUND, "reason %r" % e.reason)
    ok("unknown uid")

    proxy = c.proxy
    result = proxy.query(query_functions=[enums.QueryFunction.QUERY_OPERATIONS,
                                          enums.QueryFunction.QUERY_OBJECTS])
    check(result.result_status.value == enums.ResultStatus.SUCCESS, "query status")
    ops = [int(getattr(o, "value", o)) for o in result.operations]
    for expected in (enums.Operation.CREATE, enums.Operation.GET, enums.Operation.ACTIVATE,
                     enums.Operation.GET_ATTRIBUTES, enums.Operation.ENCRYPT):
        check(expected.value in ops, "%s not in query %r" % (expected, ops))
    ok("query", len(ops))

    result = proxy.discover_versions(protocol_versions=[ProtocolVersion(1, 4), ProtocolVersion(1, 2),
                                                        ProtocolVersion(1, 0)])
    check(result.result_status.value == enums.ResultStatus.SUCCESS, "discover status")
    versions = [(v.major, v.minor) for v in result.protocol_versions]
    check(versions == [(1, 4), (1, 2), (1, 0)], "versions %r" % versions)
    ok("discover_versions", versions)

print("ALL OK", flush=True)
