import os
import shlex
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/ping")
def ping():
    host = request.args.get("host", "")
    # ruleid: repospbe.python.cmdi.shell-command
    out = subprocess.check_output("ping -c 3 " + host, shell=True)
    # ok: repospbe.python.cmdi.shell-command
    out = subprocess.check_output(["ping", "-c", "3", host])
    # ok: repospbe.python.cmdi.shell-command
    out = subprocess.check_output("ping -c 3 " + shlex.quote(host), shell=True)
    return out


def arsipkan(folder):
    # ruleid: repospbe.python.cmdi.shell-command
    os.system(f"tar czf /backup/arsip.tgz {folder}")
    # ok: repospbe.python.cmdi.shell-command
    subprocess.run(["tar", "czf", "/backup/arsip.tgz", folder], check=True)


def uptime():
    # ok: repospbe.python.cmdi.shell-command
    return subprocess.run("uptime", shell=True, capture_output=True).stdout


def _ping(host):
    # ruleid: repospbe.python.cmdi.shell-command
    return subprocess.run("ping -c 1 " + host, shell=True, capture_output=True)


def ping_view():
    return _ping(flask.request.form["host"])
