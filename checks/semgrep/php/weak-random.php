<?php

// ruleid: repospbe.php.weak-random.security-value
$otp = mt_rand(100000, 999999);
// ruleid: repospbe.php.weak-random.security-value
$user->reset_token = md5(uniqid());
// ruleid: repospbe.php.weak-random.security-value
$data = ['password' => substr(str_shuffle('abcdefghjkmnpqrstuvwxyz23456789'), 0, 8)];
// ok: repospbe.php.weak-random.security-value
$otp = random_int(100000, 999999);
// ok: repospbe.php.weak-random.security-value
$user->reset_token = bin2hex(random_bytes(32));
// ok: repospbe.php.weak-random.security-value
$warna = $palet[mt_rand(0, 5)];
