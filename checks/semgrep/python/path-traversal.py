import os

from flask import Flask, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
ARSIP = "/srv/arsip"


@app.route("/unduh")
def unduh():
    nama = request.args.get("berkas", "")
    # ruleid: repospbe.python.path-traversal.file-access-request
    return send_file(os.path.join(ARSIP, nama))


@app.route("/unduh-aman")
def unduh_aman():
    # ok: repospbe.python.path-traversal.file-access-request
    return send_from_directory(ARSIP, request.args.get("berkas", ""))


@app.route("/baca")
def baca():
    # ruleid: repospbe.python.path-traversal.file-access-request
    with open(ARSIP + "/" + request.args["f"]) as f:
        isi = f.read()
    # ok: repospbe.python.path-traversal.file-access-request
    with open(os.path.join(ARSIP, secure_filename(request.args["f"]))) as f:
        isi += f.read()
    # ok: repospbe.python.path-traversal.file-access-request
    with open(os.path.join(ARSIP, "indeks.txt")) as f:
        isi += f.read()
    return isi
