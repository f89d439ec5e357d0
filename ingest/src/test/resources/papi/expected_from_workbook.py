# Produces papi_2011_2016_expected.csv from reference/raw/published_indices_vietnamdata/PAPI_2011-2016.xlsx
# with openpyxl alone (no project code): for every sheet, the year in the sheet's name, and for every
# province row (tinhid < 999) its tinhid zero-padded, Vietnamese name, each dimension column (the header
# cells of row 1 that the sheet's total formula sums, cached values) and the total (column AF, the
# cached value of its formula or the number written there). Empty cells are left empty.
# Run from the repository root: python3 ingest/src/test/resources/papi/expected_from_workbook.py
import csv
import re

import openpyxl

path = "reference/raw/published_indices_vietnamdata/PAPI_2011-2016.xlsx"
formulas = openpyxl.load_workbook(path)
values = openpyxl.load_workbook(path, data_only=True)
out = open("ingest/src/test/resources/papi/papi_2011_2016_expected.csv", "w", newline="")
w = csv.writer(out, lineterminator="\n")
w.writerow(["# produced by expected_from_workbook.py with openpyxl (cached cell values) from PAPI_2011-2016.xlsx"])
w.writerow(["year", "sheet", "row", "province_code", "province_name", "dimensions", "dimension_names", "total"])
for ws in values.worksheets:
    year = int(re.search(r"(19|20)\d\d", ws.title).group(0))
    header = [c.value for c in ws[1]]
    total_col = header.index("Un-weighted2015PAPI")
    # the dimensions are the columns the total formula of the first province row adds up (D3+I3+…)
    formula = formulas[ws.title].cell(3, total_col + 1).value
    if isinstance(formula, str) and formula.startswith("="):
        letters = re.findall(r"([A-Z]+)3", formula)
    else:  # 2016: the totals are numbers; its dimensions are at the same places as the other years'
        letters = re.findall(r"([A-Z]+)3", formulas["2015_PAPI"].cell(3, total_col + 1).value)
    dims = [openpyxl.utils.column_index_from_string(letter) - 1 for letter in letters]
    for r in range(3, ws.max_row + 1):
        row = [c.value for c in ws[r]]
        if row[0] is None or row[0] >= 999:
            continue
        scores = [row[i] for i in dims]
        w.writerow(
            [
                year,
                ws.title,
                r,
                "%02d" % row[0],
                row[2],
                ";".join("" if s is None else repr(float(s)) for s in scores),
                ";".join(header[i] for i in dims),
                "" if row[total_col] is None else repr(float(row[total_col])),
            ]
        )
out.close()
