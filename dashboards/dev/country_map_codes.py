"""Derive official province code -> ISO 3166-2 code of Superset's Vietnam country map.

Superset's country map (legacy plugin, Superset 6.1) colours a province when the chart's entity
value equals the GeoJSON feature's `properties.ISO` (e.g. VN-HN, VN-28); the tooltip shows
`properties.NAME_1`. The map is the 63-province (pre-July-2025) layout. Its ISO codes are not the
official GSO province codes (Kon Tum is VN-28 on the map, 62 officially), so dashboards need this
table. Matching is by province name; two names differ in spelling between the sources.

Usage: python country_map_codes.py PROVINCES_63_CSV > country_map_vn.csv
(the GeoJSON is found inside the installed superset package).
"""

import csv
import glob
import json
import os
import sys
import unicodedata

import superset

ALIASES = {"Thừa Thiên - Huế": "Thừa Thiên Huế", "Thành phố Hồ Chí Minh": "Hồ Chí Minh"}


def nfc(s):
    return unicodedata.normalize("NFC", s)


def vietnam_geojson():
    assets = os.path.join(os.path.dirname(superset.__file__), "static", "assets")
    for path in glob.glob(os.path.join(assets, "*.geojson")):
        with open(path, encoding="utf-8") as f:
            head = f.read(300)
        if '"name": "vietnam"' in head or '"name":"vietnam"' in head:
            return path
    sys.exit("no vietnam GeoJSON among superset/static/assets/*.geojson")


def main(provinces_csv):
    path = vietnam_geojson()
    with open(path, encoding="utf-8") as f:
        features = json.load(f)["features"]
    iso = {
        ALIASES.get(nfc(ft["properties"]["NAME_1"]), nfc(ft["properties"]["NAME_1"])): (
            ft["properties"]["ISO"],
            nfc(ft["properties"]["NAME_1"]),
        )
        for ft in features
    }
    with open(provinces_csv, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["code", "name", "iso_3166_2", "map_name"])
    missing = []
    for r in rows:
        hit = iso.get(nfc(r["name"]))
        if hit is None:
            missing.append(r["name"])
            continue
        out.writerow([r["code"], nfc(r["name"]), hit[0], hit[1]])
    if missing or len(rows) != len(features):
        sys.exit(f"unmatched: {missing}; {len(rows)} provinces vs {len(features)} map features")
    print(
        f"# {len(rows)} provinces matched to {os.path.relpath(path, os.path.dirname(superset.__file__))}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
