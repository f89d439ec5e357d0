/**
 * Deterministic sample data for the whole pipeline: {@link vn.chiso.ingest.sample.SampleGenerator}.
 *
 * <h2>Files</h2>
 * {@code <outputDir>/<provinceCode>/ho_so_<provinceCode>_<year>.csv}, one per official province (63) and
 * year of reception, e.g. {@code 01/ho_so_01_2024.csv}. Every file exists, even one without rows (header
 * only, only when fewer than 3 rows per province-year are asked for). Files are written as
 * {@code *.csv.part} and renamed into place when complete.
 *
 * <h2>Format</h2>
 * UTF-8 without BOM, comma-separated, RFC 4180 quoting (a field is quoted only if it contains a comma,
 * quote or line break; in practice only the unit name {@code "Sở Văn hóa, Thể thao và Du lịch"} is
 * quoted), {@code \n} line endings including after the last row, and this header:
 * <pre>Mã hồ sơ,Mã đơn vị,Tên đơn vị,Cấp,Mã tỉnh,Mã huyện,Mã thủ tục,Lĩnh vực,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày trả kết quả,Trạng thái,Đánh giá</pre>
 * <table>
 * <caption>Columns</caption>
 * <tr><th>column</th><th>content</th></tr>
 * <tr><td>Mã hồ sơ</td><td>{@code H<prov>.<unit>-<yyMMdd>-<nnnnnn>}: province code, unit code without the
 *   province prefix ({@code S05}, district {@code 012}, commune {@code 00526}), reception date, sequence per
 *   unit and day in reception order. Unique across the whole dataset.</td></tr>
 * <tr><td>Mã đơn vị</td><td>department {@code <prov>.Sxx} (e.g. {@code 01.S05}; the same {@code Sxx} is the same
 *   kind of department everywhere), district 3 digits, commune 5 digits; unique nationwide and
 *   independent of the seed.</td></tr>
 * <tr><td>Tên đơn vị</td><td>"Sở Tư pháp", "Huyện Phú Bình", "Quận 3", "Xã Tân Lập", "Phường 7", ...</td></tr>
 * <tr><td>Cấp</td><td>{@link vn.chiso.contract.UnitLevel} label: Tỉnh, Huyện, Xã.</td></tr>
 * <tr><td>Mã tỉnh</td><td>official 2-digit province code (same as the folder).</td></tr>
 * <tr><td>Mã huyện</td><td>the district's code for district and commune units; empty for Tỉnh.</td></tr>
 * <tr><td>Mã thủ tục</td><td>{@code 1.004227.000.00.00.H01}: national code plus {@code .000.00.00.H<prov>}.</td></tr>
 * <tr><td>Lĩnh vực</td><td>one of: đất đai, xây dựng, hộ tịch, tư pháp, kinh doanh, giao thông,
 *   lao động - thương binh và xã hội, đầu tư, môi trường, y tế.</td></tr>
 * <tr><td>Kênh nộp</td><td>{@link vn.chiso.contract.Channel} label.</td></tr>
 * <tr><td>Ngày tiếp nhận, Ngày hẹn trả, Ngày trả kết quả</td><td>{@code dd/MM/yyyy HH:mm}, Vietnam local
 *   time; the last is empty for pending dossiers. Due dates may fall in the year after the file's year.</td></tr>
 * <tr><td>Trạng thái</td><td>{@link vn.chiso.contract.DossierStatus} label.</td></tr>
 * <tr><td>Đánh giá</td><td>1-5 or empty; only resolved (early / on time / late) dossiers are rated.</td></tr>
 * </table>
 *
 * <h2>Rules that hold on every row</h2>
 * The file's year is the year of reception. Due &gt; received (at least one working day). Nothing is
 * received or resolved after the snapshot, 31/12/lastYear 17:00. Resolved (returned included) &gt; received.
 * Early: resolved calendar date before the due date. On time: resolved on the due date, at or before the
 * due time. Late: resolved after the due instant (possibly on the due date). Pending: no resolved date;
 * within deadline iff due &ge; snapshot, overdue iff due &lt; snapshot. Returned (0.5-2%) has a date.
 *
 * <h2>Index tables</h2>
 * {@link vn.chiso.ingest.sample.IndexAnnexGenerator} adds sample PAR Index and SIPAS tables of the 63
 * provinces in the layout of the ministry's report annex under {@code chi_so/}, marked as sample data
 * in their names, titles and source notes, calibrated to published 2023 figures (see the README).
 */
package vn.chiso.ingest.sample;
