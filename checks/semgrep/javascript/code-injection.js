const vm = require('vm');

function hitung(req, res) {
  const rumus = req.body.rumus;
  // ruleid: repospbe.javascript.code-injection.eval-dynamic
  const hasil = eval(rumus);
  // ok: repospbe.javascript.code-injection.eval-dynamic
  const data = JSON.parse(req.body.data);
  // ruleid: repospbe.javascript.code-injection.eval-dynamic
  const fn = new Function('x', 'return ' + rumus);
  // ok: repospbe.javascript.code-injection.eval-dynamic
  const tetap = new Function('a', 'b', 'return a + b');
  // ruleid: repospbe.javascript.code-injection.eval-dynamic
  setTimeout('muat("' + req.query.id + '")', 100);
  // ok: repospbe.javascript.code-injection.eval-dynamic
  setTimeout(() => muat(req.query.id), 100);
  // ruleid: repospbe.javascript.code-injection.vm-run
  const keluaran = vm.runInNewContext(req.body.skrip, { data });
  // ok: repospbe.javascript.code-injection.vm-run
  const versi = vm.runInNewContext('1 + 1');
  res.json({ hasil, fn, tetap, keluaran, versi });
}

module.exports = { hitung };

function jadwal(pesan) {
  // ok: repospbe.javascript.code-injection.eval-dynamic
  setTimeout(function () { document.title = 'Pesan: ' + pesan; }, 500);
  // ok: repospbe.javascript.code-injection.eval-dynamic
  setInterval(() => { console.log('detak ' + Date.now()); }, 1000);
  // ok: repospbe.javascript.code-injection.eval-dynamic
  window.setTimeout(() => console.log('siap ' + pesan), 0);
  // ruleid: repospbe.javascript.code-injection.eval-dynamic
  window.setTimeout('tampilkan("' + pesan + '")', 10);
}
