import os

from flask import Flask

app = Flask(__name__)

# ruleid: repospbe.python.debug.django-debug-true
DEBUG = True
# ok: repospbe.python.debug.django-debug-true
DEBUG = os.environ.get("DJANGO_DEBUG") == "1"

if __name__ == "__main__":
    # ruleid: repospbe.python.debug.flask-debug-on
    app.run(host="0.0.0.0", port=5000, debug=True)
    # ok: repospbe.python.debug.flask-debug-on
    app.run(host="127.0.0.1", port=5000)
