"""Fetches the one key `restore proxy` serves, with PyKMIP 0.10's client and the PEM files the proxy
wrote; run with /usr/bin/python3 (Debian python3-pykmip).

usage: get_served_key.py HOST PORT CLIENT_PEM CA_PEM KEY_ID SHA256_HEX
The client PEM holds the certificate and its private key (mongod's --kmipClientCertificateFile).
Prints "OK get", "OK state" and "ALL OK"; prints nothing derived from the key. Any failure exits
non-zero with the traceback on stderr. Used by ProxyEndToEndTest.
"""
import hashlib
import logging
import os
import sys

from kmip import enums
from kmip.pie import client as pie_client
from kmip.pie import objects

logging.disable(logging.CRITICAL)

host, port, client_pem, ca_pem, key_id, expected_sha256 = sys.argv[1:7]

# An empty config of our own, so no ~/.pykmip/pykmip.conf or /etc/pykmip changes the run.
conf = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pykmip-client.conf")
with open(conf, "w") as f:
    f.write("[client]\n")

c = pie_client.ProxyKmipClient(
    hostname=host, port=int(port), cert=client_pem, key=client_pem, ca=ca_pem,
    config_file=conf, kmip_version=enums.KMIPVersion.KMIP_1_2)
with c:
    key = c.get(key_id)
    if not isinstance(key, objects.SymmetricKey):
        raise AssertionError("get returned %r" % type(key))
    if len(key.value) != 32 or hashlib.sha256(key.value).hexdigest() != expected_sha256:
        raise AssertionError("not the snapshot's master key")
    print("OK get", flush=True)

    _, attrs = c.get_attributes(key_id, ["State"])
    if attrs[0].attribute_value.value != enums.State.ACTIVE:
        raise AssertionError("state %r" % attrs[0].attribute_value.value)
    print("OK state", flush=True)

print("ALL OK", flush=True)
