<?php
// Plain PHP
if (isset($_FILES['lampiran'])) {
    $nama = $_FILES['lampiran']['name'];
    $tujuan = 'uploads/' . $nama;
    // ruleid: repospbe.php.upload.client-filename
    move_uploaded_file($_FILES['lampiran']['tmp_name'], $tujuan);
}

function simpan_aman()
{
    $ext = strtolower(pathinfo($_FILES['foto']['name'], PATHINFO_EXTENSION));
    if (!in_array($ext, ['jpg', 'jpeg', 'png'], true)) {
        die('Jenis berkas tidak diizinkan');
    }
    // ok: repospbe.php.upload.client-filename
    move_uploaded_file($_FILES['foto']['tmp_name'], 'uploads/' . bin2hex(random_bytes(16)) . '.' . $ext);
}

function simpan_acak()
{
    // ok: repospbe.php.upload.client-filename
    move_uploaded_file($_FILES['foto']['tmp_name'], 'uploads/' . bin2hex(random_bytes(16)) . '.jpg');
}

// Laravel
class LampiranController extends Controller
{
    public function store(Request $request)
    {
        $file = $request->file('dokumen');
        // ruleid: repospbe.php.upload.client-filename
        $file->storeAs('public/dokumen', $file->getClientOriginalName());
    }

    public function storeAman(Request $request)
    {
        $request->validate(['dokumen' => 'required|mimes:pdf|max:2048']);
        $file = $request->file('dokumen');
        // ok: repospbe.php.upload.client-filename
        $file->storeAs('dokumen', $file->hashName());
    }
}

// CodeIgniter 4
class Unggah extends BaseController
{
    public function simpan()
    {
        $berkas = $this->request->getFile('berkas');
        // ruleid: repospbe.php.upload.client-filename
        $berkas->move(WRITEPATH . 'uploads', $berkas->getClientName());
        // ok: repospbe.php.upload.client-filename
        $berkas->move(WRITEPATH . 'uploads', $berkas->getRandomName());
    }
}
