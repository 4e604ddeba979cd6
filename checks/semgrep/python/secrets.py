import os

import pymysql
from flask import Flask

app = Flask(__name__)
# ruleid: repospbe.python.secrets.hardcoded-credential
app.config["SECRET_KEY"] = "kunci-rahasia-sipp-2024"
# ok: repospbe.python.secrets.hardcoded-credential
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]

# ruleid: repospbe.python.secrets.hardcoded-credential
SECRET_KEY = "django-insecure-7h$k2x!9q@w#e4r5t6y7u8i9o0p"
# ok: repospbe.python.secrets.hardcoded-credential
SECRET_KEY = os.environ.get("SECRET_KEY")

# ruleid: repospbe.python.secrets.hardcoded-credential
koneksi = pymysql.connect(host="localhost", user="sipp", password="Sipp#2024", database="sipp")
# ok: repospbe.python.secrets.hardcoded-credential
koneksi = pymysql.connect(host="localhost", user="sipp", password=os.environ["DB_PASSWORD"], database="sipp")

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.mysql",
        # ruleid: repospbe.python.secrets.hardcoded-credential
        "PASSWORD": "rahasia_db",
    }
}

# ok: repospbe.python.secrets.hardcoded-credential
password = ""
# ok: repospbe.python.secrets.hardcoded-credential
LABEL_PASSWORD = "Kata sandi"
