from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
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


def lanjut_dijaga(request):
    tujuan = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(tujuan, allowed_hosts={request.get_host()}):
        tujuan = "/"
    # ok: repospbe.python.redirect.open-redirect
    return redirect(tujuan)


def lanjut_daftar(request):
    tujuan = request.GET.get("next", "/")
    if tujuan in ("/beranda", "/izin"):
        # ok: repospbe.python.redirect.open-redirect
        return redirect(tujuan)
    return redirect("/")


def lanjut_cek_lain(request):
    tujuan = request.GET.get("next", "/")
    if tujuan:
        # ruleid: repospbe.python.redirect.open-redirect
        return redirect(tujuan)
    return redirect("/")
