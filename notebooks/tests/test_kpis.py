"""The KPI arithmetic the notebooks use: the portal's rounding, sums of counts, re-expression, ranks."""

import numpy as np
import pandas as pd

import chiso_lake as cl


def test_ratio_and_score_round_half_up_like_the_portal():
    # 1/3 → 33.33; 2/3 → 66.67; 1/8 = 12.5 exactly; 5/40000 = 0.0125 → 0.01; half-up at .005: 1/800 = 0.125 → 0.13
    assert list(cl.ratio_half_up([1, 2, 1, 5, 1, 0], [3, 3, 8, 40000, 800, 0])) == [33.33, 66.67, 12.5, 0.01, 0.13, 0.0]
    # score = 20 × ratio / 100: 97.25 → 19.45; 96.78 → 19.356 → 19.36; 99.99 → 19.998 → 20.00; 0.025 case
    assert list(cl.score_half_up([97.25, 96.78, 99.99, 100.0, 0.0])) == [19.45, 19.36, 20.0, 20.0, 0.0]


def test_sums_are_of_counts_not_averages_of_rates():
    kpis = pd.DataFrame(
        {"g": ["a", "a"], "received": [100, 900], "on_time": [50, 900], "online": [0, 0], "postal": [0, 0]}
    )
    out = cl.sum_counts(kpis, ["g"])
    assert out["on_time_ratio"].iloc[0] == 95.0  # (50 + 900) / 1000, not (50% + 100%) / 2
    assert out["progress_score"].iloc[0] == 19.0


def test_reexpression_sums_old_provinces_into_their_successor():
    kpis = pd.DataFrame(
        {
            "level": "province",
            "unit_code": ["02", "08", "01"],
            "period_type": "year",
            "period": "2024",
            "year": 2024,
            "received": [10, 30, 5],
            "on_time": [5, 30, 5],
            "online": 0,
            "postal": 0,
        }
    )
    succ = pd.DataFrame(
        {
            "province_code": ["02", "08", "01"],
            "successor_code": ["08", "08", "01"],
            "successor_name": ["Tuyên Quang", "Tuyên Quang", "Hà Nội"],
        }
    )
    new = cl.reexpress_on_34(kpis, succ).set_index("unit_code")
    assert new.loc["08", "received"] == 40 and new.loc["08", "on_time_ratio"] == 87.5
    assert new.loc["08", "old_provinces"] == "02, 08"
    assert new.loc["01", "on_time_ratio"] == 100.0


def test_competition_ranking():
    assert list(cl.competition_rank(np.array([20.0, 19.5, 20.0, 18.0]))) == [1, 3, 1, 4]
    draws = cl.competition_rank(np.array([[1.0, 2.0], [2.0, 1.0]]))
    assert draws.tolist() == [[2, 1], [1, 2]]


def test_successors_come_from_the_63_even_when_silver_units_also_holds_the_34():
    import datetime

    units = pd.DataFrame(
        {
            "unit_code": ["01", "02", "08", "01", "08"],
            "unit_name": ["Hà Nội", "Hà Giang", "Tuyên Quang", "Hà Nội", "Tuyên Quang"],
            "unit_level": "province",
            "region": "r",
            "valid_from": [None, None, None, datetime.date(2025, 7, 1), datetime.date(2025, 7, 1)],
            "valid_to": [datetime.date(2025, 6, 30)] * 3 + [None, None],
            "successor_code": ["01", "08", "08", None, None],
            "successor_name": ["Hà Nội", "Tuyên Quang", "Tuyên Quang", None, None],
        }
    )
    succ = cl.province_successors(units)
    assert sorted(succ["province_code"]) == ["01", "02", "08"]
    assert dict(zip(succ["province_code"], succ["successor_code"])) == {"01": "01", "02": "08", "08": "08"}
