import requests
from flask import request


def pratinjau():
    # ruleid: repospbe.python.ssrf.request-url
    return requests.get(request.args["url"], timeout=5).text


def ambil(request):
    alamat = request.POST.get("feed")
    # ruleid: repospbe.python.ssrf.request-url
    return urllib.request.urlopen(alamat).read()


def aman():
    # ok: repospbe.python.ssrf.request-url
    return requests.get("https://siak.example.go.id/api/nik", params={"nik": request.args["nik"]}, timeout=5).json()
