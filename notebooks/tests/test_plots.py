"""Vietnamese labels render: the plot font has every glyph, and a missing one fails the figure."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib import font_manager, ft2font  # noqa: E402

import chiso_lake  # noqa: E402

# Every precomposed Vietnamese letter (both cases) and the labels' punctuation.
VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ–—·→≤≥∝×÷…"
NAMES = [
    "Hà Nội",
    "Thừa Thiên Huế",
    "Bà Rịa - Vũng Tàu",
    "Đắk Lắk",
    "Phú Yên",
    "Tỷ lệ đúng hạn",
    "Hồ sơ tồn đọng quá hạn",
]


def test_plot_font_has_every_vietnamese_glyph():
    chiso_lake.setup_plots()
    path = font_manager.findfont(font_manager.FontProperties(family=chiso_lake.FONT), fallback_to_default=False)
    charmap = set(ft2font.FT2Font(path).get_charmap())
    text = VIETNAMESE + VIETNAMESE.upper()
    missing = sorted({c for c in text if not c.isspace() and ord(c) not in charmap})
    assert not missing, f"{path} lacks {missing}"


def test_a_figure_with_vietnamese_labels_renders_without_glyph_warnings(tmp_path, monkeypatch):
    chiso_lake.setup_plots()
    monkeypatch.setenv(chiso_lake.FIGURES_ENV, str(tmp_path))
    fig, ax = plt.subplots()
    ax.barh(NAMES, range(len(NAMES)))
    ax.set_title("Tỷ lệ đúng hạn theo lĩnh vực — cả nước")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        chiso_lake.show(fig, "vi", source="gold/unit_kpis@v1")
    assert (tmp_path / "vi.png").stat().st_size > 1000


def test_a_missing_glyph_fails_the_figure():
    chiso_lake.setup_plots()
    fig, ax = plt.subplots()
    ax.set_title("合計 (CJK: not in DejaVu Sans)")
    with pytest.raises(chiso_lake.MissingGlyphError):
        chiso_lake.show(fig, "cjk")
    plt.close(fig)
