"""Shared helpers for mixer's Python integration tests (stdlib only).

Small API, everything cleaned up even when a test fails:

    free_port() -> int                     a TCP port on 127.0.0.1 that was free a moment ago
    wait_for_port(port, host, timeout)     poll until something listens (raises TimeoutError)
    TempDir()                              context manager: a temp dir, removed afterwards
                                           (kept when MIXER_KEEP_TMP=1, for debugging)
    Process(argv, log_dir, env=None)       a child process, stdout/stderr in log_dir; context
                                           manager; stop() sends SIGTERM then SIGKILL
    run(argv, input=None, timeout=60)      subprocess.run with text output, never hangs
    make_test_cert(dir, cn="localhost")    (cert_path, key_path) from `openssl req` (self-signed)
    mixer_cli() / mixerd()                 paths from env MIXER_CLI / MIXERD
    PrivatePostfix(dir, ...)               a real Postfix with its own config, queue and data
                                           directories under `dir`, listening on a free loopback
                                           port; see its docstring. Always stopped by stop() /
                                           the context manager.

Environment (set by ctest): MIXER_CLI, MIXERD, MIXER_SOURCE_DIR, MIXER_SHARED_DIR.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

__all__ = [
    "free_port", "wait_for_port", "TempDir", "Process", "run", "make_test_cert",
    "mixer_cli", "mixerd", "PrivatePostfix", "have_program",
]


def mixer_cli():
    return os.environ.get("MIXER_CLI", "mixer")


def mixerd():
    return os.environ.get("MIXERD", "mixerd")


def have_program(name):
    """True when `name` is found in PATH (or /usr/sbin, where Postfix tools live)."""
    return shutil.which(name) is not None or os.path.exists(os.path.join("/usr/sbin", name))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, host="127.0.0.1", timeout=15.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=1.0):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")
            time.sleep(0.05)


class TempDir:
    """A temporary directory, removed on exit unless MIXER_KEEP_TMP=1."""

    def __init__(self, prefix="mixertest-"):
        self.path = tempfile.mkdtemp(prefix=prefix)
        # Traversable by other users: Postfix daemons and smtp-sink run as "postfix".
        os.chmod(self.path, 0o755)

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        self.cleanup()

    def cleanup(self):
        if os.environ.get("MIXER_KEEP_TMP") == "1":
            return
        shutil.rmtree(self.path, ignore_errors=True)


def run(argv, input=None, timeout=60, env=None, check=False):
    """Runs argv to completion; returns subprocess.CompletedProcess (text mode)."""
    return subprocess.run(argv, input=input, capture_output=True, text=True,
                          timeout=timeout, env=env, check=check)


class Process:
    """A child process that is always stopped (SIGTERM, then SIGKILL after `grace`)."""

    def __init__(self, argv, log_dir, env=None, name=None):
        name = name or os.path.basename(argv[0])
        os.makedirs(log_dir, exist_ok=True)
        self.out_path = os.path.join(log_dir, f"{name}.out")
        self.err_path = os.path.join(log_dir, f"{name}.err")
        self._out = open(self.out_path, "wb")
        self._err = open(self.err_path, "wb")
        self.proc = subprocess.Popen(argv, stdout=self._out, stderr=self._err,
                                     stdin=subprocess.DEVNULL, env=env,
                                     start_new_session=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    @property
    def pid(self):
        return self.proc.pid

    def running(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, grace=5.0):
        if self.proc.poll() is None:
            try:
                self.proc.send_signal(sig)
                self.proc.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self._out, self._err):
            if not f.closed:
                f.close()
        return self.proc.returncode

    def stdout(self):
        with open(self.out_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stderr(self):
        with open(self.err_path, "rb") as f:
            return f.read().decode("utf-8", "replace")


def make_test_cert(directory, cn="localhost"):
    """Generates a self-signed RSA certificate with `openssl req`; returns (cert, key)."""
    cert = os.path.join(directory, f"{cn}.crt")
    key = os.path.join(directory, f"{cn}.key")
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
         "-out", cert, "-days", "2", "-subj", f"/CN={cn}",
         "-addext", f"subjectAltName=DNS:{cn},IP:127.0.0.1"], check=True)
    return cert, key


_MASTER_CF = """\
# service type  private unpriv  chroot  wakeup  maxproc command
{smtpd_line}
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
virtual   unix  -       n       n       -       -       virtual
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


class PrivatePostfix:
    """A real Postfix instance confined to `directory` (config, queue, data, log, mail).

    PrivatePostfix(directory, relay_port=None, domain="postfix.test", users=("user",),
                   tls=False, main_cf=None)

    - smtpd listens on 127.0.0.1:<self.port> (a free port).
    - Mail for @<domain> is delivered by virtual(8) into Maildirs under
      <directory>/mail/<user>/ (one per name in `users`); other local parts are refused
      at RCPT time with 550 5.1.1.
    - Mail for any other domain is relayed to [127.0.0.1]:relay_port when relay_port is
      given (no TLS towards it), else refused (no open relay: only mynetworks=127.0.0.0/8
      may relay).
    - tls=True: a self-signed certificate (self.cert, self.key) made at start and
      smtpd offers STARTTLS (smtpd_tls_security_level=may).
    - main_cf: extra main.cf parameters {name: value}.
    - master_cf: extra master.cf text appended after the built-in services (e.g. a
      second smtpd or a transport of its own).
    - The mail log goes to <directory>/maillog (self.log_text()).

    Use as a context manager, or start() / stop(); stop() is safe to call twice.
    messages(user) lists delivered messages (bytes); wait_for_messages(user, n) polls.
    """

    def __init__(self, directory, relay_port=None, domain="postfix.test", users=("user",),
                 tls=False, main_cf=None, master_cf=""):
        self.dir = os.path.abspath(directory)
        self.config_dir = os.path.join(self.dir, "etc")
        self.queue_dir = os.path.join(self.dir, "queue")
        self.data_dir = os.path.join(self.dir, "data")
        self.mail_dir = os.path.join(self.dir, "mail")
        self.log_path = os.path.join(self.dir, "maillog")
        self.port = free_port()
        self.relay_port = relay_port
        self.domain = domain
        self.users = tuple(users)
        self.tls = tls
        self.extra = dict(main_cf or {})
        self.master_extra = master_cf
        self.cert = self.key = None
        self._started = False

    # -- lifecycle ---------------------------------------------------------------
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def _postfix(self, *args, check=True):
        r = run(["postfix", "-c", self.config_dir, *args], timeout=60)
        if check and r.returncode != 0:
            raise RuntimeError(f"postfix {' '.join(args)} failed ({r.returncode}):\n"
                               f"{r.stdout}{r.stderr}\n{self.log_text()}")
        return r

    def start(self):
        for d in (self.config_dir, self.queue_dir, self.data_dir, self.mail_dir):
            os.makedirs(d, exist_ok=True)
        # Postfix daemons run as the postfix user: the instance tree must be reachable.
        os.chmod(self.dir, 0o755)
        d = os.path.dirname(self.dir)
        while d not in ("/", ""):
            if not os.stat(d).st_mode & 0o001:
                raise RuntimeError(f"PrivatePostfix: {d} is not traversable by the postfix user "
                                   "(use mixertest.TempDir or chmod o+x)")
            d = os.path.dirname(d)
        import pwd
        pw = pwd.getpwnam("postfix")
        os.chown(self.data_dir, pw.pw_uid, pw.pw_gid)
        vmaps = os.path.join(self.config_dir, "vmailbox")
        with open(vmaps, "w") as f:
            for u in self.users:
                f.write(f"{u}@{self.domain} {u}/\n")
                os.makedirs(os.path.join(self.mail_dir, u), exist_ok=True)
        for root, dirs, _ in os.walk(self.mail_dir):
            os.chown(root, pw.pw_uid, pw.pw_gid)
        if self.tls:
            self.cert, self.key = make_test_cert(self.config_dir, "localhost")
        params = {
            "compatibility_level": "3.6",
            "queue_directory": self.queue_dir,
            "data_directory": self.data_dir,
            "mail_owner": "postfix",
            "setgid_group": "postdrop",
            "myhostname": "postfix.localhost",
            "mydomain": "localhost",
            "mydestination": "",
            "inet_interfaces": "127.0.0.1",
            "inet_protocols": "ipv4",
            "mynetworks": "127.0.0.0/8",
            "maillog_file": self.log_path,
            "maillog_file_prefixes": self.dir,
            "alias_maps": "",
            "alias_database": "",
            "virtual_mailbox_domains": self.domain,
            "virtual_mailbox_base": self.mail_dir,
            "virtual_mailbox_maps": f"texthash:{vmaps}",
            "virtual_uid_maps": f"static:{pw.pw_uid}",
            "virtual_gid_maps": f"static:{pw.pw_gid}",
            "smtpd_relay_restrictions": "permit_mynetworks, reject_unauth_destination",
            "smtputf8_enable": "yes",
            "biff": "no",
            "smtp_tls_security_level": "none",
            "smtp_dns_support_level": "disabled",
            "disable_dns_lookups": "yes",
            "smtpd_peername_lookup": "no",
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
            "shlib_directory": "/usr/lib/postfix",
            "daemon_directory": "/usr/lib/postfix/sbin",
            "meta_directory": "/etc/postfix",
            "message_size_limit": "52428800",
            "virtual_mailbox_limit": "0",
        }
        if self.relay_port is not None:
            params["relayhost"] = f"[127.0.0.1]:{self.relay_port}"
        else:
            params["default_transport"] = "error:no relay configured in this test instance"
        if self.tls:
            params.update({
                "smtpd_tls_security_level": "may",
                "smtpd_tls_cert_file": self.cert,
                "smtpd_tls_key_file": self.key,
            })
        params.update(self.extra)
        with open(os.path.join(self.config_dir, "main.cf"), "w") as f:
            for k, v in params.items():
                f.write(f"{k} = {v}\n")
        smtpd_line = (f"127.0.0.1:{self.port} inet n - n - - smtpd")
        with open(os.path.join(self.config_dir, "master.cf"), "w") as f:
            f.write(_MASTER_CF.format(smtpd_line=smtpd_line))
            if self.master_extra:
                f.write(self.master_extra.rstrip("\n") + "\n")
        self._postfix("check")
        self._postfix("start")
        self._started = True
        wait_for_port(self.port, timeout=30)
        return self

    def stop(self):
        if not self._started:
            return
        self._started = False
        r = self._postfix("stop", check=False)
        pid_file = os.path.join(self.queue_dir, "pid", "master.pid")
        deadline = time.monotonic() + 10
        while os.path.exists(pid_file) and time.monotonic() < deadline:
            time.sleep(0.1)
        if os.path.exists(pid_file):  # stop failed: kill our own master by its pid
            with contextlib.suppress(Exception):
                with open(pid_file) as f:
                    os.kill(int(f.read().strip()), signal.SIGKILL)
        return r

    # -- inspection --------------------------------------------------------------
    def log_text(self):
        with contextlib.suppress(OSError):
            with open(self.log_path, "rb") as f:
                return f.read().decode("utf-8", "replace")
        return ""

    def maildir(self, user):
        return os.path.join(self.mail_dir, user)

    def messages(self, user):
        out = []
        new = os.path.join(self.maildir(user), "new")
        if os.path.isdir(new):
            for name in sorted(os.listdir(new)):
                with open(os.path.join(new, name), "rb") as f:
                    out.append(f.read())
        return out

    def wait_for_messages(self, user, count=1, timeout=30.0):
        deadline = time.monotonic() + timeout
        while True:
            msgs = self.messages(user)
            if len(msgs) >= count:
                return msgs
            if time.monotonic() > deadline:
                raise TimeoutError(f"{len(msgs)} of {count} messages for {user} after "
                                   f"{timeout}s; log:\n{self.log_text()[-4000:]}")
            time.sleep(0.1)

    def flush(self):
        """Asks the queue manager to retry deferred mail now."""
        self._postfix("flush", check=False)
