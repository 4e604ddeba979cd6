const axios = require('axios');

router.get('/pratinjau', async (req, res) => {
  // ruleid: repospbe.javascript.ssrf.request-url
  const hasil = await axios.get(req.query.url);
  res.json(hasil.data);
});

router.post('/webhook-uji', async (req, res) => {
  const alamat = req.body.callback;
  // ruleid: repospbe.javascript.ssrf.request-url
  const r = await fetch(alamat, { method: 'POST' });
  res.sendStatus(r.status);
});

router.get('/nik/:nik', async (req, res) => {
  // ok: repospbe.javascript.ssrf.request-url
  const hasil = await siak.get('/api/penduduk', { params: { nik: req.params.nik } });
  // ok: repospbe.javascript.ssrf.request-url
  const lain = await axios.get('https://siak.example.go.id/api/' + encodeURIComponent(req.params.nik));
  res.json([hasil.data, lain.data]);
});
