<?php
$user = $_POST['username'];
// ruleid: repospbe.php.weak-hash.password-md5-sha1
$hash = md5($_POST['password']);
// ruleid: repospbe.php.weak-hash.password-md5-sha1
$sql = "UPDATE users SET password = '" . sha1($password_baru) . "'";
// ruleid: repospbe.php.weak-hash.password-md5-sha1
$cek = hash('md5', $kata_sandi);
// ok: repospbe.php.weak-hash.password-md5-sha1
$hash = password_hash($_POST['password'], PASSWORD_DEFAULT);
// ok: repospbe.php.weak-hash.password-md5-sha1
$etag = md5($isi_berkas);

class Auth_model extends CI_Model
{
    public function login($username, $password)
    {
        $this->db->where('username', $username);
        // ruleid: repospbe.php.weak-hash.password-md5-sha1
        $this->db->where('password', md5(md5($password)));
        return $this->db->get('users')->row();
    }
}
