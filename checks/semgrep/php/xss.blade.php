<h1>{{ $judul }}</h1>
<div class="isi">
<!-- ruleid: repospbe.php.xss.blade-raw-output -->
{!! $berita->isi !!}
</div>
<!-- ruleid: repospbe.php.xss.blade-raw-output -->
<p>Kata kunci: {!! request('q') !!}</p>
<!-- ok: repospbe.php.xss.blade-raw-output -->
<p>Kata kunci: {{ request('q') }}</p>
<form method="post">
<!-- ok: repospbe.php.xss.blade-raw-output -->
{!! csrf_field() !!}
</form>
<!-- ok: repospbe.php.xss.blade-raw-output -->
{!! $pegawai->links() !!}
<!-- ok: repospbe.php.xss.blade-raw-output -->
{!! clean($berita->isi) !!}
