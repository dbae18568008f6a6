"""What every benchmark script here shares: its error exit, the unifeed
it runs, the load average its header and footer print, and a temporary
folder nginx's workers can read (started as root, they run as nobody, and
mkdtemp's 0700 folder would answer 403), kept or removed at the end."""
import os
import shutil
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


def unifeed_path(path):
    """path made absolute; exit unless it is an executable."""
    path = os.path.abspath(path)
    if not os.access(path, os.X_OK):
        die("%s: not an executable (give --unifeed or $UNIFEED)" % path)
    return path


def workdir(prefix):
    """A new temporary folder, readable by nginx's workers."""
    tmp = tempfile.mkdtemp(prefix=prefix)
    os.chmod(tmp, 0o755)
    return tmp


def leave_workdir(tmp, keep):
    """Keep tmp (saying where) or remove it; then the load average."""
    if keep:
        print("# kept %s" % tmp)
    else:
        shutil.rmtree(tmp, True)
    print("# load average at the end: %s" % loadavg())
