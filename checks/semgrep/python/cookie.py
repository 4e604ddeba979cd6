# ruleid: repospbe.python.cookie.insecure-flags
SESSION_COOKIE_SECURE = False
# ok: repospbe.python.cookie.insecure-flags
CSRF_COOKIE_SECURE = True
# ruleid: repospbe.python.cookie.insecure-flags
app.config["SESSION_COOKIE_HTTPONLY"] = False


def masuk(resp, token):
    # ruleid: repospbe.python.cookie.insecure-flags
    resp.set_cookie("token", token, httponly=False)
    # ok: repospbe.python.cookie.insecure-flags
    resp.set_cookie("token", token, secure=True, httponly=True, samesite="Lax")
    return resp
