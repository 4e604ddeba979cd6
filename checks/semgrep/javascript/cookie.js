router.post('/reset', (req, res) => {
  // ruleid: repospbe.javascript.cookie.insecure-flags
  res.cookie('reset_token', token, { httpOnly: false });
  // ok: repospbe.javascript.cookie.insecure-flags
  res.cookie('sesi', token, { httpOnly: true, secure: true, sameSite: 'lax' });
});

// ruleid: repospbe.javascript.cookie.insecure-flags
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: false } }));
// ok: repospbe.javascript.cookie.insecure-flags
app.use(session({ secret: process.env.SESSION_SECRET, cookie: { httpOnly: true, secure: true } }));
