<?php
// Plain PHP page
$nama = $_GET['nama'];
// ruleid: repospbe.php.xss.echo-request
echo "<h1>Selamat datang, " . $nama . "</h1>";
// ok: repospbe.php.xss.echo-request
echo "<h1>Selamat datang, " . htmlspecialchars($nama, ENT_QUOTES, 'UTF-8') . "</h1>";
// ruleid: repospbe.php.xss.echo-request
print "Hasil pencarian: " . $_POST['cari'];
// ok: repospbe.php.xss.echo-request
echo "Halaman " . intval($_GET['hal']);
// ok: repospbe.php.xss.echo-request
echo "<p>Data tersimpan.</p>";
?>
<form action="<?php
// ruleid: repospbe.php.xss.echo-request
echo $_SERVER['PHP_SELF']; ?>" method="post">
<?php
class Pencarian extends CI_Controller
{
    public function index()
    {
        $kata = $this->input->get('q');
        // ruleid: repospbe.php.xss.echo-request
        echo "Anda mencari: $kata";
        // ok: repospbe.php.xss.echo-request
        echo "Anda mencari: " . html_escape($kata);
        // ok: repospbe.php.xss.echo-request
        echo json_encode(['q' => $kata]);
    }
}
