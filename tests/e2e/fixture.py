"""A programmable HTTP fixture server on 127.0.0.1 for the end-to-end tests.

Each route answers with a body, a status, validators and an optional delay,
honours If-None-Match / If-Modified-Since like a real origin, and records
every request it saw so tests can assert what the daemon sent.
"""
import gzip
import http.server
import socketserver
import threading
import time


class Route:
    def __init__(self, body=b"", status=200, ctype="application/xml",
                 etag=None, last_modified=None, delay=0.0, gzip_body=False,
                 headers=None):
        self.body = body.encode() if isinstance(body, str) else body
        self.status = status
        self.ctype = ctype
        self.etag = etag
        self.last_modified = last_modified
        self.delay = delay
        self.gzip_body = gzip_body
        self.headers = headers or {}


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        srv = self.server.fixture
        srv.requests.append((self.path, dict(self.headers)))
        srv.times.append((self.path, time.monotonic()))
        route = srv.routes.get(self.path.split("?")[0])
        if route is None:
            return self._send(404, b"not found\n", "text/plain", {})
        if route.delay:
            time.sleep(route.delay)
        hdrs = dict(route.headers)
        if route.etag:
            hdrs["ETag"] = route.etag
        if route.last_modified:
            hdrs["Last-Modified"] = route.last_modified
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if route.status == 200 and ((route.etag and inm == route.etag) or
                                    (not inm and route.last_modified and
                                     ims == route.last_modified)):
            srv.not_modified += 1
            return self._send(304, b"", None, hdrs)
        body = route.body
        if route.gzip_body:
            body = gzip.compress(body)
            hdrs["Content-Encoding"] = "gzip"
        self._send(route.status, body, route.ctype, hdrs)

    def _send(self, status, body, ctype, hdrs):
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            for k, v in hdrs.items():
                self.send_header(k, v)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class Fixture:
    """Serve routes on 127.0.0.1 on a free port, in a thread."""

    def __init__(self):
        self.routes = {}
        self.requests = []
        self.times = []     # (path, monotonic time) of each request
        self.not_modified = 0
        self._srv = _Server(("127.0.0.1", 0), _Handler)
        self._srv.fixture = self
        self.port = self._srv.server_address[1]
        self._thread = threading.Thread(target=self._srv.serve_forever,
                                        daemon=True)
        self._thread.start()

    def url(self, path):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def route(self, path, **kw):
        self.routes[path] = Route(**kw)

    def close(self):
        self._srv.shutdown()
        self._srv.server_close()
