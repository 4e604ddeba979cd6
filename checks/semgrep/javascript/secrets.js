const jwt = require('jsonwebtoken');
const mysql = require('mysql2');

// ruleid: repospbe.javascript.secrets.hardcoded-credential
const DB_PASSWORD = 'sipp_rahasia_2024';
// ok: repospbe.javascript.secrets.hardcoded-credential
const DB_PASSWORD_ENV = process.env.DB_PASSWORD;

const pool = mysql.createPool({
  host: 'localhost',
  user: 'sipp',
  // ruleid: repospbe.javascript.secrets.hardcoded-credential
  password: 'Pemkot#2024',
  database: 'sipp',
});

const poolAman = mysql.createPool({
  host: process.env.DB_HOST,
  // ok: repospbe.javascript.secrets.hardcoded-credential
  password: process.env.DB_PASSWORD,
});

const formLogin = {
  // ok: repospbe.javascript.secrets.hardcoded-credential
  password: '',
  // ok: repospbe.javascript.secrets.hardcoded-credential
  label: 'Kata sandi',
};

function masuk(user) {
  // ruleid: repospbe.javascript.secrets.hardcoded-jwt-secret
  return jwt.sign({ id: user.id }, 'kunci-rahasia-simpeg', { expiresIn: '1h' });
}

function masukAman(user) {
  // ok: repospbe.javascript.secrets.hardcoded-jwt-secret
  return jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
}

module.exports = { pool, poolAman, formLogin, masuk, masukAman };

// A syntax highlighter's rules (ace, prism): "token" names a scope, it holds no secret.
var HighlightRules = {
  // ok: repospbe.javascript.secrets.hardcoded-credential
  start: [{ token : "comment.doc.tag", regex : "@[\\w\\d_]+" }],
  // ok: repospbe.javascript.secrets.hardcoded-credential
  doc: [{ token : "keyword", regex : "TODO" }],
};

var lexer = {
  // ok: repospbe.javascript.secrets.hardcoded-credential
  docToken: "keyword",
  // ruleid: repospbe.javascript.secrets.hardcoded-credential
  accessToken: "ghp_9f8A7b6C5d4E3f2",
};
