"""Expected values of VCCI's PCI workbooks, read independently of the Java reader.

Run from the repository root:  python3 ingest/src/test/resources/pci/make_expected.py
(Python 3.11, pandas, xlrd for .xls, openpyxl for .xlsx). It writes, next to itself:
  expected_<year>.csv      province_code, province (as published), total (the weighted PCI), rank,
                           sub_indices (how many sub-indices the table has), total_cell (file!sheet!cell)
and prints the least-squares weights per year, saved as weights_fit.txt (how the weights of
transforms/…/methodologies/pci/*.yaml were verified).

The layout of each summary table (header row, province column, sub-index columns, total, rank) is
written out by hand below after looking at every sheet with pandas, so these values do not depend
on the Java reader's header matching. Names are resolved with contract's provinces_63.csv plus the
few spellings listed here; 'Hà Tây' (merged into Hà Nội in 2008) is kept out with code 'UNRESOLVED'.
"""

import csv
import os
import re
import unicodedata

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
RAW = "reference/raw/published_indices_vietnamdata"

SUB = ["PCI_ENTRY", "PCI_LAND", "PCI_TRANSPARENCY", "PCI_TIME", "PCI_INFORMAL"]


def key(name):
    s = unicodedata.normalize("NFD", str(name)).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    s = re.sub(r"^(tp\.?|tinh|thanh pho)\s*", "", s.strip())
    return re.sub(r"[^a-z0-9]", "", s)


CODES = {}
with open("reference/provinces_63.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f):
        CODES[key(r["name"])] = r["code"]
for alias, code in {
    "TT.Huế": "46",
    "TT- Huế": "46",
    "TT-Huế": "46",
    "TT-Hue": "46",
    "Thừa Thiên Huế": "46",
    "TP.HCM": "79",
    "Tp.HCM": "79",
    "HCMC": "79",
    "TP.Hồ Chí Minh": "79",
    "BRVT": "77",
    "Bắc Cạn": "06",
    "Bac Kan": "06",
    "Đăk Nông": "67",
    "Đak Nông": "67",
    "Dak Nong": "67",
    "Đắk Lắk": "66",
    "Dak Lak": "66",
    "Đăk Lăk": "66",
    "Quàng Ngãi": "51",
    "Đắc Lắk": "66",
}.items():
    CODES[key(alias)] = code


def code(name):
    return CODES.get(key(name), "UNRESOLVED")


def col(letter):
    n = 0
    for c in letter:
        n = n * 26 + ord(c) - 64
    return n - 1


def letter(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


# year -> (file, sheet, first data row (0-based), last data row, layout)
# wide: province column, {component: column}, total column, rank column (None: the rank is the row
#       order of a table sorted by its total)
# league: {component: (province column, score column)}, total pair, rank pair
TABLES = {
    2005: (
        "PCI_2005.xls",
        "Bảng tóm tắt chỉ số",
        2,
        43,
        "wide",
        dict(
            province="A",
            comps=dict(
                PCI_ENTRY="F",
                PCI_LAND="G",
                PCI_TRANSPARENCY="H",
                PCI_TIME="I",
                PCI_INFORMAL="J",
                PCI_CENTRAL_POLICY="K",
                PCI_SOE_BIAS="L",
                PCI_PROACTIVITY="M",
                PCI_BUSINESS_SUPPORT="N",
            ),
            total="O",
            rank_sheet=("Xếp hạng theo chỉ số PCI", 1, 42, "A", "B", "C"),
        ),
    ),
    2006: (
        "PCI_2006.xls",
        "PCI Tóm tắt",
        2,
        65,
        "wide",
        dict(
            province="B",
            comps=dict(
                PCI_ENTRY="C",
                PCI_LAND="D",
                PCI_TRANSPARENCY="E",
                PCI_TIME="F",
                PCI_INFORMAL="G",
                PCI_SOE_BIAS="H",
                PCI_PROACTIVITY="I",
                PCI_BUSINESS_SUPPORT="J",
                PCI_LABOR="K",
                PCI_LEGAL="L",
            ),
            total="M",
            rank="A",
        ),
    ),
    2007: (
        "PCI_2007.xls",
        "Tóm tắt các chỉ số PCI ",
        1,
        64,
        "wide",
        dict(
            province="A",
            comps=dict(
                PCI_ENTRY="E",
                PCI_LAND="F",
                PCI_TRANSPARENCY="G",
                PCI_TIME="H",
                PCI_INFORMAL="I",
                PCI_SOE_BIAS="J",
                PCI_PROACTIVITY="K",
                PCI_BUSINESS_SUPPORT="L",
                PCI_LABOR="M",
                PCI_LEGAL="N",
            ),
            total="P",
            unweighted="O",
            rank="B",
        ),
    ),
    2008: (
        "PCI_2008.xls",
        "Tổng hợp",
        2,
        65,
        "league",
        dict(
            comps=dict(
                PCI_ENTRY=("B", "C"),
                PCI_LAND=("D", "E"),
                PCI_TRANSPARENCY=("F", "G"),
                PCI_TIME=("H", "I"),
                PCI_INFORMAL=("J", "K"),
                PCI_SOE_BIAS=("L", "M"),
                PCI_PROACTIVITY=("N", "O"),
                PCI_BUSINESS_SUPPORT=("P", "Q"),
                PCI_LABOR=("R", "S"),
                PCI_LEGAL=("T", "U"),
            ),
            total=("X", "Y"),
            unweighted=("V", "W"),
            rank=("X", "A"),
        ),
    ),
    2009: (
        "PCI_2009.xls",
        "Tong Hop",
        3,
        65,
        "wide",
        dict(
            province="C",
            comps=dict(
                PCI_ENTRY="D",
                PCI_LAND="E",
                PCI_TRANSPARENCY="F",
                PCI_TIME="G",
                PCI_INFORMAL="H",
                PCI_PROACTIVITY="I",
                PCI_BUSINESS_SUPPORT="J",
                PCI_LABOR="K",
                PCI_LEGAL="L",
            ),
            total="M",
            rank="B",
        ),
    ),
}
LEAGUE_2012 = dict(
    comps=dict(
        PCI_ENTRY=("B", "C"),
        PCI_LAND=("D", "E"),
        PCI_TRANSPARENCY=("F", "G"),
        PCI_TIME=("H", "I"),
        PCI_INFORMAL=("J", "K"),
        PCI_PROACTIVITY=("L", "M"),
        PCI_BUSINESS_SUPPORT=("N", "O"),
        PCI_LABOR=("P", "Q"),
        PCI_LEGAL=("R", "S"),
    ),
    total=("T", "U"),
    rank=("V", "W"),
)
LEAGUE_2013 = dict(
    comps=dict(
        PCI_ENTRY=("B", "C"),
        PCI_LAND=("D", "E"),
        PCI_TRANSPARENCY=("F", "G"),
        PCI_TIME=("H", "I"),
        PCI_INFORMAL=("J", "K"),
        PCI_POLICY_BIAS=("L", "M"),
        PCI_PROACTIVITY=("N", "O"),
        PCI_BUSINESS_SUPPORT=("P", "Q"),
        PCI_LABOR=("R", "S"),
        PCI_LEGAL=("T", "U"),
    ),
    total=("V", "W"),
    rank=("V", "X"),
)
TABLES[2012] = ("PCI_2012.xlsx", "Tong hop", 1, 63, "league", LEAGUE_2012)
TABLES[2013] = ("PCI_2016.xlsx", "Summary", 1, 63, "league", LEAGUE_2013)
TABLES[2015] = ("PCI_2015.xlsx", "Summary_VN", 1, 63, "league", LEAGUE_2013)
TABLES[2016] = ("PCI_2016.xlsx", "Summary_VN", 1, 63, "league", LEAGUE_2013)


def exact(v):
    """The cell's double as its shortest decimal text, as the reader takes it."""
    return float(v)


def extract(year):
    file, sheet, first, last, kind, lay = TABLES[year]
    d = pd.read_excel(os.path.join(RAW, file), sheet_name=sheet, header=None)
    rows = {}  # name -> {component: score, ...}

    def put(name, comp, value):
        rows.setdefault(str(name).strip(), {})[comp] = value

    for r in range(first, last + 1):
        if kind == "wide":
            name = d.iat[r, col(lay["province"])]
            for comp, c in lay["comps"].items():
                put(name, comp, exact(d.iat[r, col(c)]))
            put(name, "TOTAL", exact(d.iat[r, col(lay["total"])]))
            put(name, "_cell", f"{file}!{sheet}!{lay['total']}{r + 1}")
            if lay.get("unweighted"):
                put(name, "PCI_UNWEIGHTED", exact(d.iat[r, col(lay["unweighted"])]))
            if lay.get("rank"):
                put(name, "_rank", int(d.iat[r, col(lay["rank"])]))
        else:
            for comp, (p, c) in lay["comps"].items():
                put(d.iat[r, col(p)], comp, exact(d.iat[r, col(c)]))
            p, c = lay["total"]
            put(d.iat[r, col(p)], "TOTAL", exact(d.iat[r, col(c)]))
            put(d.iat[r, col(p)], "_cell", f"{file}!{sheet}!{c}{r + 1}")
            if lay.get("unweighted"):
                p, c = lay["unweighted"]
                put(d.iat[r, col(p)], "PCI_UNWEIGHTED", exact(d.iat[r, col(c)]))
            p, c = lay["rank"]
            put(d.iat[r, col(p)], "_rank", int(d.iat[r, col(c)]))
    if "rank_sheet" in lay:
        s, f0, f1, pc, tc, rc = lay["rank_sheet"]
        rd = pd.read_excel(os.path.join(RAW, file), sheet_name=s, header=None)
        by_code = {code(k): v for k, v in rows.items()}
        for r in range(f0, f1 + 1):
            v = by_code[code(rd.iat[r, col(pc)])]  # the ranking sheet spells 'Quàng Ngãi'
            assert abs(v["TOTAL"] - float(rd.iat[r, col(tc)])) < 1e-9, (year, r)
            v["_rank"] = int(rd.iat[r, col(rc)])
    return file, sheet, len(lay["comps"]), rows


def main():
    for year in sorted(TABLES):
        file, sheet, n, rows = extract(year)
        with open(os.path.join(HERE, f"expected_{year}.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["province_code", "province", "total", "rank", "sub_indices", "total_cell"])
            for name, v in sorted(rows.items(), key=lambda kv: kv[1]["_rank"]):
                w.writerow([code(name), name, repr(v["TOTAL"]), v["_rank"], n, v["_cell"]])
        # the weights: least squares of the weighted total on the sub-indices (no intercept)
        comps = [c for c in next(iter(rows.values())) if c.startswith("PCI_") and c != "PCI_UNWEIGHTED"]
        a = np.array([[v[c] for c in comps] for v in rows.values()])
        b = np.array([v["TOTAL"] for v in rows.values()])
        x, *_ = np.linalg.lstsq(a, b, rcond=None)
        resid = np.abs(a @ x - b).max()
        unresolved = [k for k in rows if code(k) == "UNRESOLVED"]
        print(year, file, sheet, f"{len(rows)} provinces", f"{n} sub-indices", "unresolved:", unresolved)
        print(
            "   weights (x10 = percent):",
            {c: round(float(w) * 10, 3) for c, w in zip(comps, x)},
            f"sum {float(x.sum()) * 10:.3f}%, max residual {resid:.2e}",
        )


if __name__ == "__main__":
    main()
