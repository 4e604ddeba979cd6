<?php
$ch = curl_init('https://api.dukcapil.example.go.id/nik');
// ruleid: repospbe.php.tls.verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
// ruleid: repospbe.php.tls.verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);
// ok: repospbe.php.tls.verification-disabled
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
// ok: repospbe.php.tls.verification-disabled
curl_setopt($ch, CURLOPT_CAINFO, '/etc/ssl/certs/ca-pemkot.pem');

// ruleid: repospbe.php.tls.verification-disabled
$client = new \GuzzleHttp\Client(['base_uri' => $url, 'verify' => false]);
// ok: repospbe.php.tls.verification-disabled
$client = new \GuzzleHttp\Client(['base_uri' => $url, 'verify' => '/etc/ssl/certs/ca-pemkot.pem']);

$ctx = stream_context_create([
    // ruleid: repospbe.php.tls.verification-disabled
    'ssl' => ['verify_peer' => false, 'verify_peer_name' => false],
]);

// ruleid: repospbe.php.tls.verification-disabled
$resp = Http::withoutVerifying()->get('https://sipd.example.go.id/api');
// ok: repospbe.php.tls.verification-disabled
$resp = Http::timeout(10)->get('https://sipd.example.go.id/api');
