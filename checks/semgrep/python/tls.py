import ssl

import requests

URL = "https://api.dukcapil.example.go.id/nik"


def cek_nik(nik):
    # ruleid: repospbe.python.tls.verification-disabled
    r = requests.get(URL, params={"nik": nik}, verify=False, timeout=10)
    # ok: repospbe.python.tls.verification-disabled
    r2 = requests.get(URL, params={"nik": nik}, verify="/etc/ssl/certs/ca-pemkot.pem", timeout=10)
    return r.json(), r2.json()


def sesi():
    s = requests.Session()
    # ruleid: repospbe.python.tls.verification-disabled
    s.verify = False
    return s


def konteks():
    # ruleid: repospbe.python.tls.verification-disabled
    ctx = ssl._create_unverified_context()
    # ok: repospbe.python.tls.verification-disabled
    aman = ssl.create_default_context(cafile="/etc/ssl/certs/ca-pemkot.pem")
    return ctx, aman
