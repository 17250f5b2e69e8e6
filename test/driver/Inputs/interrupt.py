"""Interrupts a `pinpair check` run and reports what it left behind.

usage: interrupt.py SIGNAL TMPDIR -- PINPAIR-COMMAND...

Runs the command with TMPDIR set (where pinpair makes its temporary
directory), waits until a worker is running (a `__analyze-tu` process whose
arguments name TMPDIR), sends SIGNAL to pinpair only (not its process group:
the workers must be killed by pinpair itself, as when a CI job's timeout
signals the parent), and prints:
  status <pinpair's exit status>
  leftover-files <entries left in TMPDIR>
  leftover-workers <worker processes still alive>
"""
import os
import signal
import subprocess
import sys
import time


def workers(tmp):
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                args = fh.read().split(b"\0")
        except OSError:
            continue
        if b"__analyze-tu" in args and any(tmp.encode() in a for a in args):
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    if fh.read().split(")")[-1].split()[0] == "Z":
                        continue  # exited, not reaped yet
            except OSError:
                continue
            found.append(int(pid))
    return found


def main():
    sig = getattr(signal, sys.argv[1])
    tmp = os.path.abspath(sys.argv[2])
    cmd = sys.argv[sys.argv.index("--") + 1:]
    os.makedirs(tmp, exist_ok=True)
    env = dict(os.environ, TMPDIR=tmp)
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 60
    while not workers(tmp) and time.time() < deadline and p.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)
    p.send_signal(sig)
    try:
        status = p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
        status = "hung"
    time.sleep(0.3)
    left = workers(tmp)
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    print("status", status)
    print("leftover-files", sum(len(files) + len(dirs)
                                for _, dirs, files in os.walk(tmp)))
    print("leftover-workers", len(left))


if __name__ == "__main__":
    main()
