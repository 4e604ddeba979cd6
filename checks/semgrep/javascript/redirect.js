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
