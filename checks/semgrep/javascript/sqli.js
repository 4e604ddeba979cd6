const express = require('express');
const mysql = require('mysql2');
const pool = mysql.createPool({ host: 'localhost', user: 'app', database: 'sipp' });
const app = express();

app.get('/penduduk', (req, res) => {
  const nik = req.query.nik;
  // ruleid: repospbe.javascript.sqli.string-built-query
  pool.query(`SELECT * FROM penduduk WHERE nik = '${nik}'`, (err, rows) => res.json(rows));
});

app.get('/penduduk/aman', (req, res) => {
  // ok: repospbe.javascript.sqli.string-built-query
  pool.query('SELECT * FROM penduduk WHERE nik = ?', [req.query.nik], (err, rows) => res.json(rows));
});

app.get('/halaman', (req, res) => {
  // ok: repospbe.javascript.sqli.string-built-query
  pool.query('SELECT * FROM berita LIMIT 10 OFFSET ' + parseInt(req.query.offset, 10), (e, r) => res.json(r));
});

async function cariPegawai(knex, nama) {
  // ruleid: repospbe.javascript.sqli.string-built-query
  return knex.raw("SELECT * FROM pegawai WHERE nama LIKE '%" + nama + "%'");
}

async function cariPegawaiAman(knex, nama) {
  // ok: repospbe.javascript.sqli.string-built-query
  return knex('pegawai').where('nama', 'like', `%${nama}%`);
}

async function laporan(sequelize, tahun) {
  // ruleid: repospbe.javascript.sqli.string-built-query
  return sequelize.query(`SELECT * FROM laporan WHERE tahun = ${tahun}`);
}

async function laporanAman(sequelize, tahun) {
  // ok: repospbe.javascript.sqli.string-built-query
  return sequelize.query('SELECT * FROM laporan WHERE tahun = :tahun', { replacements: { tahun } });
}

async function jalankan(db, sql) {
  // ok: repospbe.javascript.sqli.string-built-query
  return db.query(sql);
}
