const multer = require('multer');
const crypto = require('crypto');
const path = require('path');

const storage = multer.diskStorage({
  destination: 'public/uploads',
  filename: (req, file, cb) => cb(null, file.originalname),
});
// ruleid: repospbe.javascript.upload.multer-original-name
const upload = multer({ storage: storage });

const JENIS = ['.pdf', '.jpg', '.png'];
const storageAman = multer.diskStorage({
  destination: 'uploads',
  filename: (req, file, cb) => cb(null, crypto.randomUUID() + path.extname(file.originalname).toLowerCase()),
});
// ok: repospbe.javascript.upload.multer-original-name
const uploadAman = multer({
  storage: storageAman,
  limits: { fileSize: 2 * 1024 * 1024 },
  fileFilter: (req, file, cb) => cb(null, JENIS.includes(path.extname(file.originalname).toLowerCase())),
});

// ruleid: repospbe.javascript.upload.multer-original-name
const uploadInline = multer({ storage: multer.diskStorage({ destination: 'up', filename: function (req, file, cb) { cb(null, Date.now() + '-' + file.originalname); } }) });

// ruleid: repospbe.javascript.upload.multer-original-name
const uploadEkstensiKlien = multer({ storage: storageAman });

// ok: repospbe.javascript.upload.multer-original-name
const uploadDefault = multer({ dest: 'uploads/' });

module.exports = { uploadEkstensiKlien, upload, uploadAman, uploadInline, uploadDefault };
