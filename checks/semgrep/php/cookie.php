<?php

// ruleid: repospbe.php.cookie.insecure-flags
setcookie('sesi_lama', session_id());
// ruleid: repospbe.php.cookie.insecure-flags
setcookie('remember_token', $token, time() + 3600, '/', '', true, false);
// ruleid: repospbe.php.cookie.insecure-flags
setcookie('auth', $jwt, ['expires' => time() + 600, 'secure' => true]);
// ok: repospbe.php.cookie.insecure-flags
setcookie('auth', $jwt, ['expires' => time() + 600, 'path' => '/', 'secure' => true, 'httponly' => true, 'samesite' => 'Lax']);
// ok: repospbe.php.cookie.insecure-flags
setcookie('remember_token', $token, time() + 3600, '/', '', true, true);
// ok: repospbe.php.cookie.insecure-flags
setcookie('bahasa', 'id');
