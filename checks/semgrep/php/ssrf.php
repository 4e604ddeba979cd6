<?php

use GuzzleHttp\Client;
use Illuminate\Support\Facades\Http;

class ProxyController
{
    public function pratinjau(Request $request)
    {
        $client = new Client(['timeout' => 5]);
        // ruleid: repospbe.php.ssrf.request-url
        $respon = $client->get($request->url);
        return $respon->getBody();
    }

    public function ambil(Request $request)
    {
        $alamat = $request->input('feed');
        // ruleid: repospbe.php.ssrf.request-url
        return Http::get($alamat)->body();
    }

    public function curl()
    {
        // ruleid: repospbe.php.ssrf.request-url
        $ch = curl_init($_GET['u']);
        return curl_exec($ch);
    }

    public function aman(Request $request)
    {
        $client = new Client(['base_uri' => config('services.siak.url')]);
        // ok: repospbe.php.ssrf.request-url
        return $client->get('/api/nik', ['query' => ['nik' => $request->input('nik')]]);
    }

    public function koleksi(Request $request)
    {
        // ok: repospbe.php.ssrf.request-url
        return collect($this->data)->get($request->input('kunci'));
    }
}
