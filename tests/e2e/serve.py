"""The daemon's own HTTP server: the published files with Content-Type,
ETag and Last-Modified, 304 on If-None-Match and If-Modified-Since, HEAD,
gzip, and 404 for everything else, traversal tricks included."""
import gzip
import http.client
import socket
from harness import *
from fixture import Fixture

fx = Fixture()
fx.route("/s.rss", body=rss("S", [dict(title="Served story", guid="s1",
         link="https://s.example/1", date="Mon, 15 Apr 2024 08:00:00 GMT")]))
port = free_port()
wd = Workdir("serve")
wd.write_conf([("s", fx.url("/s.rss"), {"topics": "city"})],
              listen="127.0.0.1:%d" % port)
d = Daemon(wd)
ok(wait_for(lambda: "Served story" in wd.read("feed.atom").decode()),
   "the daemon publishes", d.log())


def req(method, path, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request(method, path, headers=headers or {})
    r = c.getresponse()
    body = r.read()
    c.close()
    return r, body


def raw(path):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
               % path).encode())
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return data.split(b"\r\n", 1)[0]


r, body = req("GET", "/feed.atom")
ok(r.status == 200 and body == wd.read("feed.atom"),
   "GET /feed.atom serves the published file", r.status)
ok(r.getheader("Content-Type", "").startswith("application/atom+xml"),
   "Atom Content-Type", r.getheader("Content-Type"))
etag, lm = r.getheader("ETag"), r.getheader("Last-Modified")
ok(bool(etag) and bool(lm), "ETag and Last-Modified sent", r.getheaders())
r2, b2 = req("GET", "/feed.atom", {"If-None-Match": etag or "x"})
ok(r2.status == 304 and b2 == b"", "If-None-Match answers 304", r2.status)
r3, _ = req("GET", "/feed.atom", {"If-Modified-Since": lm or "x"})
ok(r3.status == 304, "If-Modified-Since answers 304", r3.status)
r4, _ = req("GET", "/feed.atom", {"If-None-Match": '"other"'})
ok(r4.status == 200, "a stale ETag gets the body", r4.status)
r5, b5 = req("HEAD", "/feed.atom")
ok(r5.status == 200 and b5 == b"" and
   r5.getheader("Content-Length") == str(len(body)),
   "HEAD: headers with the length, no body", r5.getheaders())
r6, b6 = req("GET", "/feed.atom", {"Accept-Encoding": "gzip"})
ok(r6.getheader("Content-Encoding") == "gzip" and
   gzip.decompress(b6) == body, "gzip on request", r6.getheaders())
for path, ctype in [("/", "text/html"), ("/topics/city.atom",
                    "application/atom+xml"), ("/sources.opml", "text/x-opml")]:
    r, _ = req("GET", path)
    ok(r.status == 200 and r.getheader("Content-Type", "").startswith(ctype),
       "GET %s is served as %s" % (path, ctype), (r.status, r.getheaders()))
for path in ["/nope", "/state.db", "/topics/nope.atom", "/feed.atom/",
             "/../state.db", "/topics/../state.db", "/%2e%2e/state.db",
             "/topics%2fcity.atom", "/topics/..%2fstate.db", "//feed.atom"]:
    status = raw(path)
    ok(b" 404 " in status, "%s is 404" % path, status)
r, _ = req("POST", "/feed.atom")
ok(r.status in (404, 405), "POST is refused", r.status)
ok(d.stop() == 0, "the daemon stops cleanly", d.log())
fx.close()
done()
