"""Drives a command on a pseudo-terminal, for the specs of terminal behaviour (the REPL,
Ctrl-C): keys typed as a user would, each step waiting for an event, never a fixed time.

    python3 spec/pty_run.py STEPS.json -- COMMAND ARGS...

STEPS.json is a list of steps:
    ["send", TEXT]            type TEXT ("\\r" is Enter, "\\t" Tab, "\\u0003" Ctrl-C, "\\u0004" Ctrl-D)
    ["expect", REGEX]         wait until the output since the last expect matches REGEX
    ["eof"]                   wait until the command exits
Patterns are matched against what a user would see: the output without terminal control
sequences (readline's bracketed-paste switches, cursor moves) and carriage returns. Every wait has the deadline given by --deadline (seconds, default 60). Writes the whole
transcript (control sequences removed) to stdout, then a last line "exit: N" (N: the exit status, 128 + the signal when
killed by one). Exits 3 when a wait ran past its deadline (the line before "exit:" then reads
"timeout: STEP").
"""
import json
import os
import pty
import re
import select
import signal
import sys
import time

CONTROL = re.compile(rb'\x1b\[[0-9;?]*[A-Za-z]')


def visible(data):
    return CONTROL.sub(b'', data).replace(b'\r', b'')


def main():
    argv = sys.argv[1:]
    deadline_s = 60.0
    if argv and argv[0] == '--deadline':
        deadline_s = float(argv[1])
        argv = argv[2:]
    steps_path, sep, command = argv[0], argv[1], argv[2:]
    assert sep == '--' and command, __doc__
    with open(steps_path, encoding='utf-8') as f:
        steps = json.load(f)
    pid, fd = pty.fork()
    if pid == 0:
        os.environ['TERM'] = 'xterm'
        os.execvp(command[0], command)
    transcript = b''
    mark = 0  # where the next expect starts looking
    alive = True

    def pump(timeout):
        nonlocal transcript, alive
        ready, _, _ = select.select([fd], [], [], timeout)
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b''
            if not data:
                alive = False
            transcript += data

    failed = None
    for step in steps:
        kind = step[0]
        if kind == 'send':
            os.write(fd, step[1].encode('utf-8'))
            continue
        deadline = time.monotonic() + deadline_s
        if kind == 'expect':
            pattern = re.compile(step[1].encode('utf-8'))
            while True:
                m = pattern.search(visible(transcript), mark)
                if m:
                    mark = m.end()
                    break
                if not alive or time.monotonic() > deadline:
                    failed = step
                    break
                pump(0.2)
        elif kind == 'eof':
            while alive and time.monotonic() <= deadline:
                pump(0.2)
            if alive:
                failed = step
        if failed:
            break
    if failed:
        os.kill(pid, signal.SIGKILL)
    while alive:
        pump(1.0)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        code = 128 - code
    out = sys.stdout.buffer
    out.write(visible(transcript))
    if failed:
        out.write(('\ntimeout: %s' % json.dumps(failed)).encode('utf-8'))
    out.write(('\nexit: %d\n' % code).encode('utf-8'))
    sys.exit(3 if failed else 0)


if __name__ == '__main__':
    main()
