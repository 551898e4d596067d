"""A loopback TCP forwarder whose "network" can be cut: a real connection failure for the client.

While ``up`` is False, new connections are accepted and closed at once and open ones are cut, so
the client sees a dropped connection (as when a laptop loses Wi-Fi), with nothing reaching the
server behind it.
"""

from __future__ import annotations

import contextlib
import selectors
import socket
import threading
from urllib.parse import urlsplit, urlunsplit


class NetProxy:
    """Forward ``127.0.0.1:<port>`` to ``target_host:target_port`` until told to go down."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.up = True
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.setblocking(False)
        self.port = self._listener.getsockname()[1]
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._listener, selectors.EVENT_READ, None)
        self._pairs: dict[socket.socket, socket.socket] = {}
        self._stop = False
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop, name="netproxy", daemon=True)
        self._thread.start()

    def rewrite(self, url: str) -> str:
        """``url`` with its host and port replaced by the proxy's."""
        split = urlsplit(url)
        return urlunsplit((split.scheme, f"127.0.0.1:{self.port}", split.path, split.query, split.fragment))

    def set_up(self, up: bool) -> None:
        """Restore (True) or cut (False) the network; cutting also breaks open connections."""
        with self._lock:
            self.up = up
            if not up:
                for sock in list(self._pairs):
                    self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        peer = self._pairs.pop(sock, None)
        for s in (sock, peer):
            if s is None:
                continue
            with contextlib.suppress(KeyError, ValueError):
                self._selector.unregister(s)
            self._pairs.pop(s, None)
            s.close()

    def _accept(self) -> None:
        try:
            client, _ = self._listener.accept()
        except BlockingIOError:
            return
        if not self.up:
            client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            client.close()
            return
        upstream = socket.create_connection(self.target)
        client.setblocking(True)  # the selector says when recv will not block; sendall may wait
        for s in (client, upstream):
            self._selector.register(s, selectors.EVENT_READ, None)
        self._pairs[client] = upstream
        self._pairs[upstream] = client

    def _loop(self) -> None:
        while not self._stop:
            for key, _ in self._selector.select(timeout=0.05):
                sock = key.fileobj
                with self._lock:
                    if sock is self._listener:
                        self._accept()
                        continue
                    if sock not in self._pairs:
                        continue
                    try:
                        data = sock.recv(65536)  # type: ignore[union-attr]
                    except (BlockingIOError, InterruptedError):
                        continue
                    except OSError:
                        data = b""
                    if not data:
                        self._close(sock)  # type: ignore[arg-type]
                        continue
                    try:
                        self._pairs[sock].sendall(data)  # type: ignore[index]
                    except OSError:
                        self._close(sock)  # type: ignore[arg-type]

    def close(self) -> None:
        """Stop forwarding and close every socket."""
        self._stop = True
        self._thread.join(timeout=5)
        with self._lock:
            for sock in list(self._pairs):
                self._close(sock)
        self._selector.close()
        self._listener.close()
