import random
import secrets
import string

# ruleid: repospbe.python.weak-random.security-value
otp = random.randint(100000, 999999)
# ruleid: repospbe.python.weak-random.security-value
reset_token = "".join(random.choice(string.ascii_letters) for _ in range(32))
# ok: repospbe.python.weak-random.security-value
otp_aman = secrets.randbelow(10**6)
# ok: repospbe.python.weak-random.security-value
warna = random.choice(["merah", "hijau"])
