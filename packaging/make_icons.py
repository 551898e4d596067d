"""Render the application icon for every platform from ``resources/icons/dossier-desk.svg``.

Usage: ``python packaging/make_icons.py OUTDIR``. Writes into OUTDIR:

* ``dossier-desk-<N>.png`` for N in 16..1024 (Linux, the DMG, documentation),
* ``dossier-desk.ico`` (Windows: exe and MSI Add/Remove Programs icon),
* ``dossier-desk.icns`` (macOS app bundle),
* ``wix-banner.bmp`` (493x58) and ``wix-dialog.bmp`` (493x312): the MSI dialogs' artwork.

Qt renders the SVG (PySide6 is already a dependency, so no Pillow); the ICO and ICNS containers are
written here. Both formats may hold PNG-compressed images: ICO since Windows Vista, ICNS since
macOS 10.7, which covers every OS the app supports.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "resources" / "icons" / "dossier-desk.svg"
NAME = "dossier-desk"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, with their pixel size (the @2x types are retina variants).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),  # 512x512@2x
    (b"ic11", 32),  # 16x16@2x
    (b"ic12", 64),  # 32x32@2x
    (b"ic13", 256),  # 128x128@2x
    (b"ic14", 512),  # 256x256@2x
)


def render_pngs(source: Path = SOURCE, sizes: tuple[int, ...] = PNG_SIZES) -> dict[int, bytes]:
    """Render the SVG at each size and return PNG bytes keyed by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: cannot parse {source}")
    out: dict[int, bytes] = {}
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.save(buffer, "PNG"):
            raise SystemExit(f"make_icons: PNG encoding failed at {size}px")
        buffer.close()
        out[size] = bytes(data.data())
    del app
    return out


def wix_bitmaps(source: Path = SOURCE) -> dict[str, bytes]:
    """The MSI dialog artwork as 24-bit BMP: a top banner and the welcome/finish dialogs' left panel.

    WixUI draws the dialog text over the white part; the banner's right 58 px and the dialog's left
    164 px are free for artwork.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(source))
    out: dict[str, bytes] = {}
    for name, (width, height), icon_rect, panel in (
        ("wix-banner.bmp", (493, 58), QRectF(493 - 54, 3, 52, 52), None),
        ("wix-dialog.bmp", (493, 312), QRectF(18, 40, 128, 128), 164),
    ):
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if panel:
            gradient = QLinearGradient(0, 0, 0, height)
            gradient.setColorAt(0, QColor("#2f6f8f"))
            gradient.setColorAt(1, QColor("#1c4760"))
            painter.fillRect(0, 0, panel, height, gradient)
        renderer.render(painter, icon_rect)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.convertToFormat(QImage.Format.Format_RGB888).save(buffer, "BMP"):
            raise SystemExit(f"make_icons: BMP encoding failed for {name}")
        buffer.close()
        out[name] = bytes(data.data())
    del app
    return out


def ico_bytes(pngs: dict[int, bytes], sizes: tuple[int, ...] = ICO_SIZES) -> bytes:
    """An ICO file whose images are PNG streams (ICONDIR + ICONDIRENTRY table + data)."""
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns' + total length, then (type, length incl. 8-byte header, PNG data) elements."""
    body = b"".join(kind + struct.pack(">I", len(pngs[size]) + 8) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def build(outdir: Path) -> dict[str, Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    pngs = render_pngs()
    written: dict[str, Path] = {}
    for size, png in pngs.items():
        path = outdir / f"{NAME}-{size}.png"
        path.write_bytes(png)
        written[f"png{size}"] = path
    written["ico"] = outdir / f"{NAME}.ico"
    written["ico"].write_bytes(ico_bytes(pngs))
    written["icns"] = outdir / f"{NAME}.icns"
    written["icns"].write_bytes(icns_bytes(pngs))
    for name, bmp in wix_bitmaps().items():
        written[name] = outdir / name
        written[name].write_bytes(bmp)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    for key, path in build(Path(argv[1])).items():
        if key in {"png256", "ico", "icns"}:
            print(f"make_icons: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
