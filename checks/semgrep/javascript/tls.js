const https = require('https');
const axios = require('axios');

// ruleid: repospbe.javascript.tls.verification-disabled
const agen = new https.Agent({ rejectUnauthorized: false });
// ok: repospbe.javascript.tls.verification-disabled
const agenAman = new https.Agent({ ca: require('fs').readFileSync('/etc/ssl/certs/ca-pemkot.pem') });

// ruleid: repospbe.javascript.tls.verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

async function ambil() {
  // ok: repospbe.javascript.tls.verification-disabled
  return axios.get('https://sipd.example.go.id/api', { httpsAgent: agenAman, timeout: 5000 });
}

module.exports = { agen, ambil };
