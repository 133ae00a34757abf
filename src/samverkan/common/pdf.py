"""What every PDF (agendas, itineraries, funder reports) shares: the bundled fonts.

DejaVu Sans ships with samverkan (licence in fonts/LICENSE-DejaVu.txt), so å/ä/ö, õ/š/ž
and ā/ē/ī print the same on every machine, with or without system fonts.
"""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
