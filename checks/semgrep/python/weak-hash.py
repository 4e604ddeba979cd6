import hashlib

from werkzeug.security import generate_password_hash


def simpan_pengguna(cursor, username, password):
    # ruleid: repospbe.python.weak-hash.password-md5-sha1
    hash_sandi = hashlib.md5(password.encode()).hexdigest()
    cursor.execute("INSERT INTO users (username, password) VALUES (%s, %s)", (username, hash_sandi))


def simpan_pengguna_aman(cursor, username, password):
    # ok: repospbe.python.weak-hash.password-md5-sha1
    hash_sandi = generate_password_hash(password)
    cursor.execute("INSERT INTO users (username, password) VALUES (%s, %s)", (username, hash_sandi))


def cek(kata_sandi, tersimpan):
    # ruleid: repospbe.python.weak-hash.password-md5-sha1
    return hashlib.sha1(kata_sandi.encode("utf-8")).hexdigest() == tersimpan


def checksum(isi):
    # ok: repospbe.python.weak-hash.password-md5-sha1
    return hashlib.md5(isi).hexdigest()
