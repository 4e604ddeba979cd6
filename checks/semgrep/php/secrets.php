<?php
// ruleid: repospbe.php.secrets.hardcoded-credential
$db_password = "Pontianak2024!";
// ok: repospbe.php.secrets.hardcoded-credential
$db_password = getenv('DB_PASSWORD');
// ok: repospbe.php.secrets.hardcoded-credential
$password = "";
// ruleid: repospbe.php.secrets.hardcoded-credential
define('API_KEY', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc');
// ok: repospbe.php.secrets.hardcoded-credential
define('APP_NAME', 'SIMPEG Kota');

// CodeIgniter 3 application/config/database.php
$db['default'] = array(
    'hostname' => 'localhost',
    'username' => 'simpeg',
    // ruleid: repospbe.php.secrets.hardcoded-credential
    'password' => 'rahasia123',
    'database' => 'simpeg',
);
// ruleid: repospbe.php.secrets.hardcoded-credential
$config['encryption_key'] = 'a8f5f167f44f4964e6c998dee827110c';
// ok: repospbe.php.secrets.hardcoded-credential
$config['csrf_token_name'] = 'csrf_test_name';
// ok: repospbe.php.secrets.hardcoded-credential
$config['encryption_key'] = '';

// Laravel validation and language lines are not secrets
$aturan = [
    // ok: repospbe.php.secrets.hardcoded-credential
    'password' => 'required|confirmed|min:8',
    // ok: repospbe.php.secrets.hardcoded-credential
    'token' => 'Token reset kata sandi tidak valid.',
];
$koneksi = [
    // ok: repospbe.php.secrets.hardcoded-credential
    'password' => env('DB_PASSWORD', ''),
];

// ruleid: repospbe.php.secrets.hardcoded-db-password
$conn = mysqli_connect('localhost', 'root', 'P@ssw0rd', 'sipp');
// ok: repospbe.php.secrets.hardcoded-db-password
$conn = mysqli_connect('localhost', 'root', getenv('DB_PASS'), 'sipp');
// ok: repospbe.php.secrets.hardcoded-db-password
$conn = mysqli_connect('localhost', 'root', '', 'sipp');
// ruleid: repospbe.php.secrets.hardcoded-db-password
$pdo = new PDO('mysql:host=localhost;dbname=sipp', 'sipp', 'sipp_db_2023');
// ok: repospbe.php.secrets.hardcoded-db-password
$pdo = new PDO($dsn, $user, $pass);

class Setting
{
    // ruleid: repospbe.php.secrets.hardcoded-credential
    const WA_GATEWAY_TOKEN = 'e3b0c44298fc1c149afbf4c8996fb924';
}

class Pengguna
{
    // ok: repospbe.php.secrets.hardcoded-credential
    protected $casts = ['email_verified_at' => 'datetime', 'password' => 'hashed'];
}

class User
{
    // ruleid: repospbe.php.secrets.default-password
    const DEFAULT_PASSWORD = '12345678';
    // ok: repospbe.php.secrets.default-password
    const PASSWORD_MIN_LENGTH = 8;
}

class UserSeeder
{
    public function run()
    {
        // ruleid: repospbe.php.secrets.default-password
        User::create(['email' => 'admin@kecamatan.test', 'password' => bcrypt('123456')]);
        // ok: repospbe.php.secrets.default-password
        User::create(['email' => 'op@kecamatan.test', 'password' => Hash::make(env('SEED_PASSWORD'))]);
        // ok: repospbe.php.secrets.default-password
        $hash = Hash::make($request->input('password'));
    }
}
