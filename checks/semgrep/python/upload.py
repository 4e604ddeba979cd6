import os
import uuid

from flask import Flask, request
from werkzeug.utils import secure_filename

app = Flask(__name__)
FOLDER = "/srv/unggahan"


@app.route("/unggah", methods=["POST"])
def unggah():
    berkas = request.files["lampiran"]
    # ruleid: repospbe.python.upload.client-filename
    berkas.save(os.path.join(FOLDER, berkas.filename))
    return "ok"


@app.route("/unggah-aman", methods=["POST"])
def unggah_aman():
    berkas = request.files["lampiran"]
    # ok: repospbe.python.upload.client-filename
    berkas.save(os.path.join(FOLDER, secure_filename(berkas.filename)))
    # ok: repospbe.python.upload.client-filename
    berkas.save(os.path.join(FOLDER, uuid.uuid4().hex + ".pdf"))
    return "ok"
