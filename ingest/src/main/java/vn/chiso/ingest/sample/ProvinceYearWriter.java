package vn.chiso.ingest.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import vn.chiso.contract.Channel;
import vn.chiso.contract.DossierStatus;

/**
 * Writes one province-year file, streaming day by day: each day's dossiers are drawn, sorted by
 * reception time, numbered per unit and day, then resolved against the snapshot and written out.
 * Only one day of dossiers is in memory at a time.
 */
final class ProvinceYearWriter {

    static final int COMMUNE = 0;
    static final int DISTRICT = 1;
    static final int PROVINCE = 2;

    /** Lateness multipliers per level (commune, district, department). */
    private static final double[] LEVEL_LATENESS = {0.7, 1.4, 1.0};

    private static final double[] LEVEL_ONLINE = {0.8, 1.0, 1.2};
    private static final double[] LEVEL_POSTAL = {0.4, 1.0, 1.5};
    /** Reception volume of a day by kind (workday, Saturday, Sunday, holiday) and month. */
    private static final double[] DAY_KIND_WEIGHT = {1.0, 0.12, 0.05, 0.04};

    private static final double[] MONTH_WEIGHT = {1.12, 0.82, 1.02, 0.98, 1.0, 1.0, 0.97, 0.98, 0.96, 1.0, 1.03, 1.12};

    private static final byte[][] CHANNEL = new byte[Channel.values().length][];
    private static final byte[][] STATUS = new byte[DossierStatus.values().length][];

    static {
        for (Channel c : Channel.values()) {
            CHANNEL[c.ordinal()] = CsvOut.utf8(CsvOut.field(c.label()) + ",");
        }
        for (DossierStatus s : DossierStatus.values()) {
            STATUS[s.ordinal()] = CsvOut.utf8(CsvOut.field(s.label()) + ",");
        }
    }

    /** Weighted choice by binary search over cumulative weights. */
    static final class Picker {
        private final double[] cumulative;
        private final int[] items;
        private final double total;

        Picker(double[] weights, int[] items) {
            this.cumulative = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i];
                cumulative[i] = sum;
            }
            this.items = items;
            this.total = sum;
        }

        boolean isEmpty() {
            return items.length == 0;
        }

        int pick(Rng rng) {
            double u = rng.nextDouble() * total;
            int lo = 0;
            int hi = cumulative.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cumulative[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return items[lo];
        }
    }

    /** Everything about a province that does not change by year: pre-encoded row pieces and pickers. */
    static final class Prepared {
        final Atlas.ProvinceUnits units;
        final ProvinceProfile profile;
        final int unitCount;
        final byte[][] idPrefix;
        final byte[][] rowPrefix;
        final double[] lateness;
        final Picker[] unitPickers = new Picker[3];
        final Picker[] procedurePickers;
        final Picker[] levelProcedures = new Picker[3];
        final byte[][] procedureBytes;

        Prepared(Atlas.ProvinceUnits units, ProvinceProfile profile) {
            this.units = units;
            this.profile = profile;
            String prov = units.province().code();
            List<Atlas.Unit> all = new ArrayList<>();
            all.addAll(units.departments());
            all.addAll(units.districts());
            all.addAll(units.communes());
            unitCount = all.size();
            idPrefix = new byte[unitCount][];
            rowPrefix = new byte[unitCount][];
            lateness = new double[unitCount];
            procedurePickers = new Picker[unitCount];
            for (int u = 0; u < unitCount; u++) {
                Atlas.Unit unit = all.get(u);
                String local =
                        unit.code().startsWith(prov + ".") ? unit.code().substring(prov.length() + 1) : unit.code();
                idPrefix[u] = CsvOut.utf8("H" + prov + "." + local + "-");
                rowPrefix[u] = CsvOut.utf8(String.join(
                                ",",
                                CsvOut.field(unit.code()),
                                CsvOut.field(unit.name()),
                                CsvOut.field(unit.level().label()),
                                prov,
                                unit.districtCode())
                        + ",");
                lateness[u] = unit.lateness();
                if (unit.department() != null) {
                    procedurePickers[u] = procedures(unit.department().procedures());
                }
            }
            int depts = units.departments().size();
            int districts = units.districts().size();
            unitPickers[PROVINCE] = unitPicker(all, 0, depts);
            unitPickers[DISTRICT] = unitPicker(all, depts, depts + districts);
            unitPickers[COMMUNE] = unitPicker(all, depts + districts, unitCount);
            levelProcedures[COMMUNE] = procedures(Catalog.COMMUNE);
            levelProcedures[DISTRICT] = procedures(Catalog.DISTRICT);
            procedureBytes = new byte[Catalog.PROCEDURES.size()][];
            for (Catalog.Procedure p : Catalog.PROCEDURES) {
                procedureBytes[p.index()] = CsvOut.utf8(CsvOut.field(p.code() + ".000.00.00.H" + prov) + ","
                        + CsvOut.field(p.field().label()) + ",");
            }
        }

        private static Picker unitPicker(List<Atlas.Unit> all, int from, int to) {
            double[] w = new double[to - from];
            int[] items = new int[to - from];
            for (int i = from; i < to; i++) {
                w[i - from] = all.get(i).volume();
                items[i - from] = i;
            }
            return new Picker(w, items);
        }

        private static Picker procedures(List<Catalog.Procedure> list) {
            double[] w = new double[list.size()];
            int[] items = new int[list.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = list.get(i).weight();
                items[i] = list.get(i).index();
            }
            return new Picker(w, items);
        }
    }

    private final WorkCalendar cal;
    private final long seed;
    private final int snapshot;
    private final LongAdder rowsDone;

    ProvinceYearWriter(WorkCalendar cal, long seed, int snapshotMinute, LongAdder rowsDone) {
        this.cal = cal;
        this.seed = seed;
        this.snapshot = snapshotMinute;
        this.rowsDone = rowsDone;
    }

    /** Writes the file and returns its size in bytes. {@code levelCounts} = rows per commune, district, province level. */
    long write(Prepared prep, int year, long[] levelCounts, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".part");
        long bytes;
        try (CsvOut out = new CsvOut(Files.newOutputStream(tmp), 1 << 17)) {
            out.put(CsvOut.utf8(SampleGenerator.HEADER + "\n"));
            new Run(prep, year, levelCounts, out).run();
            out.flush();
            bytes = out.bytesWritten();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        SampleGenerator.moveIntoPlace(tmp, target);
        return bytes;
    }

    /** The state of writing one file. */
    private final class Run {
        private final Prepared prep;
        private final int year;
        private final long[] remaining;
        private final CsvOut out;
        private final Rng rng;
        private final double lateBase;
        private final double online;
        private final ProvinceProfile profile;
        private final int[] seqDay;
        private final int[] seq;
        private long[] keys = new long[64];
        private int[] dayUnit = new int[64];
        private int[] dayLevel = new int[64];
        private int[] dayProc = new int[64];
        private int[] dayChannel = new int[64];

        Run(Prepared prep, int year, long[] levelCounts, CsvOut out) {
            this.prep = prep;
            this.year = year;
            this.remaining = levelCounts.clone();
            this.out = out;
            this.profile = prep.profile;
            this.rng = Rng.of(seed, 0xF11EL, prep.units.index(), year);
            this.lateBase = 1.0 - profile.onTime(year);
            this.online = profile.online(year);
            this.seqDay = new int[prep.unitCount];
            this.seq = new int[prep.unitCount];
            Arrays.fill(seqDay, -1);
        }

        void run() {
            long total = remaining[0] + remaining[1] + remaining[2];
            for (int level = 0; level < 3; level++) {
                if (remaining[level] > 0 && prep.unitPickers[level].isEmpty()) {
                    throw new IllegalStateException("no units at level " + level + " in "
                            + prep.units.province().code());
                }
            }
            int start = cal.yearStart(year);
            int len = cal.yearLength(year);
            double[] weights = new double[len];
            double sum = 0;
            for (int i = 0; i < len; i++) {
                int month = cal.date(start + i).getMonthValue();
                weights[i] = DAY_KIND_WEIGHT[cal.kind(start + i)] * MONTH_WEIGHT[month - 1] * rng.between(0.75, 1.25);
                sum += weights[i];
            }
            // systematic sampling: exact total, each day close to its expected share
            double offset = rng.nextDouble();
            double cum = 0;
            long assigned = 0;
            for (int i = 0; i < len; i++) {
                cum += weights[i];
                long upTo = i == len - 1 ? total : Math.min(total, (long) Math.floor(total * (cum / sum) + offset));
                int count = (int) (upTo - assigned);
                assigned = upTo;
                if (count > 0) {
                    day(start + i, count);
                    rowsDone.add(count);
                }
            }
        }

        private void day(int d, int count) {
            if (keys.length < count) {
                int n = Math.max(count, keys.length * 2);
                keys = new long[n];
                dayUnit = new int[n];
                dayLevel = new int[n];
                dayProc = new int[n];
                dayChannel = new int[n];
            }
            byte kind = cal.kind(d);
            for (int j = 0; j < count; j++) {
                long r = rng.nextLong(remaining[0] + remaining[1] + remaining[2]);
                int level = r < remaining[0] ? COMMUNE : r < remaining[0] + remaining[1] ? DISTRICT : PROVINCE;
                remaining[level]--;
                int unit = prep.unitPickers[level].pick(rng);
                int proc = level == PROVINCE
                        ? prep.procedurePickers[unit].pick(rng)
                        : prep.levelProcedures[level].pick(rng);
                Catalog.Procedure p = Catalog.PROCEDURES.get(proc);
                double pOnline = Math.min(0.97, online * p.onlineFactor() * LEVEL_ONLINE[level]);
                double pPostal = Math.min(0.99 - pOnline, profile.postal * LEVEL_POSTAL[level]);
                double x = rng.nextDouble();
                int channel = x < pOnline
                        ? Channel.ONLINE.ordinal()
                        : x < pOnline + pPostal ? Channel.POSTAL.ordinal() : Channel.DIRECT.ordinal();
                int minute;
                if (channel == Channel.ONLINE.ordinal()) {
                    minute = onlineMinute();
                } else if (kind == WorkCalendar.WORKDAY) {
                    minute = officeMinute();
                } else if (kind == WorkCalendar.SATURDAY && rng.chance(0.5)) {
                    minute = WorkCalendar.OPEN
                            + rng.nextInt(WorkCalendar.NOON_CLOSE - WorkCalendar.OPEN); // Saturday morning desk
                } else {
                    channel = Channel.ONLINE.ordinal(); // offices closed: only online submissions arrive
                    minute = onlineMinute();
                }
                if (d * WorkCalendar.MINUTES_PER_DAY + minute > snapshot) {
                    minute = 7 * 60 + rng.nextInt(10 * 60); // the export is taken at 17:00 on the last day
                }
                keys[j] = ((long) minute << 32) | j;
                dayUnit[j] = unit;
                dayLevel[j] = level;
                dayProc[j] = proc;
                dayChannel[j] = channel;
            }
            Arrays.sort(keys, 0, count);
            for (int k = 0; k < count; k++) {
                int j = (int) keys[k];
                int minute = (int) (keys[k] >>> 32);
                int unit = dayUnit[j];
                if (seqDay[unit] != d) {
                    seqDay[unit] = d;
                    seq[unit] = 0;
                }
                row(d, minute, unit, dayLevel[j], Catalog.PROCEDURES.get(dayProc[j]), dayChannel[j], ++seq[unit]);
            }
        }

        private void row(int d, int minute, int unit, int level, Catalog.Procedure p, int channel, int sequence) {
            final int received = d * WorkCalendar.MINUTES_PER_DAY + minute;
            boolean workday = cal.kind(d) == WorkCalendar.WORKDAY;
            boolean inHours = workday && minute >= WorkCalendar.OPEN && minute <= WorkCalendar.CLOSE;
            int startDay = workday && minute <= WorkCalendar.CLOSE ? d : cal.workDay(cal.workIndexOnOrAfter(d + 1));
            int startIdx = cal.workIndexOnOrAfter(startDay);
            int n = p.legalDays();
            int dueIdx = startIdx + n;
            int dueDay = cal.workDay(dueIdx);
            int dueMin = inHours ? minute : WorkCalendar.CLOSE;
            int due = dueDay * WorkCalendar.MINUTES_PER_DAY + dueMin;

            DossierStatus status;
            int resolved = -1;
            double u = rng.nextDouble();
            if (u < profile.returned) {
                resolved = resolutionOn(cal.workDay(startIdx + rng.nextInt(Math.min(n, 3))), d, minute);
                status = DossierStatus.RETURNED;
            } else if (u < profile.returned + profile.stuck * p.field().stuckFactor() * prep.lateness[unit]) {
                status = null; // stuck: never resolved
            } else {
                double pLate = lateBase * LEVEL_LATENESS[level] * p.field().lateFactor() * prep.lateness[unit];
                pLate = Math.max(0.0005, Math.min(0.7, pLate));
                if (rng.nextDouble() < pLate) {
                    resolved = lateResolution(due, dueMin, dueIdx, p);
                    status = DossierStatus.RESOLVED_LATE;
                } else if (rng.nextDouble() < profile.earlyShare) {
                    double v = rng.nextDouble();
                    resolved = resolutionOn(cal.workDay(startIdx + (int) (n * v * v)), d, minute);
                    status = DossierStatus.RESOLVED_EARLY;
                } else {
                    resolved = dueDay * WorkCalendar.MINUTES_PER_DAY
                            + WorkCalendar.OPEN
                            + rng.nextInt(dueMin - WorkCalendar.OPEN + 1);
                    status = DossierStatus.RESOLVED_ON_TIME;
                }
            }
            if (status == null || resolved > snapshot) {
                resolved = -1;
                status = due >= snapshot ? DossierStatus.PENDING_WITHIN_DEADLINE : DossierStatus.PENDING_OVERDUE;
            }
            writeRow(d, unit, sequence, p, channel, received, due, resolved, status, rating(status));
        }

        /** A resolution on {@code day}: after the reception minute when that is the reception day. */
        private int resolutionOn(int day, int d, int minute) {
            return day * WorkCalendar.MINUTES_PER_DAY + (day == d ? minuteAfter(minute) : officeMinute());
        }

        /** When a late dossier is resolved: some the due day after the due minute, most days later. */
        private int lateResolution(int due, int dueMin, int dueIdx, Catalog.Procedure p) {
            if (dueMin < WorkCalendar.CLOSE && rng.chance(0.12)) {
                return due + 1 + rng.nextInt(WorkCalendar.CLOSE - dueMin);
            }
            int k = 1 + (int) Math.min(400, rng.exponential(p.field().meanDaysLate()));
            return cal.workDay(dueIdx + k) * WorkCalendar.MINUTES_PER_DAY + officeMinute();
        }

        /** The citizen's rating 1–5 of a resolved dossier, or 0 when none was given; lower when late. */
        private int rating(DossierStatus status) {
            if (!status.isResolved() || rng.nextDouble() >= profile.rated) {
                return 0;
            }
            double s = profile.satisfaction - (status == DossierStatus.RESOLVED_LATE ? 0.3 : 0.0);
            double x = rng.nextDouble();
            if (x < s) {
                return 5;
            }
            double y = (x - s) / (1.0 - s);
            return y < 0.5 ? 4 : y < 0.75 ? 3 : y < 0.88 ? 2 : 1;
        }

        private void writeRow(
                int d,
                int unit,
                int sequence,
                Catalog.Procedure p,
                int channel,
                int received,
                int due,
                int resolved,
                DossierStatus status,
                int rating) {
            CsvOut o = out;
            o.put(prep.idPrefix[unit]);
            cal.writeCompactDate(o, d);
            o.put((byte) '-');
            o.padded(sequence, 6);
            o.put((byte) ',');
            o.put(prep.rowPrefix[unit]);
            o.put(prep.procedureBytes[p.index()]);
            o.put(CHANNEL[channel]);
            cal.writeDateTime(o, received);
            o.put((byte) ',');
            cal.writeDateTime(o, due);
            o.put((byte) ',');
            if (resolved >= 0) {
                cal.writeDateTime(o, resolved);
            }
            o.put((byte) ',');
            o.put(STATUS[status.ordinal()]);
            if (rating > 0) {
                o.put((byte) ('0' + rating));
            }
            o.put((byte) '\n');
        }

        /** A time in office hours, mornings busier. */
        private int officeMinute() {
            if (rng.chance(0.6)) {
                return WorkCalendar.OPEN + rng.nextInt(WorkCalendar.NOON_CLOSE - WorkCalendar.OPEN);
            }
            return WorkCalendar.NOON_OPEN + rng.nextInt(WorkCalendar.CLOSE - WorkCalendar.NOON_OPEN + 1);
        }

        /** Online submissions: mostly daytime, some evenings, a few at night. */
        private int onlineMinute() {
            double x = rng.nextDouble();
            if (x < 0.70) {
                return 7 * 60 + rng.nextInt(10 * 60 + 30);
            } else if (x < 0.92) {
                return 17 * 60 + 30 + rng.nextInt(5 * 60 + 30);
            }
            return (23 * 60 + rng.nextInt(8 * 60)) % WorkCalendar.MINUTES_PER_DAY;
        }

        /** An office-hours time strictly after {@code m} on the same day (a little overtime if none is left). */
        private int minuteAfter(int m) {
            if (m < WorkCalendar.OPEN) {
                return officeMinute();
            }
            int afternoon = WorkCalendar.CLOSE - WorkCalendar.NOON_OPEN + 1;
            if (m < WorkCalendar.NOON_CLOSE) {
                int morning = WorkCalendar.NOON_CLOSE - m - 1;
                int x = rng.nextInt(morning + afternoon);
                return x < morning ? m + 1 + x : WorkCalendar.NOON_OPEN + (x - morning);
            }
            if (m < WorkCalendar.NOON_OPEN) {
                return WorkCalendar.NOON_OPEN + rng.nextInt(afternoon);
            }
            if (m < WorkCalendar.CLOSE) {
                return m + 1 + rng.nextInt(WorkCalendar.CLOSE - m);
            }
            return m + 1 + rng.nextInt(30);
        }
    }
}
