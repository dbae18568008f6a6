"""What every benchmark script here shares: its error exit, the load
average its header and footer print, and a temporary folder nginx's
workers can read (started as root, they run as nobody, and mkdtemp's
0700 folder would answer 403)."""
import os
import sys
import tempfile


def die(msg):
    print("%s: %s" % (os.path.basename(sys.argv[0]), msg), file=sys.stderr)
    sys.exit(2)


def loadavg():
    try:
        return "%.2f %.2f %.2f" % os.getloadavg()
    except OSError:
        return "?"


def workdir(prefix):
    """A new temporary folder, readable by nginx's workers."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    os.chmod(tmp, 0o755)
    return tmp
