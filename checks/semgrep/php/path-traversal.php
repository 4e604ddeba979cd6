<?php
$berkas = $_GET['berkas'];
// ruleid: repospbe.php.path-traversal.file-access-request
readfile("/var/www/arsip/" . $berkas);
// ok: repospbe.php.path-traversal.file-access-request
readfile("/var/www/arsip/" . basename($berkas));
// ruleid: repospbe.php.path-traversal.file-access-request
$isi = file_get_contents($_POST['templat']);
// ok: repospbe.php.path-traversal.file-access-request
$isi = file_get_contents(__DIR__ . '/templat/surat.html');
// ruleid: repospbe.php.path-traversal.file-access-request
unlink('uploads/' . $_GET['hapus']);

class DokumenController extends Controller
{
    public function unduh(Request $request)
    {
        // ruleid: repospbe.php.path-traversal.file-access-request
        return response()->download(storage_path('app/dokumen/' . $request->input('nama')));
    }

    public function unduhAman(Request $request)
    {
        $dok = Dokumen::findOrFail((int) $request->input('id'));
        // ok: repospbe.php.path-traversal.file-access-request
        return response()->download(storage_path('app/dokumen/' . $dok->path));
    }
}

class Arsip extends CI_Controller
{
    public function unduh()
    {
        $nama = $this->input->get('f');
        // ruleid: repospbe.php.path-traversal.file-access-request
        force_download('./arsip/' . $nama, NULL);
    }
}

class LaporanController
{
    public function ekspor(Request $request)
    {
        $filename = 'laporan-' . $request->input('desa') . '.xlsx';
        // ok: repospbe.php.path-traversal.file-access-request
        return Excel::download(new PendudukExport($request->input('desa')), $filename);
    }

    public function unduhLama(Request $request)
    {
        // ruleid: repospbe.php.path-traversal.file-access-request
        return response()->download(storage_path('app/dokumen/' . $request->file));
    }
}
