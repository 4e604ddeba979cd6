# title: PKI DEMO: Root CA dan sertifikat pejabat (openssl; BUKAN PSrE/BSrE sungguhan) / a demo PKI
set -euo pipefail
# Semua di sini adalah PKI DEMO: sertifikat tanpa kekuatan hukum, dibuat saat ini juga, di luar registri.
# Di instalasi sungguhan jangkar kepercayaan adalah root PSrE/BSrE dan sertifikat diterbitkan PSrE.
PKI="$(dirname "$WORK")/pki-demo"; mkdir -p "$PKI"; cd "$PKI"
cat > ca.cnf <<'CNF'
[ca]
default_ca = demo
[demo]
database = index.txt
crlnumber = crlnumber
default_md = sha256
default_crl_days = 30
[akar]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[pejabat]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
: > index.txt; echo 01 > crlnumber
openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -config ca.cnf \
  -extensions akar -keyout akar-demo.key -out akar-demo.pem \
  -subj "/C=ID/O=PSrE DEMO - bukan PSrE sungguhan/CN=Root CA DEMO repospbe" 2>/dev/null
# Reviewer DEMO Citra (NIP yang sama dengan rekamannya di demo/50-tata-kelola-awal.sh).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout citra.key -out citra.csr \
  -subj "/C=ID/O=Pemerintah Kota Pontianak (DEMO)/CN=Reviewer Demo Citra/serialNumber=NIP:199001012015011003" 2>/dev/null
openssl x509 -req -in citra.csr -CA akar-demo.pem -CAkey akar-demo.key -CAcreateserial -days 365 \
  -extfile ca.cnf -extensions pejabat -out citra.pem 2>/dev/null
# Pengembang DEMO (pengelola OPD Diskominfo; NIP yang sama dengan rekamannya di demo/50-tata-kelola-awal.sh):
# membuka merge request dengan sertifikat di samping kunci SSH (demo/51-merge-request.sh).
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout pengembang.key -out pengembang.csr \
  -subj "/C=ID/O=Pemerintah Kota Pontianak (DEMO)/CN=Pengembang Demo/serialNumber=NIP:199203032019031005" 2>/dev/null
openssl x509 -req -in pengembang.csr -CA akar-demo.pem -CAkey akar-demo.key -CAcreateserial -days 365 \
  -extfile ca.cnf -extensions pejabat -out pengembang.pem 2>/dev/null
openssl ca -config ca.cnf -keyfile akar-demo.key -cert akar-demo.pem -gencrl -out akar-demo.crl 2>/dev/null
echo "PKI DEMO di $PKI:"
openssl x509 -in akar-demo.pem -noout -subject | sed 's/^/  jangkar: /'
openssl x509 -in citra.pem -noout -subject | sed 's/^/  pejabat: /'
