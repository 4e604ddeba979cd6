from django.shortcuts import redirect
from django.urls import reverse
from flask import request, url_for


def lanjut(request):
    # ruleid: repospbe.python.redirect.open-redirect
    return redirect(request.GET["next"])


def lanjut_flask():
    tujuan = request.args.get("url", "/")
    # ruleid: repospbe.python.redirect.open-redirect
    return redirect(tujuan)


def aman(request):
    # ok: repospbe.python.redirect.open-redirect
    return redirect(reverse("izin:detail", args=[request.GET["id"]]))


def aman_flask():
    # ok: repospbe.python.redirect.open-redirect
    return redirect(url_for("beranda", halaman=request.args.get("halaman")))
