<?php
// Plain PHP (mysqli / PDO)
$id = $_GET['id'];
// ruleid: repospbe.php.sqli.string-built-query
$hasil = mysqli_query($conn, "SELECT * FROM penduduk WHERE id = $id");
// ok: repospbe.php.sqli.string-built-query
$hasil = mysqli_query($conn, "SELECT * FROM penduduk WHERE id = " . intval($_GET['id']));
$nik = $_POST['nik'];
// ruleid: repospbe.php.sqli.string-built-query
$stmt = $pdo->query("SELECT * FROM penduduk WHERE nik = '" . $nik . "'");
// ok: repospbe.php.sqli.string-built-query
$stmt = $pdo->prepare("SELECT * FROM penduduk WHERE nik = ?");
$stmt->execute([$nik]);
$nama = mysqli_real_escape_string($conn, $_POST['nama']);
// ok: repospbe.php.sqli.string-built-query
mysqli_query($conn, "SELECT * FROM penduduk WHERE nama = '$nama'");

// Laravel
class PegawaiController extends Controller
{
    public function index(Request $request)
    {
        $q = $request->input('q');
        // ruleid: repospbe.php.sqli.string-built-query
        return DB::select("SELECT * FROM pegawai WHERE nama LIKE '%" . $q . "%'");
    }

    public function show(Request $request, $id)
    {
        // ruleid: repospbe.php.sqli.string-built-query
        $rows = DB::table('pegawai')->whereRaw("id = $id")->get();
        // ok: repospbe.php.sqli.string-built-query
        $rows = DB::table('pegawai')->whereRaw('id = ?', [$id])->get();
        // ok: repospbe.php.sqli.string-built-query
        return DB::select('SELECT * FROM pegawai WHERE nama = ?', [$request->nama]);
    }

    public function filter(Request $request, $kunci)
    {
        // ok: repospbe.php.sqli.string-built-query
        $nilai = $request->query($kunci);
        // ok: repospbe.php.sqli.string-built-query
        $satu = Pegawai::where(['nip' => $kunci])->first();
        // ok: repospbe.php.sqli.string-built-query
        $dua = Pegawai::where(function ($q) use ($kunci) { $q->where('nip', $kunci)->orWhere('nik', $kunci); })->get();
        return [$nilai, $satu, $dua];
    }

    public function cari(Request $request)
    {
        // ruleid: repospbe.php.sqli.string-built-query
        return DB::table('pegawai')->select(DB::raw("count(*) as n, {$request->kolom}"))->get();
    }
}

// CodeIgniter 3 model and controller
class Pegawai_model extends CI_Model
{
    protected $table = 'pegawai';

    public function by_nip($nip)
    {
        // ruleid: repospbe.php.sqli.string-built-query
        return $this->db->query("SELECT * FROM pegawai WHERE nip = '" . $nip . "'")->row();
    }

    public function by_nip_aman($nip)
    {
        // ok: repospbe.php.sqli.string-built-query
        return $this->db->query("SELECT * FROM " . $this->table . " WHERE nip = ?", array($nip))->row();
    }

    public function jalankan($sql)
    {
        // ok: repospbe.php.sqli.string-built-query
        return $this->db->query($sql);
    }

    public function dari_form()
    {
        $unit = $this->input->get('unit');
        // ruleid: repospbe.php.sqli.string-built-query
        $this->db->where("unit = '$unit'");
        // ok: repospbe.php.sqli.string-built-query
        $this->db->where('unit', $unit);
        return $this->db->get('pegawai')->result();
    }
}

// CodeIgniter 4
class Laporan extends BaseController
{
    public function index()
    {
        $tahun = $this->request->getGet('tahun');
        $db = \Config\Database::connect();
        // ruleid: repospbe.php.sqli.string-built-query
        $db->query("SELECT * FROM laporan WHERE tahun = " . $tahun);
        // ok: repospbe.php.sqli.string-built-query
        $db->query("SELECT * FROM laporan WHERE tahun = ?", [$tahun]);
        // ok: repospbe.php.sqli.string-built-query
        $db->query("SELECT * FROM laporan WHERE tahun = " . (int) $tahun);
    }
}

class PendudukController
{
    public function index(Request $request)
    {
        $cari = $request->input('cari');
        // ok: repospbe.php.sqli.string-built-query
        $q = Penduduk::query()->where('nama', 'like', '%' . $cari . '%')->orWhere('nik', $cari);
        // ok: repospbe.php.sqli.string-built-query
        $q->orWhereRaw('LOWER(nama) LIKE ?', ['%' . strtolower($cari) . '%']);
        // ok: repospbe.php.sqli.string-built-query
        DB::update('UPDATE penduduk SET diperbarui_oleh = ? WHERE id = ?', [$request->user()->id, $request->input('id')]);
        $nik = $request->input('nik');
        $sql = "SELECT * FROM penduduk WHERE nik = '" . $nik . "'";
        // ruleid: repospbe.php.sqli.string-built-query
        return DB::select($sql);
    }
}

class GambarRepo
{
    public function daftar(?callable $whereClause, array $saring)
    {
        // ok: repospbe.php.sqli.string-built-query
        $q = Gambar::query()->where($whereClause);
        // ok: repospbe.php.sqli.string-built-query
        $r = $this->xpath->query($saring['ekspresi']);
        return [$q, $r];
    }
}
