"""nginx for the benchmarks: a static server on 127.0.0.1 started over one
folder and stopped again, so unifeed and its peers read the same bytes
from a real HTTP server with real validators (nginx sends ETag and
Last-Modified for static files and answers If-None-Match and
If-Modified-Since with 304).

Debian package `nginx-light` (or `nginx`): the binary is /usr/sbin/nginx.
Everything nginx writes (its configuration, pid, error log, temp folders)
goes under a private folder; it never binds anything but 127.0.0.1.

    with Nginx(root, workers=1, gzip=True) as ng:
        url = ng.url("/feeds/a.xml")
"""
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

TYPES = """types {
    application/rss+xml  xml rss rdf;
    application/atom+xml atom;
    application/json     json;
    text/html            html;
    text/x-opml          opml;
}"""


def free_port():
    """A port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Nginx:
    """One nginx master with `workers` workers serving `root`."""

    def __init__(self, root, workers=1, gzip=False, access_log=False):
        if not os.path.exists(NGINX):
            raise RuntimeError("nginx not found (apt-get install nginx-light)")
        self.root = os.path.abspath(root)
        self.workers = workers
        self.gzip = gzip
        self.access_log = access_log
        self.dir = tempfile.mkdtemp(prefix="unifeed-nginx-")
        self.port = None
        self.proc = None

    def url(self, path="/"):
        return "http://127.0.0.1:%d%s" % (self.port, path)

    def _conf(self):
        gz = ("gzip on; gzip_comp_level 6; gzip_min_length 256; "
              "gzip_types application/rss+xml application/atom+xml "
              "application/json text/x-opml;") if self.gzip else "gzip off;"
        log = ("access_log %s/access.log;" % self.dir if self.access_log
               else "access_log off;")
        return """worker_processes %d;
daemon off;
master_process on;
pid %s/nginx.pid;
error_log %s/error.log warn;
events { worker_connections 4096; }
http {
    %s
    default_type application/octet-stream;
    %s
    %s
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    etag on;
    client_body_temp_path %s/body;
    proxy_temp_path %s/proxy;
    fastcgi_temp_path %s/fastcgi;
    uwsgi_temp_path %s/uwsgi;
    scgi_temp_path %s/scgi;
    server {
        listen 127.0.0.1:%d backlog=4096;
        root %s;
    }
}
""" % (self.workers, self.dir, self.dir, TYPES, log, gz, self.dir,
            self.dir, self.dir, self.dir, self.dir, self.port, self.root)

    def start(self):
        self.port = free_port()
        conf = os.path.join(self.dir, "nginx.conf")
        with open(conf, "w") as f:
            f.write(self._conf())
        self.proc = subprocess.Popen(
            [NGINX, "-p", self.dir, "-c", conf, "-e",
             os.path.join(self.dir, "error.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("nginx exited: %s" %
                                   self.proc.stderr.read().decode()[-500:])
            try:
                with urllib.request.urlopen(self.url("/"), timeout=1):
                    pass
                return self
            except urllib.error.HTTPError:
                return self             # 403/404 on "/": it is up
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError("nginx did not answer on 127.0.0.1:%d" % self.port)

    def pids(self):
        """The master's and the workers' pids (for CPU accounting)."""
        out = [self.proc.pid]
        try:
            with open("/proc/%d/task/%d/children"
                      % (self.proc.pid, self.proc.pid)) as f:
                out += [int(p) for p in f.read().split()]
        except OSError:
            pass
        return out

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
