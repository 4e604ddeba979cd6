import subprocess

from flask import Flask, jsonify, make_response, render_template, request, send_file
from markupsafe import Markup, escape

app = Flask(__name__)


@app.route("/cari")
def cari():
    q = request.args.get("q", "")
    # ruleid: repospbe.python.xss.unescaped-response
    return f"<h1>Hasil pencarian untuk {q}</h1>"


@app.route("/cari-aman")
def cari_aman():
    q = request.args.get("q", "")
    # ok: repospbe.python.xss.unescaped-response
    return f"<h1>Hasil pencarian untuk {escape(q)}</h1>"


@app.route("/cari-templat")
def cari_templat():
    # ok: repospbe.python.xss.unescaped-response
    return render_template("cari.html", q=request.args.get("q", ""))


@app.route("/api/cari")
def api_cari():
    # ok: repospbe.python.xss.unescaped-response
    return jsonify(q=request.args.get("q", ""))


@app.route("/api/cari2")
def api_cari2():
    # ok: repospbe.python.xss.unescaped-response
    return {"q": request.args.get("q", "")}


@app.route("/pesan")
def pesan():
    isi = request.args.get("isi", "")
    # ruleid: repospbe.python.xss.unescaped-response
    catatan = Markup("<p>" + isi + "</p>")
    # ruleid: repospbe.python.xss.unescaped-response
    return make_response("<div>" + isi + "</div>", 200)


@app.route("/sapa")
def sapa():
    html = "<p>Halo " + request.args.get("nama", "") + "</p>"
    # ruleid: repospbe.python.xss.unescaped-response
    return html


@app.route("/status")
def status():
    host = request.args.get("host", "")
    # ok: repospbe.python.xss.unescaped-response
    return send_file("/srv/status/" + host + ".png")


@app.route("/jumlah")
def jumlah():
    baris = subprocess.run(["wc", "-l", "/srv/data.csv"], capture_output=True).stdout
    # ok: repospbe.python.xss.unescaped-response
    return str(len(request.args.get("q", ""))) + str(baris)
