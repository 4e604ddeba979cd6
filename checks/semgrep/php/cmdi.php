<?php
$host = $_GET['host'];
// ruleid: repospbe.php.cmdi.shell-command
$out = shell_exec("ping -c 3 " . $host);
// ok: repospbe.php.cmdi.shell-command
$out = shell_exec("ping -c 3 " . escapeshellarg($host));
// ruleid: repospbe.php.cmdi.shell-command
system("nslookup $host");
// ruleid: repospbe.php.cmdi.shell-command
$hasil = `whois $host`;
// ok: repospbe.php.cmdi.shell-command
exec("uptime", $baris);

class Backup_model extends CI_Model
{
    public function arsip($folder)
    {
        // ruleid: repospbe.php.cmdi.shell-command
        exec("tar czf /var/backup/arsip.tgz " . $folder, $out, $rc);
        // ok: repospbe.php.cmdi.shell-command
        exec("tar czf /var/backup/arsip.tgz " . escapeshellarg($folder), $out, $rc);
    }
}

class ToolController extends Controller
{
    public function konversi(Request $request)
    {
        $berkas = $request->input('berkas');
        // ruleid: repospbe.php.cmdi.shell-command
        passthru('libreoffice --headless --convert-to pdf ' . $berkas);
        // ok: repospbe.php.cmdi.shell-command
        passthru('libreoffice --headless --convert-to pdf ' . escapeshellarg(basename($berkas)));
    }
}

function ping_dari_json()
{
    $body = json_decode(file_get_contents('php://input'));
    $target = $body->host;
    // ruleid: repospbe.php.cmdi.shell-command
    exec("ping -c 4 " . $target, $keluaran);
    // ok: repospbe.php.cmdi.shell-command
    exec("ping -c 4 " . escapeshellarg($target), $keluaran);
    return $keluaran;
}
