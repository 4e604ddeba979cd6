<?php

class AuthController
{
    public function login(Request $request)
    {
        // ruleid: repospbe.php.redirect.open-redirect
        return redirect($request->input('next'));
    }

    public function lanjut(Request $request)
    {
        $tujuan = $request->query('url');
        // ruleid: repospbe.php.redirect.open-redirect
        return redirect()->away($tujuan);
    }

    public function plain()
    {
        // ruleid: repospbe.php.redirect.open-redirect
        header("Location: " . $_GET['kembali']);
    }

    public function aman(Request $request)
    {
        // ok: repospbe.php.redirect.open-redirect
        return redirect()->route('penduduk.index', ['desa' => $request->input('desa')]);
    }

    public function aman2(Request $request)
    {
        // ok: repospbe.php.redirect.open-redirect
        return redirect(route('penduduk.show', $request->input('id')));
    }

    public function aman3()
    {
        // ok: repospbe.php.redirect.open-redirect
        return redirect('/beranda')->with('status', 'ok');
    }

    public function aman4()
    {
        // ok: repospbe.php.redirect.open-redirect
        return redirect()->back()->withInput();
    }
}

class BukuController
{
    public function simpan(Request $request)
    {
        $buku = $this->repo->create($request->input('judul'));
        // ok: repospbe.php.redirect.open-redirect
        return redirect($buku->getUrl());
    }

    protected function kembali(Request $request)
    {
        $basePath = url('/');
        $tujuan = $request->input('_return') ?? $basePath;
        if (!str_starts_with($tujuan, $basePath)) {
            return redirect($basePath);
        }
        // ok: repospbe.php.redirect.open-redirect
        return redirect($tujuan);
    }
}
