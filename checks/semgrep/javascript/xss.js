const express = require('express');
const escapeHtml = require('escape-html');
const app = express();

app.get('/cari', (req, res) => {
  const q = req.query.q;
  // ruleid: repospbe.javascript.xss.express-send-request
  res.send(`<h1>Hasil pencarian untuk ${q}</h1>`);
});

app.get('/cari-aman', (req, res) => {
  // ok: repospbe.javascript.xss.express-send-request
  res.send(`<h1>Hasil pencarian untuk ${escapeHtml(req.query.q)}</h1>`);
});

app.get('/api/cari', (req, res) => {
  // ok: repospbe.javascript.xss.express-send-request
  res.json({ q: req.query.q });
});

app.post('/komentar', (req, res) => {
  // ruleid: repospbe.javascript.xss.express-send-request
  res.status(400).send('Komentar tidak valid: ' + req.body.isi);
});

// Browser code
function tampilkanNama(nama) {
  const el = document.getElementById('nama');
  // ruleid: repospbe.javascript.xss.dom-html-sink
  el.innerHTML = '<b>' + nama + '</b>';
  // ok: repospbe.javascript.xss.dom-html-sink
  el.textContent = nama;
  // ok: repospbe.javascript.xss.dom-html-sink
  el.innerHTML = '<b>Memuat...</b>';
  // ok: repospbe.javascript.xss.dom-html-sink
  el.innerHTML = DOMPurify.sanitize(nama);
  // ok: repospbe.javascript.xss.dom-html-sink
  el.innerHTML = `<span class="spinner"></span>`;
}

function tampilkanBerita(data) {
  // ruleid: repospbe.javascript.xss.dom-html-sink
  document.getElementById('berita').insertAdjacentHTML('beforeend', `<li>${data.judul}</li>`);
  // ruleid: repospbe.javascript.xss.dom-html-sink
  document.write(location.hash.substring(1));
  // ruleid: repospbe.javascript.xss.dom-html-sink
  $('#pesan').html(data.pesan);
  // ok: repospbe.javascript.xss.dom-html-sink
  $('#pesan').text(data.pesan);
}
