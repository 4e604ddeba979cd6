import pickle
import base64

import yaml
from flask import Flask, render_template_string, request

app = Flask(__name__)
SALAM = "<h1>Halo {{ nama }}</h1>"


@app.route("/hitung")
def hitung():
    rumus = request.args.get("rumus", "0")
    # ruleid: repospbe.python.code-injection.eval-dynamic
    hasil = eval(rumus)
    # ok: repospbe.python.code-injection.eval-dynamic
    tetap = eval("1 + 1")
    return str(hasil + tetap)


@app.route("/pulihkan", methods=["POST"])
def pulihkan():
    data = base64.b64decode(request.form["state"])
    # ruleid: repospbe.python.code-injection.unsafe-deserialization
    obj = pickle.loads(data)
    with open("/var/lib/app/state.pkl", "rb") as f:
        # ok: repospbe.python.code-injection.unsafe-deserialization
        lokal = pickle.load(f)
    return str(obj) + str(lokal)


@app.route("/impor", methods=["POST"])
def impor():
    # ruleid: repospbe.python.code-injection.unsafe-deserialization
    konfigurasi = yaml.load(request.data, Loader=yaml.Loader)
    # ok: repospbe.python.code-injection.unsafe-deserialization
    aman = yaml.safe_load(request.data)
    return str(konfigurasi) + str(aman)


def baca_konfigurasi(teks):
    # ruleid: repospbe.python.code-injection.yaml-load-unsafe
    return yaml.load(teks)


def baca_konfigurasi_aman(teks):
    # ok: repospbe.python.code-injection.yaml-load-unsafe
    return yaml.load(teks, Loader=yaml.SafeLoader)


@app.route("/salam")
def salam():
    nama = request.args.get("nama", "")
    # ruleid: repospbe.python.code-injection.template-injection
    return render_template_string("<h1>Halo " + nama + "</h1>")


@app.route("/salam-aman")
def salam_aman():
    # ok: repospbe.python.code-injection.template-injection
    return render_template_string(SALAM, nama=request.args.get("nama", ""))


def muat_konfigurasi(berkas):
    with open(berkas) as f:
        # ruleid: repospbe.python.code-injection.yaml-load-unsafe
        return yaml.load(f, yaml.Loader)


def muat_aman(berkas):
    with open(berkas) as f:
        # ok: repospbe.python.code-injection.yaml-load-unsafe
        return yaml.load(f, yaml.SafeLoader)
