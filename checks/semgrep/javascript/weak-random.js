// ruleid: repospbe.javascript.weak-random.security-value
const resetToken = Math.random().toString(36).slice(2);
// ruleid: repospbe.javascript.weak-random.security-value
user.otp = Math.floor(100000 + Math.random() * 900000);
// ok: repospbe.javascript.weak-random.security-value
const resetToken2 = crypto.randomBytes(32).toString('hex');
// ok: repospbe.javascript.weak-random.security-value
const warna = palet[Math.floor(Math.random() * palet.length)];
