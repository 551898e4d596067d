"""dmgbuild settings for the Dossier Desk disk image.

    dmgbuild -s packaging/macos/dmgbuild_settings.py \
        -D app="packaging/dist/Dossier Desk.app" \
        -D icon=packaging/build/dossier_desk/icons/dossier-desk.icns \
        "Dossier Desk" "packaging/dist/DossierDesk-<version>-macos-<arch>.dmg"

dmgbuild runs this file with ``defines`` (the -D values) in its namespace. The image shows the app next
to an /Applications link: the usual drag-to-install window.
"""

# ruff: noqa: F821  (``defines`` is provided by dmgbuild)
import os.path

application = defines.get("app", "packaging/dist/Dossier Desk.app")
appname = os.path.basename(application)

# Contents
files = [application]
symlinks = {"Applications": "/Applications"}
# Volume icon: the app's icon when given, else the one inside the bundle
icon = defines.get("icon") or os.path.join(application, "Contents", "Resources", "dossier-desk.icns")

# Compressed, read-only image. ULFO (lzfse) needs macOS 10.11+, well below our minimum (13.0).
format = defines.get("format", "ULFO")
filesystem = "HFS+"
size = None  # dmgbuild computes it from the contents

# Window
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 120), (600, 360))
default_view = "icon-view"
show_icon_preview = False
arrange_by = None
icon_size = 128
text_size = 13
label_pos = "bottom"
icon_locations = {
    appname: (160, 170),
    "Applications": (440, 170),
}
hide_extensions = [appname]

# License agreement: none (internal distribution)
