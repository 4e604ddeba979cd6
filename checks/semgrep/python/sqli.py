import sqlite3

from flask import Flask, request
from sqlalchemy import text

app = Flask(__name__)
TABEL = "penduduk"


@app.route("/penduduk")
def penduduk():
    nik = request.args.get("nik")
    db = sqlite3.connect("sipp.db")
    cur = db.cursor()
    # ruleid: repospbe.python.sqli.string-built-query
    cur.execute(f"SELECT * FROM penduduk WHERE nik = '{nik}'")
    # ok: repospbe.python.sqli.string-built-query
    cur.execute("SELECT * FROM penduduk WHERE nik = ?", (nik,))
    # ok: repospbe.python.sqli.string-built-query
    cur.execute(f"SELECT * FROM {TABEL} WHERE nik = ?", (nik,))
    # ok: repospbe.python.sqli.string-built-query
    cur.execute("SELECT * FROM penduduk LIMIT %d" % int(request.args.get("n", 10)))
    return "ok"


def cari_pegawai(cursor, nama):
    # ruleid: repospbe.python.sqli.string-built-query
    cursor.execute("SELECT * FROM pegawai WHERE nama LIKE '%%%s%%'" % nama)
    return cursor.fetchall()


def cari_unit(cursor, unit):
    sql = "SELECT * FROM pegawai WHERE unit = '" + unit + "'"
    # ruleid: repospbe.python.sqli.string-built-query
    cursor.execute(sql)
    # ok: repospbe.python.sqli.string-built-query
    cursor.execute("SELECT * FROM pegawai WHERE unit = %s", (unit,))


def laporan(session, tahun):
    # ruleid: repospbe.python.sqli.string-built-query
    return session.execute(text("SELECT * FROM laporan WHERE tahun = {}".format(tahun)))


def jalankan(cursor, sql):
    # ok: repospbe.python.sqli.string-built-query
    cursor.execute(sql)


class Repo:
    tabel = "aset"

    def semua(self, cursor):
        # ok: repospbe.python.sqli.string-built-query
        cursor.execute(f"SELECT * FROM {self.tabel}")


def cari_penduduk_fstring():
    nik = flask.request.args.get("nik")
    kueri = f"SELECT * FROM penduduk WHERE nik = '{nik}'"
    # ruleid: repospbe.python.sqli.string-built-query
    cursor.execute(kueri)
    # ok: repospbe.python.sqli.string-built-query
    cursor.execute("SELECT * FROM penduduk WHERE nik = %s", (nik,))
