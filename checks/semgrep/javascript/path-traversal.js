const express = require('express');
const fs = require('fs');
const path = require('path');
const app = express();
const DOK = path.join(__dirname, 'dokumen');

app.get('/unduh', (req, res) => {
  // ruleid: repospbe.javascript.path-traversal.file-access-request
  res.sendFile(path.join(DOK, req.query.berkas));
});

app.get('/unduh-aman', (req, res) => {
  // ok: repospbe.javascript.path-traversal.file-access-request
  res.sendFile(path.basename(req.query.berkas), { root: DOK });
});

app.get('/baca/:nama', (req, res) => {
  // ruleid: repospbe.javascript.path-traversal.file-access-request
  fs.readFile(DOK + '/' + req.params.nama, 'utf8', (err, isi) => res.type('text').send(isi));
});

app.get('/baca-aman/:nama', (req, res) => {
  // ok: repospbe.javascript.path-traversal.file-access-request
  fs.readFile(path.join(DOK, path.basename(req.params.nama)), 'utf8', (err, isi) => res.type('text').send(isi));
});

app.get('/logo', (req, res) => {
  // ok: repospbe.javascript.path-traversal.file-access-request
  res.sendFile(path.join(__dirname, 'public', 'logo.png'));
});

router.get('/lihat', (req, res) => {
  // ruleid: repospbe.javascript.path-traversal.file-access-request
  res.sendFile(req.query.f, { root: '/' });
});

router.get('/unduh/:id', async (req, res) => {
  const [rows] = await db.execute('SELECT nama_simpan FROM berkas WHERE id = ?', [req.params.id]);
  // ok: repospbe.javascript.path-traversal.file-access-request
  res.download(path.join(FOLDER, rows[0].nama_simpan));
});
