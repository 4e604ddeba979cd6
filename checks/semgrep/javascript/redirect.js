router.get('/lanjut', (req, res) => {
  // ruleid: repospbe.javascript.redirect.open-redirect
  res.redirect(req.query.url);
});

router.post('/masuk', (req, res) => {
  const tujuan = req.body.next || '/';
  // ruleid: repospbe.javascript.redirect.open-redirect
  res.redirect(302, tujuan);
});

router.get('/izin/:id', (req, res) => {
  // ok: repospbe.javascript.redirect.open-redirect
  res.redirect('/izin/' + encodeURIComponent(req.params.id));
});

router.get('/keluar', (req, res) => {
  // ok: repospbe.javascript.redirect.open-redirect
  res.redirect('/auth/masuk');
});

const TUJUAN_SAH = ['/beranda', '/izin', '/profil'];

router.get('/lanjut-daftar', (req, res) => {
  const tujuan = req.query.next;
  if (!TUJUAN_SAH.includes(tujuan)) {
    return res.redirect('/beranda');
  }
  // ok: repospbe.javascript.redirect.open-redirect
  return res.redirect(tujuan);
});

router.get('/lanjut-jalur', (req, res) => {
  const tujuan = String(req.query.next || '/');
  if (!tujuan.startsWith('/') || tujuan.startsWith('//')) {
    return res.redirect('/');
  }
  // ok: repospbe.javascript.redirect.open-redirect
  return res.redirect(tujuan);
});

router.get('/lanjut-setengah', (req, res) => {
  const tujuan = String(req.query.next || '/');
  if (tujuan.length > 0) {
    // ruleid: repospbe.javascript.redirect.open-redirect
    return res.redirect(tujuan);
  }
  return res.redirect('/');
});
