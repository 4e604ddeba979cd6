"""Model data SI-Antrean: jenis layanan, tiket antrean dan statusnya."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class StatusTiket(str, Enum):
    """Tahapan sebuah tiket dari diambil sampai selesai atau dilewati."""

    MENUNGGU = "menunggu"
    DIPANGGIL = "dipanggil"
    SELESAI = "selesai"
    DILEWATI = "dilewati"


@dataclass(frozen=True)
class Layanan:
    """Satu jenis layanan loket, mis. perizinan atau pengaduan.

    ``kode`` adalah satu huruf kapital yang menjadi awalan nomor tiket,
    ``durasi_menit`` adalah rata-rata lama melayani satu pemohon.
    """

    kode: str
    nama: str
    durasi_menit: int = 10

    def __post_init__(self) -> None:
        """Menolak kode yang bukan satu huruf kapital atau durasi yang tidak positif."""
        if len(self.kode) != 1 or not ("A" <= self.kode <= "Z"):
            raise ValueError(f"kode layanan harus satu huruf kapital: {self.kode!r}")
        if self.durasi_menit <= 0:
            raise ValueError("durasi layanan harus lebih dari nol menit")


@dataclass
class Tiket:
    """Satu nomor antrean milik seorang pemohon pada hari tertentu."""

    nomor: str
    layanan: str
    urutan: int
    diambil: str
    status: StatusTiket = StatusTiket.MENUNGGU
    loket: int | None = None
    riwayat: list[str] = field(default_factory=list)

    def ke_dict(self) -> dict[str, object]:
        """Mengubah tiket menjadi kamus sederhana untuk disimpan sebagai JSON."""
        return {
            "nomor": self.nomor,
            "layanan": self.layanan,
            "urutan": self.urutan,
            "diambil": self.diambil,
            "status": self.status.value,
            "loket": self.loket,
            "riwayat": list(self.riwayat),
        }

    @classmethod
    def dari_dict(cls, data: dict[str, object]) -> "Tiket":
        """Membangun kembali tiket dari kamus hasil ``ke_dict``."""
        loket = data.get("loket")
        return cls(
            nomor=str(data["nomor"]),
            layanan=str(data["layanan"]),
            urutan=int(str(data["urutan"])),
            diambil=str(data["diambil"]),
            status=StatusTiket(str(data["status"])),
            loket=int(str(loket)) if loket is not None else None,
            riwayat=[str(x) for x in data.get("riwayat", []) or []],  # type: ignore[union-attr]
        )
