from flask import Flask, jsonify, make_response, render_template, request
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
