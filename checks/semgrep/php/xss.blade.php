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
<!-- ok: repospbe.php.xss.blade-raw-output -->
{!! html()->form('POST', route('penduduk.store'))->acceptsFiles()->open() !!}
<!-- ok: repospbe.php.xss.blade-raw-output -->
{!! html()->text('nama', old('nama'))->class('form-control')->required() !!}
<!-- ok: repospbe.php.xss.blade-raw-output -->
{!! Form::select('desa_id', $desa, null, ['class' => 'form-select']) !!}
<!-- ok: repospbe.php.xss.blade-raw-output -->
<a href="{!! route('penduduk.show', $p) !!}">lihat</a>
<!-- ok: repospbe.php.xss.blade-raw-output -->
<a href="{!! url('/laporan/' . $id) !!}">laporan</a>
<!-- ok: repospbe.php.xss.blade-raw-output -->
<link rel="stylesheet" href="{!! asset('css/app.css') !!}">
<!-- ok: repospbe.php.xss.blade-raw-output -->
<p>{!! e($penduduk->catatan) !!}</p>
<!-- ok: repospbe.php.xss.blade-raw-output -->
<p>{!! nl2br(e($penduduk->riwayat)) !!}</p>
<!-- ok: repospbe.php.xss.blade-raw-output -->
{!! $penduduk->appends(request()->query())->links('pagination::bootstrap-4') !!}
<!-- ok: repospbe.php.xss.blade-raw-output -->
<span>{!! __('pagination.next') !!}</span>
<!-- ruleid: repospbe.php.xss.blade-raw-output -->
<input value="{!! old('nama') !!}">
<!-- ruleid: repospbe.php.xss.blade-raw-output -->
<script>var data = {!! json_encode($hasil) !!};</script>
<!-- ok: repospbe.php.xss.blade-raw-output -->
<span>{!! nl2br(htmlentities(session()->get('success'))) !!}</span>
