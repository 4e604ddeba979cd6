const crypto = require('crypto');
const bcrypt = require('bcrypt');

function simpanPengguna(db, username, password) {
  // ruleid: repospbe.javascript.weak-hash.password-md5-sha1
  const hash = crypto.createHash('md5').update(password).digest('hex');
  return db.query('INSERT INTO users (username, password) VALUES (?, ?)', [username, hash]);
}

async function simpanPenggunaAman(db, username, password) {
  // ok: repospbe.javascript.weak-hash.password-md5-sha1
  const hash = await bcrypt.hash(password, 12);
  return db.query('INSERT INTO users (username, password) VALUES (?, ?)', [username, hash]);
}

function etag(isi) {
  // ok: repospbe.javascript.weak-hash.password-md5-sha1
  return crypto.createHash('sha1').update(isi).digest('hex');
}

function cekLogin(req) {
  // ruleid: repospbe.javascript.weak-hash.password-md5-sha1
  return CryptoJS.SHA1(req.body.password).toString();
}
