# PyKMIP's reference server on an ephemeral port, preloaded through PyKMIP's own client with the
# given AES-256 keys (hex), each registered and activated. Prints "READY <port> <uid>..." when done.
# usage: serve_keys.py <dir with ca.pem server.pem server.key client.pem client.key> <hex key>...
import sys
import threading

from kmip.core import enums
from kmip.pie import objects
from kmip.pie.client import ProxyKmipClient
from kmip.services.server import KmipServer

d = sys.argv[1]
server = KmipServer(
    hostname='127.0.0.1', port=5696, certificate_path=d + '/server.pem',
    key_path=d + '/server.key', ca_path=d + '/ca.pem', auth_suite='TLS1.2',
    config_path=None, log_path=d + '/pykmip.log', policy_path=None,
    enable_tls_client_auth=True, database_path=d + '/pykmip.db', live_policies=False)
server.config.settings['port'] = 0  # its config refuses 0; the socket takes it
server.start()
port = server._socket.getsockname()[1]


def preload():
    client = ProxyKmipClient(
        hostname='127.0.0.1', port=port, cert=d + '/client.pem', key=d + '/client.key',
        ca=d + '/ca.pem', config_file='/dev/null')
    client.open()
    uids = []
    for key in sys.argv[2:]:
        uid = client.register(objects.SymmetricKey(
            enums.CryptographicAlgorithm.AES, 256, bytes.fromhex(key)))
        client.activate(uid)
        uids.append(uid)
    client.close()
    print('READY', port, *uids, flush=True)


threading.Thread(target=preload, daemon=True).start()
server.serve()
