const { exec } = require('child_process');
const cp = require('child_process');
const express = require('express');
const app = express();

app.get('/ping', (req, res) => {
  const host = req.query.host;
  // ruleid: repospbe.javascript.cmdi.child-process-shell
  exec('ping -c 3 ' + host, (err, out) => res.send(out));
});

app.get('/ping-aman', (req, res) => {
  const host = req.query.host;
  // ok: repospbe.javascript.cmdi.child-process-shell
  cp.execFile('ping', ['-c', '3', host], (err, out) => res.type('text').send(out));
});

function arsipkan(folder) {
  // ruleid: repospbe.javascript.cmdi.child-process-shell
  return cp.execSync(`tar czf /backup/arsip.tgz ${folder}`);
}

function uptime() {
  // ok: repospbe.javascript.cmdi.child-process-shell
  return cp.execSync('uptime');
}

function cocok(pola, teks) {
  // ok: repospbe.javascript.cmdi.child-process-shell
  return new RegExp(pola).exec(teks);
}
