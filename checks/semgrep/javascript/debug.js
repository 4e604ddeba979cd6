const express = require('express');
const errorhandler = require('errorhandler');
const app = express();

// ruleid: repospbe.javascript.debug.errorhandler-unconditional
app.use(errorhandler());

if (process.env.NODE_ENV === 'development') {
  // ok: repospbe.javascript.debug.errorhandler-unconditional
  app.use(errorhandler());
}

app.use((err, req, res, next) => {
  // ruleid: repospbe.javascript.debug.stack-trace-in-response
  res.status(500).send({ pesan: err.message, stack: err.stack });
});

app.use((err, req, res, next) => {
  console.error(err.stack);
  // ok: repospbe.javascript.debug.stack-trace-in-response
  res.status(500).json({ pesan: 'Terjadi kesalahan pada server' });
});
