<?php
$rumus = $_POST['rumus'];
// ruleid: repospbe.php.code-injection.eval-dynamic
$nilai = eval("return " . $rumus . ";");
// ok: repospbe.php.code-injection.eval-dynamic
eval("return 1 + 1;");
// ruleid: repospbe.php.code-injection.eval-dynamic
assert("strlen('" . $rumus . "') > 0");
// ok: repospbe.php.code-injection.eval-dynamic
assert($jumlah > 0);
// ruleid: repospbe.php.code-injection.eval-dynamic
$f = create_function('$a', 'return $a * 2;');
// ok: repospbe.php.code-injection.eval-dynamic
$f = function ($a) { return $a * 2; };

// ruleid: repospbe.php.code-injection.preg-replace-eval
$teks = preg_replace('/\{(\w+)\}/e', '$data["\1"]', $templat);
// ok: repospbe.php.code-injection.preg-replace-eval
$teks = preg_replace('/\s+/', ' ', $templat);
// ok: repospbe.php.code-injection.preg-replace-eval
$teks = preg_replace('/^nama$/i', 'x', $templat);

// ruleid: repospbe.php.code-injection.unserialize-request
$keranjang = unserialize($_COOKIE['keranjang']);
// ok: repospbe.php.code-injection.unserialize-request
$keranjang = unserialize($_COOKIE['keranjang'], ['allowed_classes' => false]);
// ok: repospbe.php.code-injection.unserialize-request
$keranjang = json_decode($_COOKIE['keranjang'], true);

class Sesi extends CI_Controller
{
    public function pulihkan()
    {
        $data = $this->input->post('state');
        // ruleid: repospbe.php.code-injection.unserialize-request
        $obj = unserialize(base64_decode($data));
        // ok: repospbe.php.code-injection.unserialize-request
        $obj = unserialize(file_get_contents(APPPATH . 'cache/state.bin'));
    }
}

$hal = $_GET['hal'];
// ruleid: repospbe.php.code-injection.include-request
include $hal . '.php';
// ruleid: repospbe.php.code-injection.include-request
require_once("pages/" . $_GET['modul']);
// ok: repospbe.php.code-injection.include-request
include 'pages/' . basename($hal) . '.php';
$halaman = ['beranda' => 'beranda.php', 'profil' => 'profil.php'];
// ok: repospbe.php.code-injection.include-request
include 'pages/' . ($halaman[$hal] ?? 'beranda.php');
